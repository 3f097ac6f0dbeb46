/**
 * Memory of `inspect` on a 50 MB input (issue 16): a 50 MB text file cost 748 MB RSS (15x), a 50 MB random
 * file 389 MB. The peak RSS of the whole process, Node itself included, must stay under 4x the input.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "@mtls-lab/peers";
import { afterAll, describe, expect, it } from "vitest";
import { binPath } from "./cli-helpers.js";

const temp = tempDir("mtls-lab-memory-");
afterAll(() => temp.cleanup());
const size = 50 * 1000 * 1000;

function inspectPeak(file: string): Promise<{ code: number | null; stderr: string; maxRssBytes: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, "fixtures", "max-rss.mjs"), binPath, "inspect", file], { cwd: temp.path, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(guard);
      resolve({ code, stderr, maxRssBytes: Number(/max-rss (\d+)/.exec(stderr)?.[1] ?? Number.NaN) * 1024 });
    });
  });
}

describe("inspect of a 50 MB input", () => {
  it("a text file: one clear line, and peak RSS under 4x its size", { timeout: 90_000 }, async () => {
    const line = "The quick brown fox jumps over the lazy dog 0123456789.\n";
    writeFileSync(join(temp.path, "text.txt"), line.repeat(Math.ceil(size / line.length)).slice(0, size));
    const result = await inspectPeak("text.txt");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('mtls-lab: text.txt: not PEM, DER or base64: no "-----BEGIN" line, and the text is not base64\n');
    expect(result.maxRssBytes, `peak RSS ${result.maxRssBytes}`).toBeLessThan(4 * size);
  });

  it("a random file: one clear line, and peak RSS under 4x its size", { timeout: 90_000 }, async () => {
    const bytes = randomBytes(size);
    bytes[0] = 0x41; // not 0x30: read as text, the case that cost 389 MB
    writeFileSync(join(temp.path, "random.bin"), bytes);
    const result = await inspectPeak("random.bin");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("mtls-lab: random.bin: not PEM, DER or base64");
    expect(result.maxRssBytes, `peak RSS ${result.maxRssBytes}`).toBeLessThan(4 * size);
  });
});
