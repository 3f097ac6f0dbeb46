import { describe, expect, it } from "vitest";
import { diagnose, explainVerifyError, exportPrivateKeyPem, generateKeyPair, issueCertificate, VerifyInputError } from "../src/index.js";
import { buildPki } from "./verify-fixtures.js";
import { run, tempDir } from "@mtls-lab/peers";
import { readFileSync } from "node:fs";
import { join } from "node:path";

async function serverSide() {
  const key = await generateKeyPair("ec-p256");
  const root = await issueCertificate({ profile: "root", subject: "CN=Diag Server Root", publicKey: key.publicKey, signingKey: key.privateKey });
  const leafKey = await generateKeyPair("ec-p256");
  const leaf = await issueCertificate({ profile: "server", subject: "CN=localhost", publicKey: leafKey.publicKey, issuer: { certificate: root.der, privateKey: key.privateKey }, hosts: ["localhost"], ips: ["127.0.0.1"] });
  return { root, leaf, leafKeyPem: await exportPrivateKeyPem(leafKey.privateKey) };
}

describe("diagnose", () => {
  it("says ok for a good set-up, with every peer's success", async () => {
    const pki = await buildPki();
    const server = await serverSide();
    const result = await diagnose({
      serverChain: server.leaf.pem,
      serverKey: server.leafKeyPem,
      clientChain: pki.client.pem + pki.intermediate.pem,
      clientKey: pki.clientKeyPem,
      serverTrustsForClients: pki.root.pem,
      clientTrustsForServer: server.root.pem,
    });
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.client.nginx).toEqual({ status: 200, title: null, clientVerify: "SUCCESS", log: null });
    expect(result.client.node.code).toBeNull();
    expect(result.server.curl).toEqual({ exitCode: 0, message: null });
  });

  it("catches a key that does not match its certificate", async () => {
    const pki = await buildPki();
    const server = await serverSide();
    const other = await exportPrivateKeyPem((await generateKeyPair("ec-p256")).privateKey);
    const result = await diagnose({ serverChain: server.leaf.pem, serverKey: other, clientChain: pki.client.pem + pki.intermediate.pem, clientKey: pki.clientKeyPem, serverTrustsForClients: pki.root.pem, clientTrustsForServer: server.root.pem });
    expect(result.findings.map((f) => [f.id, f.side])).toEqual([["key-mismatch", "server"]]);
    expect(result.findings[0]!.message).toMatch(/key values mismatch/);
    expect(result.ok).toBe(false);
  });

  it("catches a client CA file that did not issue the client's chain", async () => {
    const pki = await buildPki();
    const server = await serverSide();
    const result = await diagnose({ serverChain: server.leaf.pem, clientChain: pki.client.pem + pki.intermediate.pem, serverTrustsForClients: pki.other.pem, clientTrustsForServer: server.root.pem, verifyClient: "optional" });
    expect(result.findings.map((f) => f.id)).toEqual(["client-ca-mismatch"]);
    expect(result.client.verdict).toBe("rejected");
    expect(result.client.nginx).toMatchObject({ status: 400, clientVerify: "FAILED:unable to get local issuer certificate" });
    expect(result.client.step).toBe("http-request");
    expect(result.client.fix).not.toMatch(/rejectUnauthorized|disable/i);
  });

  it("catches a chain sent without its intermediate, naming first and last errors", async () => {
    const pki = await buildPki();
    const server = await serverSide();
    const result = await diagnose({ serverChain: server.leaf.pem, clientChain: pki.client.pem, serverTrustsForClients: pki.root.pem, clientTrustsForServer: server.root.pem, server: "node" });
    expect(result.findings.map((f) => f.id)).toEqual(["missing-intermediate"]);
    expect(result.client.verify?.firstError).toBe("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    expect(result.client.node.code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect(result.client.cause).toMatch(/without the intermediate/);
    expect(result.leading?.kind).toBe("client-leaf-without-intermediate");
  });

  it("says a pinned self-signed leaf works but is pinning", async () => {
    const server = await serverSide();
    const key = await generateKeyPair("ec-p256");
    const self = await issueCertificate({ profile: "client", subject: "CN=pinned", publicKey: key.publicKey, signingKey: key.privateKey });
    const result = await diagnose({ serverChain: server.leaf.pem, clientChain: self.pem, serverTrustsForClients: self.pem, clientTrustsForServer: server.root.pem });
    expect(result.client.verdict).toBe("ok");
    expect(result.findings.map((f) => f.id)).toEqual(["pinned-leaf"]);
    expect(result.findings[0]!.message).toMatch(/pins this one certificate/);
  });

  it("says so for the hand-made set-up: an `openssl req -x509` client leaf (CA:TRUE, no CN) as the CA file", async () => {
    const dir = tempDir("mtls-lab-seed001-");
    try {
      const made = await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir.path, "client.key"), "-out", join(dir.path, "client.crt"), "-days", "9999", "-subj", "/C=US/O=Acme"]);
      expect(made.code, made.stderr).toBe(0);
      const client = readFileSync(join(dir.path, "client.crt"), "utf8");
      const server = await serverSide();
      const result = await diagnose({ serverChain: server.leaf.pem, clientChain: client, serverTrustsForClients: client, clientTrustsForServer: server.root.pem, server: "node" });
      expect(result.client.verdict).toBe("ok"); // it works...
      const pinned = result.findings.find((f) => f.id === "pinned-leaf");
      expect(pinned?.message).toMatch(/pins this one certificate/); // ...but it is pinning,
      expect(pinned?.message).toMatch(/CA:TRUE/); // and its key can mint more trusted clients
    } finally {
      dir.cleanup();
    }
  });

  it("catches a missing clientAuth EKU and a server certificate without SAN", async () => {
    const pki = await buildPki();
    const rootKey = await generateKeyPair("ec-p256");
    const root = await issueCertificate({ profile: "root", subject: "CN=R", publicKey: rootKey.publicKey, signingKey: rootKey.privateKey });
    const leafKey = await generateKeyPair("ec-p256");
    const noSan = await issueCertificate({ profile: "server", subject: "CN=localhost", publicKey: leafKey.publicKey, issuer: { certificate: root.der, privateKey: rootKey.privateKey } });
    const serverAuthClient = await issueCertificate({
      profile: "client",
      subject: "CN=client",
      publicKey: pki.clientKey.publicKey,
      issuer: { certificate: pki.intermediate.der, privateKey: pki.intermediateKey.privateKey },
      extensions: [{ kind: "basicConstraints", ca: false }, { kind: "extendedKeyUsage", usages: ["serverAuth"] }, { kind: "authorityKeyIdentifier" }],
    });
    const result = await diagnose({ serverChain: noSan.pem, clientChain: serverAuthClient.pem + pki.intermediate.pem, serverTrustsForClients: pki.root.pem, clientTrustsForServer: root.pem, host: "localhost" });
    expect(result.findings.map((f) => f.id).sort()).toEqual(["missing-eku", "missing-san"]);
    expect(result.client.nginx?.clientVerify).toBe("FAILED:unsuitable certificate purpose");
  });

  it("explains no client certificate per mode, and what a rejecting Node server does", async () => {
    const pki = await buildPki();
    const server = await serverSide();
    const input = { serverChain: server.leaf.pem, serverTrustsForClients: pki.root.pem, clientTrustsForServer: server.root.pem };
    const on = await diagnose({ ...input, verifyClient: "on" });
    expect(on.client.nginx).toMatchObject({ status: 400, title: "400 No required SSL certificate was sent" });
    const optional = await diagnose({ ...input, verifyClient: "optional", server: "node", tlsVersion: "1.2" });
    expect(optional.client.nginx).toMatchObject({ status: 200, clientVerify: "NONE" });
    expect(optional.client.node.code).toBe("UNABLE_TO_GET_ISSUER_CERT");
    expect(optional.client.node.whenRejecting?.alert).toEqual({ code: 40, name: "handshake_failure", sentBy: "server" });
    expect(optional.findings.map((f) => f.id)).toEqual(["no-client-certificate"]);
  });

  it("rejects unreadable input with one line naming the field", async () => {
    const pki = await buildPki();
    await expect(diagnose({ serverChain: "garbage", serverTrustsForClients: pki.root.pem })).rejects.toThrow(/serverChain: no PEM certificate found/);
    await expect(diagnose({ serverChain: pki.client.pem, serverTrustsForClients: "" })).rejects.toThrow(VerifyInputError);
    await expect(diagnose({ serverChain: pki.client.pem, serverTrustsForClients: pki.clientKeyPem })).rejects.toThrow(/serverTrustsForClients: found a PRIVATE KEY/);
  });
});

