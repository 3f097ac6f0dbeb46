/**
 * One name decoder: inspect (renderText and toJson), verify (the path) and lint (the warning's subject) print
 * the same subject string for the same certificate, and it is the string `openssl x509 -nameopt RFC2253,-esc_msb`
 * prints (identical to `-nameopt RFC2253` for ASCII names).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CertificateInfo, decode, lint, renderText, showControl, toJson, verifyChain } from "../../src/index.js";
import * as c from "../fixtures/model/craft.mjs";

const dir = mkdtempSync(join(tmpdir(), "x509-names-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslSubject(der: Uint8Array, nameopt: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(file, der);
  const out = execFileSync("openssl", ["x509", "-inform", "DER", "-in", file, "-noout", "-subject", "-nameopt", nameopt]).toString();
  return out.replace(/^subject=/, "").replace(/\n$/, "");
}

const utf8 = (text: string) => c.str(0x0c, text);
const names: Record<string, { subject: Buffer; expected: string; ascii: boolean }> = {
  "a leading #, a comma and a trailing space": { subject: c.name([c.atv(c.O, c.str(0x13, "Acme"))], [c.atv(c.CN, utf8("#lab, test "))]), expected: "CN=\\#lab\\, test\\ ,O=Acme", ascii: true },
  "T61String with octets 0x80-0xFF (Latin-1, not windows-1252)": { subject: c.name([c.atv(c.CN, c.str(0x14, Buffer.from([0x41, 0x80, 0x9f, 0xe9, 0xff])))]), expected: "CN=A\u0080\u009féÿ", ascii: false },
  BMPString: { subject: c.name([c.atv(c.CN, c.bmp("Grüße €"))]), expected: "CN=Grüße €", ascii: false },
  "a multi-valued RDN": { subject: c.name([c.atv(c.O, utf8("x"))], [c.atv(c.OU, utf8("alpha")), c.atv(c.OU, utf8("beta")), c.atv(c.CN, utf8("z"))]), expected: "CN=z+OU=beta+OU=alpha,O=x", ascii: true },
  "an empty RDN": { subject: c.name([], [c.atv(c.CN, utf8("after-empty"))]), expected: "CN=after-empty", ascii: true },
  "control characters and an unknown attribute type": { subject: c.name([c.atv("1.2.3.4", utf8("v"))], [c.atv(c.CN, utf8("a\u0001b;c"))]), expected: "CN=a\\01b\\;c,1.2.3.4=#0C0176", ascii: true },
};

describe("the same subject string everywhere, equal to openssl's", () => {
  for (const [what, { subject, expected, ascii }] of Object.entries(names)) {
    it(what, async () => {
      const der = c.craftCertificate({ subject });
      expect(opensslSubject(der, "RFC2253,-esc_msb")).toBe(expected);
      if (ascii) expect(opensslSubject(der, "RFC2253")).toBe(expected);
      const { items } = await decode(der);
      const info = items[0] as CertificateInfo;
      expect(info.subject).toBe(expected);
      // The readable text shows C1 controls (U+0080-U+009F) escaped, as every printed value: showControl.
      expect(renderText(info)).toContain(`Subject: ${showControl(expected)}\n`);
      expect(toJson({ items }).items[0]?.subject).toBe(expected);
      // verify: a self-signed certificate trusted as itself; the path names it.
      const pem = c.pem(der);
      const result = await verifyChain({ leaf: pem, trustAnchors: pem, at: new Date("2030-01-01T00:00:00Z") });
      expect(result.path).toEqual([expected]);
      // verify and lint take the decoded item as is, and print the same string.
      const again = await verifyChain({ leaf: info, trustAnchors: info, at: new Date("2030-01-01T00:00:00Z") });
      expect(again.path).toEqual([expected]);
      const warnings = lint(pem, { at: new Date("2030-01-01T00:00:00Z") });
      expect(warnings.length).toBeGreaterThan(0);
      for (const warning of warnings) expect(warning.subject).toBe(expected);
      expect(lint([info], { at: new Date("2030-01-01T00:00:00Z") }).map((w) => w.subject)).toEqual(warnings.map((w) => w.subject));
    });
  }
});
