// Learn's link helper and Markdown renderer (no browser): base-path-aware links, chapter links rewritten,
// anchors, the table of contents, build-time highlighting, raw HTML escaped. The docs/learn chapters that
// exist are rendered with a sub-path base and every internal link checked.
import { describe, expect, it } from "vitest";
import { chapterOfLink, isExternal, repositoryFileOfLink, rewriteHref, withBase } from "../views/learn/links";
import { createSlugger, slugify } from "../views/learn/slugify";
import { renderChapter } from "../views/learn/markdown";
import { learnDir, listChapters, readChapter } from "../views/learn/chapters";
import { headingsOf, resolveTopic, TOPICS } from "../views/learn/topics";
import { join } from "node:path";

describe("learn links", () => {
  it("rewrites chapter files to /learn/NN-slug/ under the base path", () => {
    expect(rewriteHref("./03-pki-two-cas.md", "")).toBe("/learn/03-pki-two-cas/");
    expect(rewriteHref("03-pki-two-cas.md#two-cas", "/mtls-lab")).toBe("/mtls-lab/learn/03-pki-two-cas/#two-cas");
    expect(rewriteHref("../learn/09-troubleshooting.md", "/repo/")).toBe("/repo/learn/09-troubleshooting/");
    expect(chapterOfLink("./README.md")).toBeNull();
    expect(repositoryFileOfLink("../cli.md#serve")).toBe("docs/cli.md");
    expect(repositoryFileOfLink("./notes.md")).toBe("docs/learn/notes.md");
    expect(repositoryFileOfLink("./02-handshake.md")).toBeNull();
    expect(repositoryFileOfLink("/generate")).toBeNull();
  });

  it("keeps site links as site links, with the base path and the export's trailing slash", () => {
    expect(rewriteHref("/generate?key=ec-p256&clients=alice", "/mtls-lab")).toBe("/mtls-lab/generate/?key=ec-p256&clients=alice");
    expect(rewriteHref("/handshake?flow=tls13-no-client-cert#x", "")).toBe("/handshake/?flow=tls13-no-client-cert#x");
    expect(rewriteHref("/inspect", "/b")).toBe("/b/inspect/");
    expect(rewriteHref("/diagnose/", "/b")).toBe("/b/diagnose/");
    expect(rewriteHref("/", "/b")).toBe("/b/");
    expect(rewriteHref("/samples/server.crt", "/b")).toBe("/b/samples/server.crt");
  });

  it("leaves anchors, external links and unknown paths alone", () => {
    expect(rewriteHref("#fix", "/b")).toBe("#fix");
    expect(rewriteHref("https://www.rfc-editor.org/rfc/rfc8446", "/b")).toBe("https://www.rfc-editor.org/rfc/rfc8446");
    expect(rewriteHref("//cdn.example/x", "/b")).toBe("//cdn.example/x");
    expect(isExternal("https://x.test/")).toBe(true);
    expect(isExternal("/generate/")).toBe(false);
  });

  it("withBase refuses relative paths with one clear line", () => {
    expect(withBase("/x/", "/base")).toBe("/base/x/");
    expect(() => withBase("x", "")).toThrow(/expected a path starting with "\/"/);
  });

  it("makes GitHub-style heading anchors, numbering repeats", () => {
    expect(slugify("What `nginx` prints: 400!")).toBe("what-nginx-prints-400");
    const slug = createSlugger();
    expect([slug("Fix"), slug("Fix"), slug("Fix")]).toEqual(["fix", "fix-1", "fix-2"]);
  });
});

