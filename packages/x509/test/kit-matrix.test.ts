/**
 * Every kit shape against real peers: openssl verify (sslserver / sslclient purposes, through intermediates),
 * PKCS#12 opened by OpenSSL 3 and Java 17's keytool (and refused with a wrong password), and Node's tls with
 * requestCert + rejectUnauthorized accepting each client of the kit and rejecting a client of another kit.
 */
import { X509Certificate, createPublicKey } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import { connect, createServer, type TLSSocket } from "node:tls";
import { has, run, tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKit, kitManifest, type Kit, type KeyType } from "../src/index.js";
import { kitFile, kitText, writeKit } from "./kit-helpers.js";

const PASSWORD = "s3cret-p12";
const haveJava = has("keytool");

/** One RSA-4096 kit at most: its keys take seconds each on a loaded 2-core machine. */
const CASES: { keyType: KeyType; intermediate: boolean }[] = [
  { keyType: "ec-p256", intermediate: false },
  { keyType: "ec-p256", intermediate: true },
  { keyType: "ec-p384", intermediate: false },
  { keyType: "ec-p384", intermediate: true },
  { keyType: "rsa-2048", intermediate: false },
  { keyType: "rsa-2048", intermediate: true },
  { keyType: "rsa-3072", intermediate: true },
  { keyType: "rsa-4096", intermediate: false },
  { keyType: "ed25519", intermediate: false },
  { keyType: "ed25519", intermediate: true },
];

/** A client certificate and key of a different kit, which no server of the kits above may accept. */
let stranger: Kit;
const dirs: { cleanup: () => void }[] = [];

beforeAll(async () => {
  stranger = await generateKit({ keyType: "ec-p256", clients: ["stranger"] });
});
afterAll(() => {
  for (const dir of dirs) dir.cleanup();
});

function sha256Of(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replace(/:/g, "").toLowerCase();
}

/** Connects one client; resolves with what the server said, or the error that ended the connection. */
function tryClient(port: number, ca: string, cert: { key?: string; cert?: string; pfx?: Uint8Array; passphrase?: string }): Promise<{ data?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket: TLSSocket = connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca,
      ...cert,
      ...(cert.pfx ? { pfx: Buffer.from(cert.pfx) } : {}),
    });
    let data = "";
    socket.setTimeout(20_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (chunk: Buffer) => {
      data += chunk.toString();
      if (data.endsWith("\n")) {
        socket.end();
        resolve({ data: data.trim() });
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    socket.on("close", () => resolve({ error: data ? undefined : "closed without a greeting", data: data.trim() || undefined }));
  });
}

