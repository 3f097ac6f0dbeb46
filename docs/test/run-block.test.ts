import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, removeSandbox, runBlock, type Sandbox } from "./run-block.js";

describe("runBlock", () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = createSandbox("run-block-test");
  });
  afterAll(() => removeSandbox(sandbox));

  it("runs in the sandbox with the built mtls-lab first on PATH and no proxy", async () => {
    const result = await runBlock(sandbox, 'pwd; command -v mtls-lab; echo "proxy=${https_proxy:-none}"; echo err >&2', 30);
    expect(result.code).toBe(0);
    expect(result.output).toContain(sandbox.work);
    expect(result.output).toContain(join(sandbox.root, "bin", "mtls-lab"));
    expect(result.output).toContain("proxy=none");
    expect(result.output).toContain("err");
  });

  it("stops at the first failing command (bash -e) and reports its exit code", async () => {
    const result = await runBlock(sandbox, "echo before\nexit 3\necho after", 30);
    expect(result.code).toBe(3);
    expect(result.output).toContain("before");
    expect(result.output).not.toContain("after");
  });

  it("kills a block at its timeout, background children included", async () => {
    const result = await runBlock(sandbox, "sleep 300 &\necho $! > child.pid\nsleep 300", 1);
    expect(result.timedOut).toBe(true);
    const pid = Number(readFileSync(join(sandbox.work, "child.pid"), "utf8"));
    // The whole process group got SIGKILL: the background sleep is gone too (or a zombie until reaped).
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  });

  it("removes its directory", () => {
    const other = createSandbox("run-block-remove");
    expect(statSync(other.work).isDirectory()).toBe(true);
    removeSandbox(other);
    expect(existsSync(other.root)).toBe(false);
  });
});
