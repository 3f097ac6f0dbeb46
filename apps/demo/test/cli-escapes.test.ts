/**
 * Terminal escape injection (issue 16): a certificate whose CN and SAN hold ESC sequences, BEL, CR and a C1
 * CSI goes through inspect, lint, verify, diagnose and explain (a capture of a connection that presented it,
 * with an ESC-laden SNI), in text and JSON. No raw control byte but newline may reach stdout or stderr.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect as connectTls } from "node:tls";
import { run, tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../src/lab/server.js";
import { runInProcess } from "./cli-helpers.js";
import { makeTestKit, type TestKit } from "./lab-helpers.js";

const temp = tempDir("mtls-lab-esc-");
const dir = temp.path;
let kit: TestKit;
let capture: string;
/** Every C0 control but newline, DEL, and C1 (as UTF-8 decodes it): none may be printed raw. */
const rawControl = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
const evilCn = "red\x1b[31m\x1b]0;title\x07\rfake\u009b";

beforeAll(async () => {
  kit = await makeTestKit();
  const openssl = async (args: string[]) => {
    const result = await run("openssl", args, { cwd: dir, timeoutMs: 30_000 });
    expect(result.code, result.stderr).toBe(0);
  };
  await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=Esc CA", "-days", "30"]);
  await openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-utf8", "-subj", `/CN=${evilCn}`]);
  writeFileSync(join(dir, "ext.cnf"), "subjectAltName=DNS:a\x1b[2Jb.test\nextendedKeyUsage=clientAuth,serverAuth\n");
  await openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "leaf.crt", "-days", "30", "-extfile", "ext.cnf"]);

  // A capture of a connection that presents the certificate, with ESC in its SNI.
  capture = join(dir, "captures");
  const server = createServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"), capture: { dir: capture } });
  const port = await server.listen(0);
  await new Promise<void>((resolve) => {
    const socket = connectTls({ host: "127.0.0.1", port, servername: "sni\x1b[5m.test", ca: kit.read("server-ca.crt"),
      cert: readFileSync(join(dir, "leaf.crt")), key: readFileSync(join(dir, "leaf.key")), checkServerIdentity: () => undefined });
    socket.on("error", () => resolve());
    socket.once("secureConnect", () => socket.end("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    socket.once("close", () => resolve());
    socket.resume();
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !readdirSync(capture).some((name) => name.endsWith(".json"))) await new Promise((r) => setTimeout(r, 50));
  await server.close();
}, 60_000);

afterAll(() => {
  temp.cleanup();
  kit?.cleanup();
});

function captureFile(): string {
  return join(capture, readdirSync(capture).find((name) => name.endsWith(".json")) ?? "none.json");
}

describe("control characters from certificates and captures are shown, never printed raw", () => {
  it("the certificate and the capture really carry them (so the checks below can fail)", async () => {
    const text = await run("openssl", ["x509", "-in", "leaf.crt", "-noout", "-subject", "-nameopt", "utf8,-esc_ctrl,-esc_msb"], { cwd: dir, timeoutMs: 30_000 });
    expect(text.stdout).toContain("\x1b[31m");
    expect(readFileSync(captureFile(), "utf8")).toContain('"events"');
  });

  const commands: [string, () => string[]][] = [
    ["inspect", () => ["inspect", "leaf.crt"]],
    ["inspect --json", () => ["inspect", "leaf.crt", "--json"]],
    ["lint", () => ["lint", "leaf.crt"]],
    ["lint --json", () => ["lint", "leaf.crt", "--json"]],
    ["verify", () => ["verify", "leaf.crt", "--trust", "ca.crt", "--purpose", "client"]],
    ["verify --json", () => ["verify", "leaf.crt", "--trust", "ca.crt", "--purpose", "client", "--json"]],
    ["diagnose", () => ["diagnose", "--server-chain", "leaf.crt", "--client-ca", join(kit.dir, "client-ca.crt"), "--client-chain", "leaf.crt", "--client-key", "leaf.key", "--server-ca", join(kit.dir, "server-ca.crt")]],
    ["diagnose --json", () => ["diagnose", "--server-chain", "leaf.crt", "--client-ca", join(kit.dir, "client-ca.crt"), "--client-chain", "leaf.crt", "--client-key", "leaf.key", "--server-ca", join(kit.dir, "server-ca.crt"), "--json"]],
    ["explain", () => ["explain", captureFile()]],
    ["explain --json", () => ["explain", captureFile(), "--json"]],
  ];
  it.each(commands)("%s", async (_name, argv) => {
    const result = await runInProcess(argv(), dir);
    const out = result.stdout + result.stderr;
    expect(out.length).toBeGreaterThan(0);
    expect(out).not.toMatch(rawControl);
    // The evil CN or SAN is there, shown: ESC as \x1b (or RFC 4514's \1B in a DN), never as the byte.
    expect(out).toMatch(/(red|a)(\\x1b|\\\\x1b|\\1B|\\\\1B)\[(31m|2J)/);
  });
});