describe.each(CASES)("kit $keyType (intermediate: $intermediate)", ({ keyType, intermediate }) => {
  let kit: Kit;
  let paths: Record<string, string>;
  let dir: string;
  const clients = intermediate ? ["alice", "bob"] : ["client"];

  beforeAll(async () => {
    kit = await generateKit({ keyType, intermediate, clients, p12Password: PASSWORD });
    const temp = tempDir("mtls-lab-kit-");
    dirs.push(temp);
    dir = temp.path;
    paths = writeKit(kit, dir);
  }, 180_000);

  it("has the contract's files, modes and manifest fingerprints", () => {
    const expected = ["server-ca.crt", "server-ca.key", "client-ca.crt", "client-ca.key"];
    if (intermediate) expected.push("server-intermediate.crt", "server-intermediate.key", "client-intermediate.crt", "client-intermediate.key");
    expected.push("server.crt", "server.key", "server-chain.crt");
    for (const name of clients) expected.push(`${name}.crt`, `${name}.key`, `${name}-chain.crt`, `${name}.p12`);
    expect(kit.files.map((f) => f.name).sort()).toEqual(expected.sort());

    const manifest = kitManifest(kit);
    expect(manifest.keyType).toBe(keyType);
    for (const file of kit.files) {
      const mode = statSync(join(dir, file.name)).mode & 0o777;
      const secret = file.name.endsWith(".key") || file.name.endsWith(".p12");
      expect(mode, file.name).toBe(secret ? 0o600 : 0o644);
      const entry = manifest.files.find((f) => f.name === file.name);
      expect(entry?.role).toBe(file.role);
      if (file.name.endsWith(".crt")) expect(entry?.sha256, file.name).toBe(sha256Of(file.contents as string));
      if (file.name.endsWith(".key")) expect(file.contents).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    }
    expect(JSON.stringify(manifest)).not.toContain("PRIVATE KEY");
  });

  it("server leaf verifies against the server CA for sslserver, and not against the client CA", async () => {
    const untrusted = intermediate ? ["-untrusted", paths["server-intermediate.crt"]!] : [];
    const ok = await run("openssl", ["verify", "-purpose", "sslserver", "-CAfile", paths["server-ca.crt"]!, ...untrusted, paths["server.crt"]!]);
    expect(ok.stdout + ok.stderr).toContain(`${paths["server.crt"]}: OK`);
    expect(ok.code).toBe(0);
    const wrongCa = await run("openssl", ["verify", "-purpose", "sslserver", "-CAfile", paths["client-ca.crt"]!, ...untrusted, paths["server.crt"]!]);
    expect(wrongCa.code).not.toBe(0);
    const wrongPurpose = await run("openssl", ["verify", "-purpose", "sslclient", "-CAfile", paths["server-ca.crt"]!, ...untrusted, paths["server.crt"]!]);
    expect(wrongPurpose.stdout + wrongPurpose.stderr).toContain("unsuitable certificate purpose");
  }, 90_000);

  it("each client leaf verifies against the client CA for sslclient, and not against the server CA", async () => {
    const untrusted = intermediate ? ["-untrusted", paths["client-intermediate.crt"]!] : [];
    for (const name of clients) {
      const leaf = paths[`${name}.crt`]!;
      const ok = await run("openssl", ["verify", "-purpose", "sslclient", "-CAfile", paths["client-ca.crt"]!, ...untrusted, leaf]);
      expect(ok.stdout + ok.stderr).toContain(`${leaf}: OK`);
      const wrongCa = await run("openssl", ["verify", "-purpose", "sslclient", "-CAfile", paths["server-ca.crt"]!, ...untrusted, leaf]);
      expect(wrongCa.code).not.toBe(0);
    }
  }, 90_000);

  it("each PKCS#12 opens with openssl pkcs12 (key and certificates intact) and refuses a wrong password", async () => {
    for (const name of clients) {
      const p12 = paths[`${name}.p12`]!;
      const info = await run("openssl", ["pkcs12", "-info", "-noout", "-in", p12, "-passin", `pass:${PASSWORD}`]);
      expect(info.code, info.stderr).toBe(0);
      expect(info.stderr).toContain("MAC: sha256");
      expect(info.stderr).toContain("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC");

      const certs = await run("openssl", ["pkcs12", "-in", p12, "-passin", `pass:${PASSWORD}`, "-nokeys"]);
      const found = certs.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
      expect(found.map(sha256Of)).toEqual([sha256Of(kitText(kit, `${name}.crt`)), ...(intermediate ? [sha256Of(kitText(kit, "client-intermediate.crt"))] : [])]);
      expect(certs.stdout).toContain(`friendlyName: ${name}`);

      const key = await run("openssl", ["pkcs12", "-in", p12, "-passin", `pass:${PASSWORD}`, "-nocerts", "-nodes"]);
      const keyPem = key.stdout.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)?.[0];
      expect(keyPem).toBeDefined();
      const certKey = new X509Certificate(kitText(kit, `${name}.crt`)).publicKey.export({ type: "spki", format: "der" });
      expect(createPublicKey(keyPem!).export({ type: "spki", format: "der" }).equals(certKey)).toBe(true);

      const wrong = await run("openssl", ["pkcs12", "-info", "-noout", "-in", p12, "-passin", "pass:wrong-password"]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toContain("Mac verify error");
    }
  }, 90_000);

  it.skipIf(!haveJava)("each PKCS#12 opens with keytool as a PrivateKeyEntry and refuses a wrong password", async () => {
    for (const name of clients) {
      const p12 = paths[`${name}.p12`]!;
      const list = await run("keytool", ["-list", "-v", "-storetype", "PKCS12", "-keystore", p12, "-storepass", PASSWORD], { timeoutMs: 90_000 });
      expect(list.code, list.stdout + list.stderr).toBe(0);
      expect(list.stdout).toContain(`Alias name: ${name}`);
      expect(list.stdout).toContain("Entry type: PrivateKeyEntry");
      expect(list.stdout).toContain(`Certificate chain length: ${intermediate ? 2 : 1}`);
      const wrong = await run("keytool", ["-list", "-storetype", "PKCS12", "-keystore", p12, "-storepass", "wrong-password"], { timeoutMs: 90_000 });
      expect(wrong.code).not.toBe(0);
      expect(wrong.stdout + wrong.stderr).toMatch(/Integrity check failed|password was incorrect/);
    }
  }, 240_000);

  it("a Node mTLS server with the kit accepts each client (PEM and PKCS#12) and rejects a client of another kit", async () => {
    const greeted: string[] = [];
    const server = createServer(
      {
        key: kitText(kit, "server.key"),
        cert: kitText(kit, "server-chain.crt"),
        ca: kitText(kit, "client-ca.crt"),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (socket) => {
        const cn = socket.getPeerCertificate().subject?.CN;
        greeted.push(String(cn));
        socket.end(`hello ${String(cn)} authorized=${String(socket.authorized)}\n`);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const serverCa = kitText(kit, "server-ca.crt");
      for (const name of clients) {
        const pem = await tryClient(port, serverCa, { key: kitText(kit, `${name}.key`), cert: kitText(kit, `${name}-chain.crt`) });
        expect(pem).toEqual({ data: `hello ${name} authorized=true` });
        const pfx = kitFile(kit, `${name}.p12`).contents as Uint8Array;
        const viaP12 = await tryClient(port, serverCa, { pfx, passphrase: PASSWORD });
        expect(viaP12).toEqual({ data: `hello ${name} authorized=true` });
      }
      const other = await tryClient(port, serverCa, { key: kitText(stranger, "stranger.key"), cert: kitText(stranger, "stranger-chain.crt") });
      expect(other.data).toBeUndefined();
      expect(other.error).toBeTruthy();
      // Only the kit's own clients ever reached the application; the stranger ended in a handshake error.
      expect(greeted).toEqual(clients.flatMap((name) => [name, name]));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 120_000);
});
