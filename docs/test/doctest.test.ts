/**
 * The Learn tutorial cannot rot: every `sh runnable` block of docs/learn/*.md runs, in order, against
 * the built CLI and the local lab, and must end with its exit code and print its expected lines.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRemoteHosts, parseRunnableBlocks, rewriteLabAddress } from "./blocks.js";
import { createSandbox, REPO_ROOT, removeSandbox, runBlock, startLab, stopLab, type Lab, type Sandbox } from "./run-block.js";

const LEARN = join(REPO_ROOT, "docs", "learn");
const chapters = readdirSync(LEARN).filter((name) => /^\d\d-[a-z0-9-]+\.md$/.test(name)).sort();

describe("docs/learn chapters", () => {
  it("are named NN-slug.md and each starts with a # Title line", () => {
    expect(chapters.length, "the nine chapters of the tutorial").toBeGreaterThanOrEqual(9);
    for (const name of readdirSync(LEARN).filter((n) => n.endsWith(".md"))) {
      expect(name, "chapter file name").toMatch(/^\d\d-[a-z0-9-]+\.md$/);
      expect(readFileSync(join(LEARN, name), "utf8").split("\n")[0], `${name} first line`).toMatch(/^# \S/);
    }
  });

  it("never switch verification off in a block that runs", () => {
    // The chapters name these only to warn against them; no command the reader copies may use them.
    const disabling = /(^|\s)(-k|--insecure|-noverify)(\s|$)|rejectUnauthorized:\s*false|verify\s*=\s*False|InsecureSkipVerify:\s*true|proxy_ssl_verify\s+off/m;
    for (const name of chapters) {
      for (const block of parseRunnableBlocks(readFileSync(join(LEARN, name), "utf8"), name)) {
        expect(disabling.test(block.code), `${name}:${block.line} switches verification off`).toBe(false);
      }
    }
    expect(disabling.test("curl -k https://localhost:9443/"), "the check itself").toBe(true);
  });

  it("link only to chapters that exist", () => {
    for (const name of chapters) {
      const text = readFileSync(join(LEARN, name), "utf8");
      for (const match of text.matchAll(/\]\(\.\/([^)#]+)(#[^)]*)?\)/g)) {
        expect(chapters, `${name} links to ./${match[1]}`).toContain(match[1]);
      }
    }
  });
});

for (const name of chapters) {
  const markdown = readFileSync(join(LEARN, name), "utf8");
  const blocks = parseRunnableBlocks(markdown, `docs/learn/${name}`);
  if (blocks.length === 0) continue;

  describe.sequential(`docs/learn/${name}`, () => {
    let sandbox: Sandbox;
    let lab: Lab | undefined;
    let failedAt: number | undefined;

    beforeAll(() => {
      sandbox = createSandbox(name);
    });
    afterAll(async () => {
      if (lab) await stopLab(lab);
      if (sandbox) removeSandbox(sandbox);
    });

    for (const block of blocks) {
      it(`block at line ${block.line}`, { timeout: (block.timeoutSeconds + 45) * 1000 }, async () => {
        // Later blocks build on earlier ones: after a failure they would only repeat it.
        expect(failedAt, `an earlier block (line ${failedAt}) failed`).toBeUndefined();
        failedAt = block.line;
        expect(findRemoteHosts(block.code), "hosts other than 127.0.0.1 in a runnable block").toEqual([]);
        let code = block.code;
        let expected = block.expect;
        if (block.lab) {
          if (lab && lab.mode !== block.lab) {
            await stopLab(lab);
            lab = undefined;
          }
          lab ??= await startLab(sandbox, block.lab);
          code = rewriteLabAddress(code, lab.port);
          expected = expected.map((line) => rewriteLabAddress(line, lab!.port));
        }
        const result = await runBlock(sandbox, code, block.timeoutSeconds);
        const context = `docs/learn/${name}:${block.line}\n--- output ---\n${result.output}`;
        expect(result.timedOut, `timed out after ${block.timeoutSeconds} s: ${context}`).toBe(false);
        expect(result.code, `exit code: ${context}`).toBe(block.exit);
        const missing = expected.filter((line) => !result.output.includes(line));
        expect(missing, `expected lines missing from the output: ${context}`).toEqual([]);
        failedAt = undefined;
      });
    }
  });
}
