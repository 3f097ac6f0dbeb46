// The worker's kit operations, run in Node (the same code the lab worker runs): per-key progress, CRLs that
// the emitted nginx config checks, the compat PKCS#12 profile, revoking a client, the zip, and the JavaScript
// digest giving WebCrypto's bytes.
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decode, type CertificateInfo, type CrlInfo } from "@mtls-lab/x509";
import { forgetKeys } from "./key-pool";
import { generate, keyLabels, revoke, warm } from "../workers/kit-ops";
import { fastDigestCrypto } from "../workers/fast-digest";
import type { KitSettingsMessage, ProgressStep } from "../workers/protocol";

const settings: KitSettingsMessage = {
  keyType: "ec-p256",
  hosts: ["localhost"],
  ips: ["127.0.0.1"],
  clients: ["alice", "bob"],
  intermediate: true,
  days: 30,
  profile: "intermediate",
  verifyMode: "on",
  upstream: "http://127.0.0.1:3000",
  p12Password: "changeit",
  p12Profile: "compat",
  crl: true,
};

const text = (files: { path: string; contents: string | Uint8Array }[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f || typeof f.contents !== "string") throw new Error(`${path} missing`);
  return f.contents;
};

describe("kit operations of the lab worker", () => {
  it("reports each key pair by name, writes CRLs the nginx config checks, compat .p12 files, and zips it all", async () => {
    forgetKeys();
    const steps: { message: string; step?: ProgressStep }[] = [];
    const kit = await generate(settings, (message, step) => steps.push({ message, step }));
    const counted = steps.filter((s) => s.step && s.step.done > 0);
    expect(counted.map((s) => s.step!.done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(counted.every((s) => s.step!.total === 7)).toBe(true);
    expect(counted[0]!.message).toMatch(/made the server CA key \(1 of 7\); generating the client CA key/);
    expect(keyLabels(true, ["alice", "bob"])).toHaveLength(7);
    expect(text(kit.files, "nginx/mtls-reverse.conf")).toMatch(/ssl_crl \S*client-crls\.pem;/);
    const crls = (await decode(new TextEncoder().encode(text(kit.files, "client-crls.pem")))).items;
    expect(crls.map((c) => c.kind)).toEqual(["crl", "crl"]);
    const p12 = kit.files.find((f) => f.path === "alice.p12")!.contents as Uint8Array;
    const opened = (await decode(p12, { password: "changeit" })).items[0];
    expect(opened?.kind === "pkcs12" && opened.protection?.macAlgorithm).toBe("sha1");
    const zipped = unzipSync(kit.zip);
    expect(Object.keys(zipped).sort()).toEqual(kit.files.map((f) => `mtls-kit/${f.path}`).sort());
    expect(Object.values(kit.timings).every((ms) => ms >= 0)).toBe(true);

    // Revoking alice: her serial in the intermediate's CRL (which issued her), the CRL number up by one, kit.json records it.
    const pem = Object.fromEntries(kit.files.filter((f) => typeof f.contents === "string" && !f.path.includes("/")).map((f) => [f.path, f.contents as string]));
    const revoked = await revoke(kit.manifest, pem, "alice", "keyCompromise");
    expect(revoked.files.map((f) => f.path).sort()).toEqual(["client-ca.crl", "client-crls.pem", "client-intermediate.crl", "kit.json"]);
    const alice = (await decode(new TextEncoder().encode(pem["alice.crt"]!))).items[0] as CertificateInfo;
    const after = (await decode(new TextEncoder().encode(text(revoked.files, "client-crls.pem")))).items as CrlInfo[];
    const norm = (s: string) => s.replace(/:/g, "").toLowerCase().replace(/^0+/, "");
    expect(after.flatMap((c) => c.revoked.map((r) => norm(r.serialNumber)))).toEqual([norm(alice.serialNumber)]);
    expect(revoked.manifest.revoked?.map((r) => [r.client, r.reason])).toEqual([["alice", "keyCompromise"]]);
    expect(revoked.manifest.crls?.every((c) => c.crlNumber === 2)).toBe(true);
    await expect(revoke(revoked.manifest, pem, "alice", undefined)).rejects.toThrow(/already revoked/);
    await expect(revoke(revoked.manifest, pem, "mallory", undefined)).rejects.toThrow(/the kit's clients are alice, bob/);
  });

  it("hashes in JavaScript to WebCrypto's bytes", async () => {
    const fast = fastDigestCrypto();
    const data = new TextEncoder().encode("mTLS Lab");
    for (const algorithm of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
      expect(new Uint8Array(await fast.subtle.digest(algorithm, data))).toEqual(new Uint8Array(await crypto.subtle.digest(algorithm, data)));
    }
    // A view into a larger buffer hashes only its own bytes.
    const view = new Uint8Array([0, 1, 2, 3, 4, 5]).subarray(2, 4);
    expect(new Uint8Array(await fast.subtle.digest({ name: "SHA-256" }, view))).toEqual(new Uint8Array(await crypto.subtle.digest("SHA-256", view.slice())));
  });
});

describe("the idle warm-up", () => {
  it("keeps the current kit's keys of another type, and skips RSA", async () => {
    forgetKeys();
    const keys: string[] = [];
    await generate({ ...settings, keyType: "ec-p384", clients: ["c"], intermediate: false, crl: false }, () => undefined);
    const before = (await generate({ ...settings, keyType: "ec-p384", clients: ["c"], intermediate: false, crl: false }, () => undefined)).reusedKeys;
    expect(before).toBe(true);
    await warm({ ...settings, keyType: "ec-p256" });
    const after = await generate({ ...settings, keyType: "ec-p384", clients: ["c"], intermediate: false, crl: false }, (m) => keys.push(m));
    expect(after.reusedKeys).toBe(true);
    expect(keys.some((m) => /kept the server CA key/.test(m))).toBe(true);
    forgetKeys();
    await warm({ ...settings, keyType: "rsa-2048" });
    const fresh = await generate({ ...settings, keyType: "ec-p256", clients: ["c"], intermediate: false, crl: false }, () => undefined);
    expect(fresh.reusedKeys).toBe(false);
  });
});
