/**
 * What the mistake finders share: the parsed inputs, the user's file names, the other files they have,
 * and the one comparison that matters, "did this CA issue that certificate": by name, then key identifier
 * (AKI/SKI, RFC 5280 4.2.1.1), then signature, as OpenSSL's check_issued() and the signature check do.
 */
import { clientFileNames, DEFAULT_CLIENT, KitFileName } from "../constants.js";
import type { CryptoProvider } from "../types.js";
import type { ParsedCertificate } from "../model/types.js";
import { sameCertificate } from "../model/certificate.js";
import { readCertificates } from "../verify/read-certificates.js";
import { verifySignature, type KeyCache } from "../model/signature.js";
import type { DiagnoseFileNames, KnownFile } from "./mistake-kinds.js";
import type { DiagnoseInput, Diagnosis, ServerKind, VerifyClientMode } from "./types.js";

/** A kit's file names (the layout `mtls-lab kit` writes), for fixes when the user's own names are not known. */
export const KIT = {
  clientCa: KitFileName.clientCa,
  serverCa: KitFileName.serverCa,
  serverChain: KitFileName.serverChain,
  serverKey: KitFileName.serverKey,
  clientChain: clientFileNames(DEFAULT_CLIENT).clientChain,
  clientKey: clientFileNames(DEFAULT_CLIENT).clientKey,
} as const;

/** How a CA relates to a certificate. */
export type IssuerMatch = "issued" | "same-name-other-key" | "unrelated";

/** A known file, parsed. */
export interface ParsedKnownFile {
  name: string;
  certificates: ParsedCertificate[];
  role?: string;
  keyFile?: string;
}

/** Everything a finder reads. */
export interface MistakeContext {
  input: DiagnoseInput;
  diagnosis: Diagnosis;
  serverKind: ServerKind;
  mode: VerifyClientMode;
  host: string;
  serverChain: ParsedCertificate[];
  clientChain: ParsedCertificate[];
  /** The server's client CA file. */
  clientAnchors: ParsedCertificate[];
  /** The client's CA file for the server. */
  serverAnchors: ParsedCertificate[];
  names: DiagnoseFileNames;
  known: ParsedKnownFile[];
  crypto: CryptoProvider;
  cache: KeyCache;
}

/** Reads the inputs again (diagnose() has validated them) and the known files; an unreadable known file is skipped. */
export function buildContext(input: DiagnoseInput, diagnosis: Diagnosis, crypto: CryptoProvider): MistakeContext {
  const known: ParsedKnownFile[] = [];
  for (const file of Array.isArray(input.knownFiles) ? input.knownFiles : []) {
    try {
      const certificates = readCertificates(file.certificates, file.name, { allowEmpty: true });
      if (certificates.length > 0) known.push({ name: file.name, certificates, ...(file.role ? { role: file.role } : {}), ...(file.keyFile ? { keyFile: file.keyFile } : {}) });
    } catch {
      // A file that is not certificates names nothing.
    }
  }
  return {
    input,
    diagnosis,
    serverKind: input.server ?? "nginx",
    mode: input.verifyClient ?? "on",
    host: input.host ?? "localhost",
    serverChain: readCertificates(input.serverChain, "serverChain"),
    clientChain: readCertificates(input.clientChain, "clientChain", { allowEmpty: true }),
    clientAnchors: readCertificates(input.serverTrustsForClients, "serverTrustsForClients", { allowEmpty: true }),
    serverAnchors: readCertificates(input.clientTrustsForServer, "clientTrustsForServer", { allowEmpty: true }),
    names: input.files ?? {},
    known,
    crypto,
    cache: new Map(),
  };
}

/** Compares `ca` with the issuer of `subject`: name, then AKI/SKI, then the signature itself. */
export async function compareIssuer(subject: ParsedCertificate, ca: ParsedCertificate, context: Pick<MistakeContext, "crypto" | "cache">): Promise<IssuerMatch> {
  if (ca.subjectKey !== subject.issuerKey) return "unrelated";
  if (subject.authorityKeyId !== undefined && ca.subjectKeyId !== undefined && subject.authorityKeyId !== ca.subjectKeyId) return "same-name-other-key";
  return (await verifySignature(subject.signatureAlgorithm, ca.publicKey, subject.tbs, subject.signature, context.crypto, context.cache)).status === "valid" ? "issued" : "same-name-other-key";
}

