import { describe, expect, it } from "vitest";
import { findFences, findRemoteHosts, parseRunnableBlocks, rewriteLabAddress } from "./blocks.js";

const fence = "```";

describe("parseRunnableBlocks", () => {
  it("keeps only sh runnable blocks, in order, with their line numbers", () => {
    const md = [
      "# Title", "", `${fence}sh`, "echo shown only", fence, "",
      `${fence}sh runnable`, "echo one", fence, "",
      `${fence}bash runnable exit=1 timeout=5`, "false", fence,
      `${fence}js`, "console.log(1)", fence,
    ].join("\n");
    const blocks = parseRunnableBlocks(md, "c.md");
    expect(blocks.map((b) => [b.line, b.code, b.exit, b.timeoutSeconds, b.lab])).toEqual([
      [7, "echo one", 0, 60, undefined],
      [11, "false", 1, 5, undefined],
    ]);
  });

  it("reads lab modes", () => {
    const md = [`${fence}sh runnable lab`, "a", fence, `${fence}sh runnable lab=require exit=1`, "b", fence,
      `${fence}sh runnable lab=capture`, "c", fence].join("\n");
    expect(parseRunnableBlocks(md, "c.md").map((b) => b.lab)).toEqual(["plain", "require", "capture"]);
  });

  it("attaches an output expect block that follows after blank lines only", () => {
    const md = [`${fence}sh runnable`, "openssl version", fence, "", "", `${fence}output expect`, "  OpenSSL 3", "", "x", fence].join("\n");
    expect(parseRunnableBlocks(md, "c.md")[0]!.expect).toEqual(["OpenSSL 3", "x"]);
  });

  it("ignores a plain output block", () => {
    const md = [`${fence}sh runnable`, "true", fence, `${fence}output`, "anything", fence].join("\n");
    expect(parseRunnableBlocks(md, "c.md")[0]!.expect).toEqual([]);
  });

  it("refuses an output expect block that follows prose or a shown-only block", () => {
    const afterProse = [`${fence}sh runnable`, "true", fence, "text", `${fence}output expect`, "x", fence].join("\n");
    expect(() => parseRunnableBlocks(afterProse, "c.md")).toThrow("c.md:5: an \"output expect\" block must follow a runnable block directly");
    const afterShown = [`${fence}sh`, "true", fence, `${fence}output expect`, "x", fence].join("\n");
    expect(() => parseRunnableBlocks(afterShown, "c.md")).toThrow("c.md:4:");
  });

  it("names a bad attribute and where it is", () => {
    for (const info of ["sh runnable exit=x", "sh runnable exit=300", "sh runnable timeout=0", "sh runnable lab=remote", "sh runnable fast"]) {
      expect(() => parseRunnableBlocks(`\n${fence}${info}\ntrue\n${fence}`, "c.md"), info).toThrow(/^c\.md:2: unknown or malformed attribute/);
    }
    expect(() => parseRunnableBlocks(`${fence}js runnable\n1\n${fence}`, "c.md")).toThrow('c.md:1: only sh blocks can be runnable, not "js"');
  });

  it("reports a block that is never closed", () => {
    expect(() => parseRunnableBlocks(`text\n${fence}sh runnable\ntrue\n`, "c.md")).toThrow("c.md:2: code block is never closed");
  });
});

describe("findFences", () => {
  it("closes only on the same fence character at least as long, so fences can nest", () => {
    const md = ["````md", "```sh runnable", "echo inner", "```", "````", "~~~sh runnable", "```", "~~~"].join("\n");
    const fences = findFences(md, "c.md");
    expect(fences.map((f) => [f.line, f.info])).toEqual([[1, "md"], [6, "sh runnable"]]);
    expect(fences[0]!.body).toContain("echo inner");
    expect(fences[1]!.body).toBe("```");
    // The nested runnable block is example text, not a block to run.
    expect(parseRunnableBlocks(md, "c.md").map((b) => b.line)).toEqual([6]);
  });
});

describe("findRemoteHosts", () => {
  it("allows localhost and 127.0.0.1 only", () => {
    expect(findRemoteHosts("curl https://localhost:9443/ https://127.0.0.1:8443/x")).toEqual([]);
    expect(findRemoteHosts("curl https://example.com/ && wget http://[::1]:80/")).toEqual(["example.com", "[::1]"]);
    expect(findRemoteHosts("openssl s_client -connect api.test:443 -servername x")).toEqual(["api.test"]);
    expect(findRemoteHosts("openssl s_client -connect 127.0.0.1:9443")).toEqual([]);
    expect(findRemoteHosts("proxy_pass http://unix:$PWD/app.sock; curl http://unix/")).toEqual(["unix"]);
    // Patterns and variables are not hosts; the runner's rewrite and proxy-free environment cover them.
    expect(findRemoteHosts("url=$(grep -o 'https://[^ ]*' log); curl \"https://$host/\"")).toEqual([]);
  });
});

describe("rewriteLabAddress", () => {
  it("points every localhost:9443 at the started server's port on 127.0.0.1", () => {
    expect(rewriteLabAddress("curl https://localhost:9443/a https://localhost:9443/b localhost:8443", 40123)).toBe(
      "curl https://127.0.0.1:40123/a https://127.0.0.1:40123/b localhost:8443",
    );
  });
});
