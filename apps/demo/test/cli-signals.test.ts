/**
 * Signals (issue 16): one-shot commands end on the first SIGTERM/SIGINT with 143/130 and leave no partial
 * output; a server stops gracefully on the first. The built bin in a child process, as a user runs it.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "@mtls-lab/peers";
import { afterAll, describe, expect, it } from "vitest";
import { binPath } from "./cli-helpers.js";

const temp = tempDir("mtls-lab-signals-");
afterAll(() => temp.cleanup());

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** ms from the signal to the exit. */
  afterSignal: number;
}

/**
 * Spawns the bin, sends `signal` once after `delayMs` (time to load and start working), and resolves how
 * it ended. A guard kills it 20 s after the signal: a command that swallowed the signal fails the test.
 */
function signalled(argv: string[], signal: NodeJS.Signals, delayMs: number, stdin?: Buffer): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, ...argv], { cwd: temp.path, stdio: [stdin ? "pipe" : "ignore", "pipe", "pipe"] });
    // Left open: the command is still reading. If the signal ends it before it has read everything (it may
    // still be loading), the rest of the write fails with EPIPE: expected here, not an error of the test.
    child.stdin?.on("error", () => undefined);
    if (stdin) child.stdin?.write(stdin);
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    let sentAt = 0;
    let guard: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      sentAt = Date.now();
      child.kill(signal);
      guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
    }, delayMs);
    child.on("exit", (code, sig) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal: sig, stdout, afterSignal: sentAt ? Date.now() - sentAt : -1 });
    });
  });
}

describe("signals", () => {
  it("one SIGTERM ends `inspect` of a large bundle (exit 143)", { timeout: 40_000 }, async () => {
    // 40 copies of the Mozilla bundle: ~5,800 certificates, about 20 s of decoding on a quiet machine.
    writeFileSync(join(temp.path, "big.pem"), readFileSync("/etc/ssl/certs/ca-certificates.crt", "utf8").repeat(40));
    const ended = await signalled(["inspect", "big.pem"], "SIGTERM", 2_500);
    expect(ended.afterSignal).toBeGreaterThanOrEqual(0);
    expect(ended.code, `signal ${ended.signal}`).toBe(143);
    expect(ended.afterSignal).toBeLessThan(10_000);
    expect(ended.stdout).toBe(""); // it never got to printing
  });

  it("one SIGINT ends `inspect -` still reading standard input (exit 130)", { timeout: 40_000 }, async () => {
    const ended = await signalled(["inspect", "-"], "SIGINT", 1_500, Buffer.alloc(1024 * 1024, 0x41));
    expect(ended.code, `signal ${ended.signal}`).toBe(130);
    expect(ended.afterSignal).toBeLessThan(10_000);
  });

  it("one SIGTERM ends `kit` while it generates, and leaves no partial output", { timeout: 40_000 }, async () => {
    const ended = await signalled(["kit", "--out", "k", "--key", "rsa-4096", "--intermediate", "--client", "a", "--client", "b", "--client", "c"], "SIGTERM", 1_500);
    expect(ended.code, `signal ${ended.signal}`).toBe(143);
    const left = existsSync(join(temp.path, "k")) ? readdirSync(join(temp.path, "k")) : [];
    expect(left).toEqual([]);
  });

  it("`serve` stops gracefully on the first SIGTERM (exit 0, 'stopped')", { timeout: 40_000 }, async () => {
    const kit = spawn(process.execPath, [binPath, "kit", "--out", "serve-kit"], { cwd: temp.path, stdio: "ignore" });
    await new Promise((r) => kit.once("exit", r));
    const ended = await signalled(["serve", "--port", "0", "--cert", "serve-kit/server-chain.crt", "--key", "serve-kit/server.key", "--root-ca", "serve-kit/client-ca.crt"], "SIGTERM", 2_500);
    expect(ended.stdout).toMatch(/^serving https:\/\/127\.0\.0\.1:\d+\/ .*\nstopped\n$/);
    expect(ended.code).toBe(0);
  });
});