/** The first of `candidates` that issued `subject`. */
export async function findIssuer(subject: ParsedCertificate, candidates: readonly ParsedCertificate[], context: Pick<MistakeContext, "crypto" | "cache">): Promise<ParsedCertificate | undefined> {
  for (const candidate of candidates) {
    if (sameCertificate(candidate, subject) && !subject.selfSigned) continue;
    if ((await compareIssuer(subject, candidate, context)) === "issued") return candidate;
  }
  return undefined;
}

/** The top of a sent chain: follow issuers inside the chain from the leaf. */
export async function chainTop(chain: readonly ParsedCertificate[], context: Pick<MistakeContext, "crypto" | "cache">): Promise<ParsedCertificate> {
  let current = chain[0]!;
  const seen = new Set<ParsedCertificate>([current]);
  for (;;) {
    const next = await findIssuer(current, chain.filter((c) => !seen.has(c)), context);
    if (!next || next.selfSigned) return next ?? current;
    seen.add(next);
    current = next;
  }
}

/** "CN=mTLS Lab Client CA" when the name has a CN, else the whole name. */
export function shortName(cert: ParsedCertificate): string {
  const cn = cert.commonNames[cert.commonNames.length - 1];
  return cn ? `CN=${cn}` : cert.subject || "(empty name)";
}

/** The issuer's name the same way. */
export function shortIssuer(cert: ParsedCertificate): string {
  const cn = /(?:^|,)CN=((?:\\.|[^,\\])*)/.exec(cert.issuer)?.[1];
  return cn ? `CN=${cn.replace(/\\(.)/g, "$1")}` : cert.issuer || "(empty name)";
}

/** A file name in backticks, or the generic phrase when the user gave no name. */
export function fileLabel(name: string | undefined, generic: string): string {
  return name ? `\`${name}\`` : generic;
}

/** The file's name for a fix line, or a placeholder naming what it must hold. */
export function fileOrPlaceholder(name: string | undefined, placeholder: string): string {
  return name ?? placeholder;
}

/** The known file holding `cert` (prefer a file holding it alone, then one where it comes first). */
export function fileHolding(context: MistakeContext, cert: ParsedCertificate, options: { exclude?: string[] } = {}): ParsedKnownFile | undefined {
  const files = context.known.filter((file) => !options.exclude?.includes(file.name) && file.certificates.some((c) => sameCertificate(c, cert)));
  return files.find((f) => f.certificates.length === 1) ?? files.find((f) => sameCertificate(f.certificates[0]!, cert)) ?? files[0];
}

/** A known chain file: starts with `leaf` and also holds `issuer`. */
export function chainFileFor(context: MistakeContext, leaf: ParsedCertificate, issuer: ParsedCertificate): ParsedKnownFile | undefined {
  return context.known.find((file) => file.certificates.length > 1 && sameCertificate(file.certificates[0]!, leaf) && file.certificates.some((c) => sameCertificate(c, issuer)));
}

/** Known certificates, each once. */
export function knownCertificates(context: MistakeContext): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  for (const file of context.known) for (const cert of file.certificates) if (!out.some((c) => sameCertificate(c, cert))) out.push(cert);
  return out;
}

/** A date as the peers print it, day precision. */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The CA file's certificate the chain reaches when it is not a root: OpenSSL builds the chain on to a
 * self-signed anchor and, without X509_V_FLAG_PARTIAL_CHAIN (Node and nginx do not set it), fails with
 * UNABLE_TO_GET_ISSUER_CERT when the CA file stops at an intermediate.
 */
export async function intermediateAnchor(chain: readonly ParsedCertificate[], anchors: readonly ParsedCertificate[], context: Pick<MistakeContext, "crypto" | "cache">): Promise<ParsedCertificate | undefined> {
  const top = await chainTop(chain, context);
  for (const anchor of anchors) {
    if (anchor.selfSigned || anchor.basicConstraints?.ca !== true) continue;
    if (sameCertificate(anchor, top) || (await compareIssuer(top, anchor, context)) === "issued") return anchor;
  }
  return undefined;
}
