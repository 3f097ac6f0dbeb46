/**
 * What generate writes, read back by this package's own decoder: every kit file decodes to the fields that were
 * asked for, keys match their certificates by SPKI fingerprint, and the PKCS#12 opens with its password only.
 * (The decoder itself is checked against OpenSSL in its own tests; this proves the two halves agree.)
 */
import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { decode, decodeCertificate, generateKit, type CertificateInfo, type Kit, type PrivateKeyInfo } from "../src/index.js";
import { kitFile, kitText } from "./kit-helpers.js";

const PASSWORD = "roundtrip-pw";

describe.each(["ec-p256", "rsa-2048", "ed25519"] as const)("a %s kit read back by decode", (keyType) => {
  let kit: Kit;
  beforeAll(async () => {
    kit = await generateKit({ keyType, intermediate: true, clients: ["alice"], p12Password: PASSWORD, hosts: ["localhost", "api.lab.test"], ips: ["127.0.0.1", "::1"] });
  }, 120_000);

  it("decodes the server leaf to the profile's fields", async () => {
    const info = await decodeCertificate(kitText(kit, "server.crt"));
    const node = new X509Certificate(kitText(kit, "server.crt"));
    expect(info.version).toBe(3);
    expect(info.subject).toBe("CN=localhost,O=mTLS Lab");
    expect(info.issuer).toBe("CN=mTLS Lab Server Intermediate CA,O=mTLS Lab");
    expect(info.serialNumber).toBe(node.serialNumber.toLowerCase());
    expect(info.serialNumber).toMatch(/^[1-7][0-9a-f]{31}$|^0[1-9a-f][0-9a-f]{30}$/);
    expect(info.subjectAltNames).toEqual([
      { type: "dns", value: "localhost" },
      { type: "dns", value: "api.lab.test" },
      { type: "ip", value: "127.0.0.1" },
      { type: "ip", value: expect.stringMatching(/^(::1|0:0:0:0:0:0:0:1)$/) },
    ]);
    expect(info.extendedKeyUsage).toEqual(["serverAuth"]);
    expect(info.keyUsage).toEqual(keyType.startsWith("rsa") ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"]);
    expect(info.basicConstraints).toEqual({ ca: false });
    expect(info.selfSigned).toBe(false);
    expect(info.fingerprints.sha256).toBe(kitFile(kit, "server.crt").sha256);
    expect((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / 86_400_000).toBe(398);
  });

  it("decodes the CAs: roots self-signed with CA:TRUE, intermediates with pathLen 0", async () => {
    const root = await decodeCertificate(kitText(kit, "client-ca.crt"));
    expect(root.selfSigned).toBe(true);
    expect(root.basicConstraints).toEqual({ ca: true });
    expect(root.keyUsage).toEqual(["keyCertSign", "cRLSign"]);
    const intermediate = await decodeCertificate(kitText(kit, "client-intermediate.crt"));
    expect(intermediate.selfSigned).toBe(false);
    expect(intermediate.basicConstraints).toEqual({ ca: true, pathLength: 0 });
    expect(intermediate.authorityKeyIdentifier).toBe(root.subjectKeyIdentifier);
  });

  it("matches each key to its certificate by SPKI fingerprint", async () => {
    for (const [key, cert] of [["server.key", "server.crt"], ["alice.key", "alice.crt"], ["server-ca.key", "server-ca.crt"]]) {
      const { items } = await decode(kitText(kit, key!));
      const keyInfo = items[0] as PrivateKeyInfo;
      expect(keyInfo.kind).toBe("privateKey");
      expect(keyInfo.format).toBe("pkcs8");
      const certInfo = await decodeCertificate(kitText(kit, cert!));
      expect(keyInfo.publicKey?.spkiSha256).toBe(certInfo.publicKey.spkiSha256);
    }
  });

  it("opens the PKCS#12 with its password (key + leaf + intermediate) and refuses another", async () => {
    const p12 = kitFile(kit, "alice.p12").contents as Uint8Array;
    const { items } = await decode(p12, { password: PASSWORD });
    expect(items).toHaveLength(1);
    const bundle = items[0]!;
    expect(bundle.kind).toBe("pkcs12");
    if (bundle.kind !== "pkcs12") return;
    const certs = bundle.items.filter((i): i is CertificateInfo => i.kind === "certificate");
    expect(certs.map((c) => c.fingerprints.sha256)).toEqual([kitFile(kit, "alice.crt").sha256, kitFile(kit, "client-intermediate.crt").sha256]);
    const key = bundle.items.find((i): i is PrivateKeyInfo => i.kind === "privateKey");
    expect(key?.publicKey?.spkiSha256).toBe(certs[0]?.publicKey.spkiSha256);
    await expect(decode(p12, { password: "not-it" })).rejects.toMatchObject({ code: "BAD_PASSWORD" });
  });
});