describe("learn markdown", () => {
  const sample = [
    "# Chapter title",
    "",
    "Intro with a [next chapter](./02-handshake.md) and [a kit](/generate?key=rsa-2048).",
    "",
    "## Run it",
    "",
    "```sh runnable lab",
    "curl --cacert server-ca.crt https://localhost:9443/",
    "```",
    "",
    "```output expect",
    "HTTP/1.1 200 OK",
    "```",
    "",
    "### Details <b>bold</b>",
    "",
    "<script>alert(1)</script>",
  ].join("\n");

  it("renders title, table of contents, highlighted code and rewritten links", async () => {
    const r = await renderChapter(sample, "/mtls-lab");
    expect(r.title).toBe("Chapter title");
    expect(r.toc.map((t) => [t.depth, t.id])).toEqual([
      [2, "run-it"],
      [3, "details-bold"],
    ]);
    expect(r.html).toContain('<h2 id="run-it">');
    expect(r.html).toContain('href="/mtls-lab/learn/02-handshake/"');
    expect(r.html).toContain('href="/mtls-lab/generate/?key=rsa-2048"');
    // shiki ran at build time: tokens carry both themes as CSS variables.
    expect(r.html).toMatch(/class="shiki[^"]*"/);
    expect(r.html).toContain("--shiki-dark");
    expect(r.html).toContain("tested: runs in CI");
    expect(r.html).toContain("expected output");
    expect(r.html).not.toContain("<script>");
    expect(r.html).toContain("&lt;script&gt;");
  });

  it("every chapter in docs/learn renders, and its internal links stay under the base path", async () => {
    const chapters = listChapters();
    const root = join(import.meta.dirname, "..", "..", "..");
    expect(learnDir(root)).toBe(join(root, "docs", "learn"));
    expect(learnDir(join(root, "apps", "web"))).toBe(join(root, "apps", "web", "..", "..", "docs", "learn"));
    for (const chapter of chapters) {
      const markdown = readChapter(chapter.slug);
      expect(markdown, chapter.slug).not.toBeNull();
      const r = await renderChapter(markdown!, "/mtls-lab");
      expect(r.title, `${chapter.slug}: first line must be "# Title"`).not.toBe("");
      const hrefs = [...r.html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
      for (const href of hrefs) {
        if (href.startsWith("#") || isExternal(href) || href.startsWith("mailto:")) continue;
        expect(href, `${chapter.slug}: ${href}`).toMatch(/^\/mtls-lab\//);
      }
    }
  });
});

describe("learn topics", () => {
  it("finds heading anchors exactly as the renderer makes them, in every chapter", async () => {
    for (const chapter of listChapters()) {
      const markdown = readChapter(chapter.slug)!;
      const rendered = await renderChapter(markdown, "");
      const ids = [...rendered.html.matchAll(/<h[1-6] id="([^"]+)"/g)].map((m) => m[1]);
      expect(headingsOf(markdown).map((h) => h.id), chapter.slug).toEqual(ids);
    }
  });

  it("resolves every x509 learn topic to a chapter section, troubleshooting first", () => {
    const chapters = [
      { slug: "03-pki", title: "PKI", markdown: "# PKI\n\n## Why two CAs and not one\n\n```sh\n## Expired in a comment\n```\n" },
      { slug: "09-troubleshooting", title: "Troubleshooting", markdown: "# Troubleshooting\n\n## Expired or not yet valid\n\n## The `key` does not match the certificate\n" },
    ];
    expect(resolveTopic("validity", chapters)).toEqual({ slug: "09-troubleshooting", anchor: "expired-or-not-yet-valid", heading: "Expired or not yet valid" });
    expect(resolveTopic("keys", chapters)).toMatchObject({ slug: "09-troubleshooting", anchor: "the-key-does-not-match-the-certificate" });
    expect(resolveTopic("chains-and-trust", chapters)).toMatchObject({ slug: "03-pki", anchor: "why-two-cas-and-not-one" });
    // No matching heading: the troubleshooting chapter's top.
    expect(resolveTopic("names", chapters)).toMatchObject({ slug: "09-troubleshooting", anchor: "" });
    expect(resolveTopic("no-such-topic", chapters)).toBeNull();
  });
});
