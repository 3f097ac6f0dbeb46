/**
 * A kit's revocation state: kit.json records who was revoked and each CRL's number and dates; the CRL files
 * are re-signed from that record. `mtls-lab revoke` and `mtls-lab crl` are thin file-reading shells around it.
 */
import { badArgument } from "../decode/errors.js";
import { KitFileName } from "../constants.js";
import { fromBase64 } from "../encoding.js";
import type { CryptoProvider, KitFile, KitManifest } from "../types.js";
import { CrlReason, issueCrl, serialOf } from "./crl.js";
import { KeyAlgorithms, isKeyType } from "./keys.js";

/** One CA of the client side whose CRL the kit keeps. */
interface CrlSigner {
  certificate: string;
  key: string;
  crl: typeof KitFileName.clientCaCrl | typeof KitFileName.clientIntermediateCrl;
}

export interface KitCrlInput {
  manifest: KitManifest;
  /** PEM text of the files {@link kitCrlFiles} names, by file name. */
  files: Readonly<Record<string, string>>;
  /** Revoke this client (a name from kit.json) before signing. */
  revoke?: { client: string; reason?: CrlReason };
  /** Validity of the new CRLs in days; default 30. */
  days?: number;
  /** thisUpdate of the new CRLs; default now minus a minute. */
  at?: Date;
}

export interface KitCrlResult {
  /** The CRL files to write: one per client-side CA, and client-crls.pem with all of them. */
  files: KitFile[];
  /** kit.json with the new fingerprints, CRL numbers and revocations. */
  manifest: KitManifest;
}

function signersOf(manifest: KitManifest): CrlSigner[] {
  const has = (role: string) => manifest.files.some((f) => f.role === role);
  const root: CrlSigner = { certificate: KitFileName.clientCa, key: KitFileName.clientCaKey, crl: KitFileName.clientCaCrl };
  if (!has("clientIntermediate")) return [root];
  return [{ certificate: KitFileName.clientIntermediate, key: KitFileName.clientIntermediateKey, crl: KitFileName.clientIntermediateCrl }, root];
}

function clientCertificate(manifest: KitManifest, client: string): string {
  const file = manifest.files.find((f) => f.role === "clientCert" && f.client === client);
  if (!file) {
    const known = manifest.files.filter((f) => f.role === "clientCert").map((f) => f.client);
    throw badArgument(`Bad client ${JSON.stringify(client)}: the kit's clients are ${known.join(", ") || "none"}`);
  }
  return file.name;
}

/** The kit files updateKitCrls needs (PEM text), so a caller can read exactly those. */
export function kitCrlFiles(manifest: KitManifest, revoke?: { client: string }): string[] {
  const names = signersOf(manifest).flatMap((s) => [s.certificate, s.key]);
  if (revoke) names.push(clientCertificate(manifest, revoke.client));
  return names;
}

async function importKey(pem: string, manifest: KitManifest, name: string, crypto: CryptoProvider): Promise<CryptoKey> {
  if (!isKeyType(manifest.keyType)) throw badArgument(`Bad kit.json: unknown keyType ${JSON.stringify(manifest.keyType)}`);
  const body = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!body) throw badArgument(`Bad ${name}: expected a PKCS#8 PEM private key (BEGIN PRIVATE KEY)`);
  const der = fromBase64(body[1]!.replace(/\s/g, ""));
  if (!der) throw badArgument(`Bad ${name}: the PEM body is not base64`);
  try {
    return await crypto.subtle.importKey("pkcs8", der as BufferSource, KeyAlgorithms[manifest.keyType] as Algorithm, false, ["sign"]);
  } catch {
    throw badArgument(`Bad ${name}: not a ${manifest.keyType} key (kit.json's keyType)`);
  }
}

/**
 * Re-signs the client-side CRLs of a kit, optionally revoking one client first. CRL numbers increase by one
 * per signing (RFC 5280 5.2.3). Throws a TypeError naming the client or file that is wrong.
 */
export async function updateKitCrls(input: KitCrlInput, crypto: CryptoProvider = globalThis.crypto): Promise<KitCrlResult> {
  const { manifest } = input;
  const read = (name: string) => {
    const text = input.files[name];
    if (typeof text !== "string") throw badArgument(`Bad files: ${name} is missing`);
    return text;
  };
  const signers = signersOf(manifest);
  // One instant for the whole run: the revocation date equals the new CRLs' thisUpdate, backdated a minute
  // for peers whose clocks are a little behind (as issueCrl does by default).
  const at = input.at ?? new Date(Date.now() - 60_000);
  const revoked = [...(manifest.revoked ?? [])];
  if (input.revoke) {
    const certificate = read(clientCertificate(manifest, input.revoke.client));
    const serialNumber = serialOf(certificate);
    if (revoked.some((r) => r.serialNumber === serialNumber)) throw badArgument(`Bad client ${input.revoke.client}: already revoked`);
    if (input.revoke.reason !== undefined && !(Object.values(CrlReason) as string[]).includes(input.revoke.reason)) {
      throw badArgument(`Bad reason ${JSON.stringify(input.revoke.reason)}: expected one of ${Object.values(CrlReason).join(", ")}`);
    }
    revoked.push({
      client: input.revoke.client,
      serialNumber,
      ...(input.revoke.reason ? { reason: input.revoke.reason } : {}),
      revokedAt: at.toISOString(),
    });
  }

  const files: KitFile[] = [];
  const crls: NonNullable<KitManifest["crls"]> = [];
  for (const [index, signer] of signers.entries()) {
    const previous = manifest.crls?.find((c) => c.name === signer.crl);
    // Clients are issued by the first signer (the intermediate when there is one); the root's CRL lists none.
    const entries = index === 0 ? revoked.map((r) => ({ serialNumber: r.serialNumber, revocationDate: r.revokedAt, ...(r.reason ? { reason: r.reason as CrlReason } : {}) })) : [];
    const crl = await issueCrl(
      {
        issuer: { certificate: read(signer.certificate), privateKey: await importKey(read(signer.key), manifest, signer.key, crypto) },
        entries,
        crlNumber: (previous?.crlNumber ?? 0) + 1,
        thisUpdate: at,
        ...(input.days !== undefined ? { days: input.days } : {}),
      },
      crypto,
    );
    files.push({ name: signer.crl, role: index === 0 && signers.length > 1 ? "clientIntermediateCrl" : "clientCaCrl", contents: crl.pem, mode: 0o644, sha256: crl.sha256 });
    crls.push({ name: signer.crl, crlNumber: crl.crlNumber, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate });
  }
  files.push({ name: KitFileName.clientCrls, role: "clientCrls", contents: files.map((f) => f.contents).join(""), mode: 0o644 });

  const listed = manifest.files.filter((f) => !files.some((n) => n.name === f.name));
  return {
    files,
    manifest: {
      ...manifest,
      files: [...listed, ...files.map((f) => ({ name: f.name, role: f.role, ...(f.sha256 ? { sha256: f.sha256 } : {}) }))],
      crls,
      ...(revoked.length > 0 ? { revoked } : {}),
    },
  };
}
