/**
 * The mTLS kit: a server CA and a separate client CA (a server that trusts the client CA trusts only clients,
 * never a certificate made for some server), optional intermediates, the server leaf, client leaves, chains,
 * a PKCS#12 per client, and the kit.json manifest.
 */
import type { CryptoProvider, Kit, KitCrlRecord, KitFile, KitManifest, KitOptions, KitRole } from "../types.js";
import { KitFileName, clientFileNames } from "../constants.js";
import { exportPrivateKeyPem } from "./export.js";
import { issueCertificate } from "./issue.js";
import { generateKeyPair, isKeyType } from "./keys.js";
import { CA_DAYS, LEAF_DAYS } from "./profiles.js";
import { createPkcs12 } from "./pkcs12.js";
import { issueCrl } from "./crl.js";
import type { ExtensionSpec, IssuedCertificate } from "./types.js";
import { checkOcspUrl } from "./extensions.js";
import { badArgument } from "../decode/errors.js";

const KEY_MODE = 0o600;
const CERT_MODE = 0o644;
/** The kit's own files; a client's files must not take these names (nor each other's). */
const FIXED_FILES: string[] = Object.values(KitFileName);
const clientFiles = (name: string) => Object.values(clientFileNames(name));
const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

interface Signer {
  issued: IssuedCertificate;
  keys: CryptoKeyPair;
}

function checkOptions(options: KitOptions): void {
  if (options.keyType !== undefined && !isKeyType(options.keyType)) {
    throw badArgument(`Bad key type ${JSON.stringify(options.keyType)}: expected ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096 or ed25519`);
  }
  if (options.days !== undefined && !(Number.isInteger(options.days) && options.days > 0)) {
    throw badArgument(`Bad days ${JSON.stringify(options.days)}: expected a positive whole number`);
  }
  const clients = options.clients ?? ["client"];
  if (clients.length === 0) throw badArgument("Bad clients: give at least one client name");
  const seen = new Set<string>();
  const taken = new Set(FIXED_FILES);
  for (const name of clients) {
    if (typeof name !== "string" || !CLIENT_NAME.test(name) || name.includes("..")) {
      throw badArgument(`Bad client name ${JSON.stringify(name)}: use letters, digits, ".", "_" and "-" (it becomes a file name)`);
    }
    if (seen.has(name)) throw badArgument(`Bad clients: ${JSON.stringify(name)} is listed twice`);
    seen.add(name);
    const clash = clientFiles(name).find((file) => taken.has(file));
    if (clash) throw badArgument(`Bad client name ${JSON.stringify(name)}: its file ${clash} would overwrite another file of the kit`);
    for (const file of clientFiles(name)) taken.add(file);
  }
  if (options.notBefore !== undefined && !(options.notBefore instanceof Date && Number.isFinite(options.notBefore.getTime()))) {
    throw badArgument("Bad notBefore: expected a valid Date");
  }
  if (options.organization !== undefined && (typeof options.organization !== "string" || options.organization.trim() === "")) {
    throw badArgument("Bad organization: expected a non-empty name");
  }
  const password = options.p12Password;
  // Java 17's PKCS12 keystore refuses non-ASCII passwords ("Password is not ASCII", measured), and the kit's
  // PKCS#12 files are there for Java among others.
  if (password !== undefined && (typeof password !== "string" || !/^[\x20-\x7e]+$/.test(password))) {
    throw badArgument("Bad p12Password: use printable ASCII characters (Java's keytool refuses others), at least one");
  }
  if (options.p12Profile !== undefined && options.p12Profile !== "modern" && options.p12Profile !== "compat") {
    throw badArgument(`Bad p12Profile ${JSON.stringify(options.p12Profile)}: expected modern or compat`);
  }
  if (options.ocspUrl !== undefined) {
    if (typeof options.ocspUrl !== "string") throw badArgument("Bad ocspUrl: expected an http:// URL");
    checkOcspUrl(options.ocspUrl);
  }
  if ((options.hosts ?? ["localhost"]).length + (options.ips ?? ["127.0.0.1"]).length === 0) {
    throw badArgument("Bad hosts and ips: the server certificate needs at least one DNS name or IP address");
  }
}

