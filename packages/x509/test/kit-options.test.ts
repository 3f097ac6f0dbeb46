/**
 * generateKit's options and defaults, and kitManifest, checked with node:crypto.
 */
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKit, kitManifest, type KitOptions } from "../src/index.js";
import { kitText } from "./kit-helpers.js";

describe("generateKit defaults", () => {
  it("is ec-p256, localhost + 127.0.0.1, one client named client, 398-day leaves, two separate CAs", async () => {
    const kit = await generateKit();
    expect(kit.options).toMatchObject({ keyType: "ec-p256", hosts: ["localhost"], ips: ["127.0.0.1"], clients: ["client"], intermediate: false, days: 398 });
    const server = new X509Certificate(kitText(kit, "server.crt"));
    expect(server.subjectAltName).toBe("DNS:localhost, IP Address:127.0.0.1");
    expect(server.subject).toBe("O=mTLS Lab\nCN=localhost");
    expect((Date.parse(server.validTo) - Date.parse(server.validFrom)) / 86_400_000).toBe(398);
    const serverCa = new X509Certificate(kitText(kit, "server-ca.crt"));
    const clientCa = new X509Certificate(kitText(kit, "client-ca.crt"));
    expect(serverCa.subject).not.toBe(clientCa.subject);
    expect(serverCa.publicKey.equals(clientCa.publicKey)).toBe(false);
    const client = new X509Certificate(kitText(kit, "client.crt"));
    expect(client.checkIssued(clientCa)).toBe(true);
    expect(client.checkIssued(serverCa)).toBe(false);
    // The CAs outlive the leaves.
    expect(Date.parse(serverCa.validTo)).toBeGreaterThan(Date.parse(server.validTo));
    // Every certificate has its own serial.
    const serials = kit.files.filter((f) => f.name.endsWith(".crt") && !f.name.includes("chain")).map((f) => new X509Certificate(f.contents as string).serialNumber);
    expect(new Set(serials).size).toBe(serials.length);
  });

  it("builds kit.json with roles, fingerprints and clients, never key material", async () => {
    const kit = await generateKit({ clients: ["web", "batch"], intermediate: true });
    const manifest = kitManifest(kit);
    expect(manifest.version).toBe(1);
    expect(Number.isNaN(Date.parse(manifest.generatedAt))).toBe(false);
    const roles = manifest.files.map((f) => `${f.name}:${f.role}${f.client ? `:${f.client}` : ""}`);
    expect(roles).toEqual([
      "server-ca.crt:serverCa", "server-ca.key:serverCaKey", "client-ca.crt:clientCa", "client-ca.key:clientCaKey",
      "server-intermediate.crt:serverIntermediate", "server-intermediate.key:serverIntermediateKey",
      "client-intermediate.crt:clientIntermediate", "client-intermediate.key:clientIntermediateKey",
      "server.crt:serverCert", "server.key:serverKey", "server-chain.crt:serverChain",
      "web.crt:clientCert:web", "web.key:clientKey:web", "web-chain.crt:clientChain:web", "web.p12:clientP12:web",
      "batch.crt:clientCert:batch", "batch.key:clientKey:batch", "batch-chain.crt:clientChain:batch", "batch.p12:clientP12:batch",
    ]);
    for (const entry of manifest.files) {
      if (entry.name.endsWith(".key")) expect(entry.sha256).toBeUndefined();
      else expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const chain = kitText(kit, "web-chain.crt").match(/-----BEGIN CERTIFICATE-----/g);
    expect(chain).toHaveLength(2);
    expect(JSON.stringify(manifest)).not.toMatch(/PRIVATE KEY|BEGIN/);
  });

  it("takes hosts, ips, days, notBefore and an organization with special characters", async () => {
    const notBefore = new Date("2020-02-01T00:00:00Z");
    const kit = await generateKit({ hosts: ["api.lab.test"], ips: [], days: 30, notBefore, organization: 'Acme, Inc. "R+D"' });
    const server = new X509Certificate(kitText(kit, "server.crt"));
    expect(server.subjectAltName).toBe("DNS:api.lab.test");
    expect(server.toLegacyObject().subject).toEqual({ O: 'Acme, Inc. "R+D"', CN: "api.lab.test" });
    expect(new Date(server.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect((Date.parse(server.validTo) - Date.parse(server.validFrom)) / 86_400_000).toBe(30);
    expect(kit.options.notBefore).toBe(notBefore.toISOString());
  });
});

describe("generateKit refuses bad options with one clear line", () => {
  const cases: [KitOptions, RegExp][] = [
    [{ keyType: "dsa-1024" as KitOptions["keyType"] }, /^Bad key type "dsa-1024"/],
    [{ clients: [] }, /^Bad clients: give at least one/],
    [{ clients: ["../etc/passwd"] }, /^Bad client name "..\/etc\/passwd"/],
    [{ clients: ["a", "a"] }, /^Bad clients: "a" is listed twice/],
    [{ clients: ["server"] }, /^Bad client name "server": its file server.crt would overwrite another file of the kit/],
    [{ clients: ["web", "web-chain"] }, /^Bad client name "web-chain": its file web-chain.crt would overwrite/],
    [{ notBefore: new Date("nope") }, /^Bad notBefore: expected a valid Date/],
    [{ days: 0 }, /^Bad days 0/],
    [{ days: 1.5 }, /^Bad days 1.5/],
    [{ hosts: [], ips: [] }, /^Bad hosts and ips/],
    [{ hosts: ["exa mple"] }, /^Bad host name "exa mple"/],
    [{ ips: ["1.2.3"] }, /^Bad IP address "1.2.3"/],
    [{ ips: ["1::2::3"] }, /^Bad IP address "1::2::3"/],
    [{ ips: [":::"] }, /^Bad IP address ":::"/],
    [{ p12Password: "" }, /^Bad p12Password/],
    [{ organization: " " }, /^Bad organization/],
  ];
  it.each(cases)("%o", async (options, message) => {
    await expect(generateKit(options)).rejects.toThrow(message);
  });
});
