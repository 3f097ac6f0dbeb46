/**
 * The lab's commands through the CLI framework (runCli with a collecting io and an abort signal for Ctrl-C):
 * serve with the .lab kit and --capture, request in both certificate forms, app, up, and their usage errors.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, tempDir, waitForPort } from "@mtls-lab/peers";
import type { CommandIo } from "../src/cli/command.js";
import { runCli } from "../src/cli/run-cli.js";
import { ensureLabKit } from "../src/lab/kit.js";

const cwd = tempDir("mtls-lab-cli-lab-");

function io(): CommandIo & { out: () => string; err: () => string; stop: () => void } {
  let out = "";
  let err = "";
  const controller = new AbortController();
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd: cwd.path,
    signal: controller.signal,
    out: () => out,
    err: () => err,
    stop: () => controller.abort(),
  };
}

/** Starts a long-running command, waits until its port accepts, and returns a function that stops it. */
async function startCommand(argv: string[], port: number) {
  const session = io();
  const done = runCli(argv, session);
  const up = await Promise.race([waitForPort(port, 20_000), done.then(() => false)]);
  if (!up) throw new Error(`${argv[0]} did not listen: ${session.err()}`);
  return { session, stop: async () => (session.stop(), await done) };
}

beforeAll(async () => {
  await ensureLabKit(join(cwd.path, ".lab"));
});

afterAll(() => cwd.cleanup());

describe("lab commands", () => {
  it("serve uses .lab, request verifies the server and sends PEM or PKCS#12, capture writes files", async () => {
    const port = await freePort();
    const serve = await startCommand(["serve", "--port", String(port), "--capture", "caps"], port);
    expect(serve.session.out()).toContain(`https://127.0.0.1:${port}/`);
    const url = `https://localhost:${port}/api/test`;
    const pem = io();
    expect(await runCli(["request", "--url", url, "--root-ca", ".lab/server-ca.crt", "--cert", ".lab/client.crt", "--key", ".lab/client.key"], pem)).toBe(0);
    expect(pem.out()).toMatch(/^HTTP 200 \(TLSv1\.3/);
    expect(pem.out()).toContain("certificate verified successfully");
    const p12 = io();
    expect(await runCli(["request", "--url", url, "--root-ca", ".lab/server-ca.crt", "--p12", ".lab/client.p12", "--password", "changeit"], p12)).toBe(0);
    const none = io();
    expect(await runCli(["request", "--url", url, "--root-ca", ".lab/server-ca.crt"], none)).toBe(1);
    expect(none.out()).toContain("HTTP 401");
    expect(none.out()).toContain("UNABLE_TO_GET_ISSUER_CERT");
    const untrusted = io();
    expect(await runCli(["request", "--url", url, "--root-ca", ".lab/client-ca.crt"], untrusted)).toBe(1);
    expect(untrusted.err()).toMatch(/^mtls-lab: request failed: [A-Z_]+: /);
    expect(untrusted.err()).toContain("fix: ");
    expect(untrusted.err()).not.toMatch(/\n\s+at /); // no stack trace
    expect(await serve.stop()).toBe(0);
    expect(serve.session.out()).toContain("stopped");
    expect(await waitForPort(port, 300)).toBe(false);
    expect(readdirSync(join(cwd.path, "caps")).filter((f) => f.endsWith(".json")).length).toBeGreaterThanOrEqual(4);
  });

  it("app and up listen until Ctrl-C and then stop", async () => {
    const appPort = await freePort();
    const app = await startCommand(["app", "--port", String(appPort)], appPort);
    expect(await app.stop()).toBe(0);
    const port = await freePort();
    const up = await startCommand(["up", "--port", String(port)], port);
    expect(up.session.out()).toContain(`curl --cacert .lab/server-ca.crt https://localhost:${port}/`);
    expect(up.session.err()).toContain("kit: using");
    expect(await up.stop()).toBe(0);
    expect(await waitForPort(port, 300)).toBe(false);
  });

  it("says what is wrong in one line for bad flags and missing files", async () => {
    const cases: [string[], number, RegExp][] = [
      [["serve", "--port", "99999"], 2, /--port must be a port/],
      [["serve", "--cert", "x.crt"], 2, /--cert and --key go together/],
      [["serve", "--cert", "missing.crt", "--key", "missing.key"], 1, /missing\.crt: cannot read the --cert file \(no such file\)/],
      [["request"], 2, /missing --url/],
      [["request", "--url", "http://example.test/"], 1, /BAD_URL/],
      [["up", "--port", "-1"], 2, /unknown|port/],
    ];
    for (const [argv, code, message] of cases) {
      const session = io();
      expect(await runCli(argv, session), argv.join(" ")).toBe(code);
      expect(session.err().trim().split("\n")[0], argv.join(" ")).toMatch(message);
    }
  });
});