/** Generates a complete mTLS kit in memory; the caller writes the files with their modes. */
export async function generateKit(options: KitOptions = {}): Promise<Kit> {
  checkOptions(options);
  const crypto: CryptoProvider = options.crypto ?? globalThis.crypto;
  const resolved: Kit["options"] = {
    keyType: options.keyType ?? "ec-p256",
    hosts: [...(options.hosts ?? ["localhost"])],
    ips: [...(options.ips ?? ["127.0.0.1"])],
    clients: [...(options.clients ?? ["client"])],
    intermediate: options.intermediate ?? false,
    days: options.days ?? LEAF_DAYS,
    p12Password: options.p12Password ?? "changeit",
    p12Profile: options.p12Profile ?? "modern",
    organization: options.organization ?? "mTLS Lab",
    crl: options.crl ?? false,
    notBefore: (options.notBefore ?? new Date(Date.now() - 60_000)).toISOString(),
    ...(options.ocspUrl !== undefined ? { ocspUrl: options.ocspUrl } : {}),
  };
  // Client-side certificates below the root name the responder: nginx's ssl_ocsp asks about the leaf and every
  // CA under the trust anchor (ngx_ssl_ocsp_validate_next), at the AIA URL unless ssl_ocsp_responder overrides it.
  const clientAia: ExtensionSpec[] = resolved.ocspUrl ? [{ kind: "authorityInfoAccess", ocsp: [resolved.ocspUrl] }] : [];
  const notBefore = new Date(resolved.notBefore);
  // CAs must outlive the leaves they sign, or the chain expires first.
  const caDays = Math.max(CA_DAYS, resolved.days + 1);
  const org = resolved.organization;
  const dn = (cn: string) => [{ type: "CN", value: cn }, { type: "O", value: org }];
  const files: KitFile[] = [];
  const addCert = (name: string, role: KitRole, certs: IssuedCertificate[], client?: string) =>
    files.push({ name, role, contents: certs.map((c) => c.pem).join(""), mode: CERT_MODE, sha256: certs[0]?.sha256, ...(client ? { client } : {}) });
  const addKey = async (name: string, role: KitRole, key: CryptoKey, client?: string) =>
    files.push({ name, role, contents: await exportPrivateKeyPem(key, crypto), mode: KEY_MODE, ...(client ? { client } : {}) });

  const makeCa = async (label: "Server" | "Client", prefix: "server" | "client"): Promise<Signer> => {
    const keys = await generateKeyPair(resolved.keyType, crypto);
    const issued = await issueCertificate(
      { profile: "root", subject: dn(`${org} ${label} CA`), publicKey: keys.publicKey, signingKey: keys.privateKey, notBefore, days: caDays },
      crypto,
    );
    addCert(`${prefix}-ca.crt`, prefix === "server" ? "serverCa" : "clientCa", [issued]);
    await addKey(`${prefix}-ca.key`, prefix === "server" ? "serverCaKey" : "clientCaKey", keys.privateKey);
    return { issued, keys };
  };
  const makeIntermediate = async (root: Signer, label: "Server" | "Client", prefix: "server" | "client"): Promise<Signer> => {
    const keys = await generateKeyPair(resolved.keyType, crypto);
    const issued = await issueCertificate(
      {
        profile: "intermediate",
        extraExtensions: prefix === "client" ? clientAia : [],
        subject: dn(`${org} ${label} Intermediate CA`),
        publicKey: keys.publicKey,
        issuer: { certificate: root.issued.certificate, privateKey: root.keys.privateKey },
        notBefore,
        days: caDays,
      },
      crypto,
    );
    addCert(`${prefix}-intermediate.crt`, prefix === "server" ? "serverIntermediate" : "clientIntermediate", [issued]);
    await addKey(`${prefix}-intermediate.key`, prefix === "server" ? "serverIntermediateKey" : "clientIntermediateKey", keys.privateKey);
    return { issued, keys };
  };

  const serverRoot = await makeCa("Server", "server");
  const clientRoot = await makeCa("Client", "client");
  const serverIssuer = resolved.intermediate ? await makeIntermediate(serverRoot, "Server", "server") : serverRoot;
  const clientIssuer = resolved.intermediate ? await makeIntermediate(clientRoot, "Client", "client") : clientRoot;
  const serverExtra = resolved.intermediate ? [serverIssuer.issued] : [];
  const clientExtra = resolved.intermediate ? [clientIssuer.issued] : [];

  const serverKeys = await generateKeyPair(resolved.keyType, crypto);
  // The CN is for people (clients match SAN only); RFC 5280's upper bound for a CN is 64 characters.
  const firstName = resolved.hosts[0] ?? resolved.ips[0] ?? "";
  const serverName = firstName.length > 0 && firstName.length <= 64 ? firstName : "server";
  const server = await issueCertificate(
    {
      profile: "server",
      subject: dn(serverName),
      publicKey: serverKeys.publicKey,
      issuer: { certificate: serverIssuer.issued.certificate, privateKey: serverIssuer.keys.privateKey },
      hosts: resolved.hosts,
      ips: resolved.ips,
      notBefore,
      days: resolved.days,
    },
    crypto,
  );
  addCert("server.crt", "serverCert", [server]);
  await addKey("server.key", "serverKey", serverKeys.privateKey);
  addCert("server-chain.crt", "serverChain", [server, ...serverExtra]);

  for (const name of resolved.clients) {
    const keys = await generateKeyPair(resolved.keyType, crypto);
    const client = await issueCertificate(
      {
        profile: "client",
        extraExtensions: clientAia,
        subject: dn(name),
        publicKey: keys.publicKey,
        issuer: { certificate: clientIssuer.issued.certificate, privateKey: clientIssuer.keys.privateKey },
        notBefore,
        days: resolved.days,
      },
      crypto,
    );
    addCert(`${name}.crt`, "clientCert", [client], name);
    await addKey(`${name}.key`, "clientKey", keys.privateKey, name);
    addCert(`${name}-chain.crt`, "clientChain", [client, ...clientExtra], name);
    const p12 = await createPkcs12(
      { key: keys.privateKey, certificate: client.der, chain: clientExtra.map((c) => c.der), password: resolved.p12Password, friendlyName: name, profile: resolved.p12Profile },
      crypto,
    );
    files.push({ name: `${name}.p12`, role: "clientP12", contents: p12, mode: KEY_MODE, sha256: client.sha256, client: name });
  }
  const crlRecords: KitCrlRecord[] = [];
  if (resolved.crl) {
    // One CRL per CA of the client side, and their concatenation: nginx (ssl_crl), HAProxy (crl-file) and Apache
    // (SSLCARevocationFile) check every certificate of the chain (X509_V_FLAG_CRL_CHECK_ALL), so a file without
    // the root's CRL refuses every client with "unable to get certificate CRL".
    const signers = resolved.intermediate ? [clientIssuer, clientRoot] : [clientRoot];
    const crls: string[] = [];
    for (const signer of signers) {
      const crl = await issueCrl({ issuer: { certificate: signer.issued.certificate, privateKey: signer.keys.privateKey }, thisUpdate: notBefore }, crypto);
      const root = signer === clientRoot;
      files.push({ name: root ? KitFileName.clientCaCrl : KitFileName.clientIntermediateCrl, role: root ? "clientCaCrl" : "clientIntermediateCrl", contents: crl.pem, mode: CERT_MODE, sha256: crl.sha256 });
      crls.push(crl.pem);
      crlRecords.push({ name: root ? KitFileName.clientCaCrl : KitFileName.clientIntermediateCrl, crlNumber: crl.crlNumber, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate });
    }
    files.push({ name: KitFileName.clientCrls, role: "clientCrls", contents: crls.join(""), mode: CERT_MODE });
  }
  return { options: resolved, files, generatedAt: new Date().toISOString(), ...(crlRecords.length > 0 ? { crls: crlRecords } : {}) };
}

/** kit.json: every file with its role and SHA-256 fingerprint (never the key material). */
export function kitManifest(kit: Kit): KitManifest {
  return {
    version: 1,
    generatedAt: kit.generatedAt ?? kit.options.notBefore,
    keyType: kit.options.keyType,
    files: kit.files.map((file) => ({
      name: file.name,
      role: file.role,
      ...(file.sha256 ? { sha256: file.sha256 } : {}),
      ...(file.client ? { client: file.client } : {}),
    })),
    ...(kit.crls ? { crls: kit.crls } : {}),
    ...(kit.options.ocspUrl ? { ocspUrl: kit.options.ocspUrl } : {}),
  };
}