describe("explainVerifyError", () => {
  it("says 'no certificate sent' for Node's misleading code", () => {
    expect(explainVerifyError("UNABLE_TO_GET_ISSUER_CERT", { peerSentCertificate: false }).title).toBe("No client certificate sent");
    expect(explainVerifyError("UNABLE_TO_GET_ISSUER_CERT").title).toBe("Issuer missing from the trust store");
  });

  it("has a title, explanation and fix for every code Node names, never switching verification off", () => {
    for (const code of ["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "INVALID_PURPOSE", "INVALID_CA", "PATH_LENGTH_EXCEEDED", "CERT_SIGNATURE_FAILURE", "UNSPECIFIED", "ERR_TLS_CERT_ALTNAME_INVALID"]) {
      const explanation = explainVerifyError(code, { side: "server" });
      expect(explanation.title.length).toBeGreaterThan(3);
      expect(explanation.fix).not.toMatch(/rejectUnauthorized|disable|-k\b|insecure/i);
    }
    expect(explainVerifyError("ERR_TLS_CERT_ALTNAME_INVALID", { side: "server" }).step).toBe("host-check");
  });
});

describe("diagnose on generated kits", () => {
  for (const intermediate of [false, true]) {
    it(`a kit ${intermediate ? "with" : "without"} intermediates is ok for nginx and Node, TLS 1.2 and 1.3`, async () => {
      const { generateKit } = await import("../src/index.js");
      const kit = await generateKit({ intermediate, keyType: "ec-p256" });
      const file = (name: string) => {
        const found = kit.files.find((f) => f.name === name);
        if (!found || typeof found.contents !== "string") throw new Error(`kit has no ${name}`);
        return found.contents;
      };
      for (const server of ["nginx", "node"] as const) {
        for (const tlsVersion of ["1.2", "1.3"] as const) {
          const result = await diagnose({
            serverChain: file(intermediate ? "server-chain.crt" : "server.crt"),
            serverKey: file("server.key"),
            clientChain: file(intermediate ? "client-chain.crt" : "client.crt"),
            clientKey: file("client.key"),
            serverTrustsForClients: file("client-ca.crt"),
            clientTrustsForServer: file("server-ca.crt"),
            host: "localhost",
            server,
            tlsVersion,
          });
          expect(result.findings).toEqual([]);
          expect(result.ok).toBe(true);
        }
      }
      // The classic slip: the leaf alone instead of the chain file.
      if (intermediate) {
        const slip = await diagnose({ serverChain: file("server-chain.crt"), clientChain: file("client.crt"), serverTrustsForClients: file("client-ca.crt"), clientTrustsForServer: file("server-ca.crt") });
        expect(slip.findings.map((f) => f.id)).toEqual(["missing-intermediate"]);
      }
    });
  }
});
