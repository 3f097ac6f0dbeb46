import { describe, expect, it } from "vitest";
import type { DecodedItem } from "@mtls-lab/x509";
import { keyMatches } from "./key-match";

const pk = (spkiSha256: string) => ({ algorithm: "EC", size: 256, curve: "P-256", spkiSha256 }) as never;
const cert = (spki: string) => ({ kind: "certificate", publicKey: pk(spki) }) as unknown as DecodedItem;
const key = (spki?: string) => ({ kind: "privateKey", format: "pkcs8", encrypted: !spki, ...(spki ? { publicKey: pk(spki) } : {}) }) as unknown as DecodedItem;
const csr = (spki: string) => ({ kind: "csr", publicKey: pk(spki) }) as unknown as DecodedItem;

describe("key matches", () => {
  const files = [
    { id: "1", name: "server.crt", data: { item: cert("aa") } },
    { id: "2", name: "server.key", data: { item: key("aa") } },
    { id: "3", name: "other.crt", data: { item: cert("bb") } },
    { id: "4", name: "server.csr", data: { item: csr("aa") } },
    { id: "5", name: "chain.crt", data: { items: [cert("cc"), cert("aa")] } },
  ];

  it("finds the certificates and CSRs a key fits, and the key a certificate fits", () => {
    expect(keyMatches(key("aa"), files).map((m) => m.fileName)).toEqual(["server.crt", "server.csr", "chain.crt"]);
    expect(keyMatches(cert("aa"), files).map((m) => m.fileName)).toEqual(["server.key"]);
    expect(keyMatches(cert("bb"), files)).toEqual([]);
  });

  it("matches nothing for an encrypted key (no public half to compare)", () => {
    expect(keyMatches(key(), files)).toEqual([]);
  });
});
