/**
 * Mistakes that stop a peer before any handshake: it refuses to load its own files. OpenSSL checks that the
 * private key matches the first certificate of the chain file (SSL_CTX_check_private_key), and at security
 * level 2 (Debian's openssl.cnf) refuses small keys and SHA-1 signatures (SSL_CTX_set_security_level(3)).
 */
import { sameCertificate } from "../model/certificate.js";
import type { ParsedCertificate } from "../model/types.js";
import { matchKey } from "./key-match.js";
import { fileHolding, fileLabel, fileOrPlaceholder, knownCertificates, shortName, type MistakeContext, KIT } from "./mistake-context.js";
import { MistakeKind, type LeadingCause, type PeerStops } from "./mistake-kinds.js";

/** curl 7.88 and Node 20 when the key is not the certificate's (measured). */
function keyStops(keyFile: string): PeerStops {
  return {
    curl: { exitCode: 58, message: `unable to set private key file: '${keyFile}' type PEM` },
    nodeClient: "ERR_OSSL_X509_KEY_VALUES_MISMATCH",
  };
}

async function matches(key: string | Uint8Array, cert: ParsedCertificate, context: MistakeContext): Promise<boolean> {
  return (await matchKey(key, cert, context.crypto)).status === "match";
}

/** The kit's key file for a certificate, when a known file says so. */
function keyFileFor(context: MistakeContext, cert: ParsedCertificate): string | undefined {
  return context.known.find((f) => f.keyFile && f.certificates[0] && sameCertificate(f.certificates[0], cert))?.keyFile;
}

async function serverKeyMistake(context: MistakeContext): Promise<LeadingCause | null> {
  const key = context.input.serverKey;
  const leaf = context.serverChain[0];
  if (key === undefined || !leaf || (await matchKey(key, leaf, context.crypto)).status !== "mismatch") return null;
  const { serverKey, serverChain } = context.names;
  const owner = await ownerOf(key, context);
  const rightKey = keyFileFor(context, leaf);
  const keyName = fileOrPlaceholder(rightKey, "<the key made with that certificate>");
  const chainName = fileOrPlaceholder(serverChain, KIT.serverChain);
  return {
    kind: MistakeKind.serverKeyMismatch,
    severity: "error",
    side: "server",
    cause: `The server key ${fileLabel(serverKey, "file")} is not the key of the server certificate${serverChain ? ` \`${serverChain}\`` : ""} (${shortName(leaf)})${owner ? `: it belongs to ${owner}` : ""}. nginx refuses to start ("key values mismatch") and a Node server throws ERR_OSSL_X509_KEY_VALUES_MISMATCH.`,
    fix: context.serverKind === "nginx" ? `nginx: ssl_certificate ${chainName}; ssl_certificate_key ${keyName};` : `Node server: cert: readFileSync("${chainName}"), key: readFileSync("${keyName}")`,
    files: [serverKey, serverChain].filter((f): f is string => !!f),
    stops: { nginx: "SSL_CTX_use_PrivateKey(...) failed (SSL: error:05800074:x509 certificate routines::key values mismatch)", nodeServer: "ERR_OSSL_X509_KEY_VALUES_MISMATCH" },
  };
}

/** "`client.crt` (CN=client)" for the known certificate whose key `key` is, if any. */
async function ownerOf(key: string | Uint8Array, context: MistakeContext): Promise<string | null> {
  for (const cert of knownCertificates(context)) {
    if (await matches(key, cert, context)) {
      const file = fileHolding(context, cert);
      return `${file ? `\`${file.name}\` ` : ""}(${shortName(cert)})`;
    }
  }
  return null;
}

async function clientKeyMistake(context: MistakeContext): Promise<LeadingCause | null> {
  const key = context.input.clientKey;
  const chain = context.clientChain;
  const leaf = chain[0];
  if (key === undefined || !leaf || (await matchKey(key, leaf, context.crypto)).status !== "mismatch") return null;
  const { clientKey, clientChain } = context.names;
  const keyName = fileOrPlaceholder(clientKey, KIT.clientKey);
  const chainLabel = fileLabel(clientChain, "the client certificate file");
  const stops = keyStops(keyName);
  const files = [clientChain, clientKey].filter((f): f is string => !!f);

  // The key belongs to a later certificate of the same file: the leaf is not first.
  const index = (await Promise.all(chain.map((cert) => matches(key, cert, context)))).findIndex(Boolean);
  if (index > 0) {
    const real = chain[index]!;
    const leafFile = fileHolding(context, real);
    const issuerFile = fileHolding(context, leaf);
    const order = leafFile && issuerFile ? `cat ${leafFile.name} ${issuerFile.name} > ${fileOrPlaceholder(clientChain, KIT.clientChain)}` : "put the leaf first, then its intermediates";
    return {
      kind: MistakeKind.clientChainWrongOrder,
      severity: "error",
      side: "client",
      cause: `${chainLabel} starts with ${shortName(leaf)} (a CA) and has the client certificate ${shortName(real)} in place ${index + 1}: the leaf must come first, so curl and Node pair ${fileLabel(clientKey, "the key")} with the CA's certificate and refuse it (key values mismatch).`,
      fix: `${order}; curl --cert ${fileOrPlaceholder(clientChain, KIT.clientChain)} --key ${keyName}`,
      files,
      stops,
    };
  }

  // Only CA certificates in the file: the intermediate given where the client certificate belongs.
  if (chain.every((cert) => cert.basicConstraints?.ca === true)) {
    let issued: ParsedCertificate | undefined;
    for (const cert of knownCertificates(context)) if (cert.basicConstraints?.ca !== true && (await matches(key, cert, context))) issued = cert;
    const chainFile = issued ? context.known.find((f) => f.certificates.length > 1 && sameCertificate(f.certificates[0]!, issued!)) : undefined;
    const leafFile = issued ? fileHolding(context, issued) : undefined;
    const right = chainFile?.name ?? leafFile?.name ?? "<your client certificate, then its intermediate>";
    return {
      kind: MistakeKind.clientIntermediateWithoutLeaf,
      severity: "error",
      side: "client",
      cause: `${chainLabel} holds only ${chain.map(shortName).join(", ")}, a CA certificate, not the client certificate${issued ? ` (${shortName(issued)}${leafFile ? `, in \`${leafFile.name}\`` : ""})` : ""}: curl and Node pair ${fileLabel(clientKey, "the key")} with the CA's certificate and refuse it (key values mismatch).`,
      fix: `curl --cert ${right} --key ${keyName}; Node client: cert: readFileSync("${right}")`,
      files,
      stops,
    };
  }

  const owner = await ownerOf(key, context);
  const rightKey = keyFileFor(context, leaf);
  return {
    kind: MistakeKind.clientKeyMismatch,
    severity: "error",
    side: "client",
    cause: `The client key ${fileLabel(clientKey, "file")} is not the key of ${chainLabel} (${shortName(leaf)})${owner ? `: it belongs to ${owner}` : ""}. curl stops with exit 58 before connecting and Node throws ERR_OSSL_X509_KEY_VALUES_MISMATCH.`,
    fix: `curl --cert ${fileOrPlaceholder(clientChain, KIT.clientChain)} --key ${rightKey ?? "<the key made with that certificate>"}; Node client: key: readFileSync("${rightKey ?? "<that key>"}")`,
    files,
    stops,
  };
}

function weakMistake(context: MistakeContext): LeadingCause | null {
  for (const side of ["client", "server"] as const) {
    const finding = context.diagnosis.findings.find((f) => f.id === "weak-certificate" && f.side === side);
    if (!finding) continue;
    const file = side === "client" ? context.names.clientChain : context.names.serverChain;
    const leaf = (side === "client" ? context.clientChain : context.serverChain)[0]!;
    return {
      kind: side === "client" ? MistakeKind.clientWeakCrypto : MistakeKind.serverWeakCrypto,
      severity: "error",
      side,
      cause: `${fileLabel(file, `The ${side} certificate`)} (${shortName(leaf)}) ${finding.message.replace(/^The (client|server) certificate /, "")}`,
      fix: `Reissue ${fileOrPlaceholder(file, `the ${side} certificate`)} with an EC P-256 key (or RSA 2048 and up) and a SHA-256 signature: mtls-lab kit, or openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256`,
      files: file ? [file] : [],
      ...(side === "client" ? { stops: clientLoadStops(context, finding.message) } : {}),
    };
  }
  return null;
}

/** curl refuses the certificate below its security level (exit 58); Node too when its own level 1 refuses it (a SHA-1 signature). */
function clientLoadStops(context: MistakeContext, message: string): PeerStops {
  const stops: PeerStops = {};
  const curl = context.diagnosis.client.curl;
  if (curl?.exitCode === 58) stops.curl = { exitCode: 58, message: curl.message ?? "" };
  const node = /so does Node \((ERR_[A-Z_]+)\)/.exec(message)?.[1];
  if (node) stops.nodeClient = node;
  return stops;
}

/** The first mistake that keeps a peer from loading its files, or null. */
export async function findLoadMistake(context: MistakeContext): Promise<LeadingCause | null> {
  return (await serverKeyMistake(context)) ?? (await clientKeyMistake(context)) ?? weakMistake(context);
}

/** A PKCS#12 that does not open with the password given (the CLI finds out; the package names the mistake). */
export function p12WrongPassword(file: string): LeadingCause {
  return {
    kind: MistakeKind.p12WrongPassword,
    severity: "error",
    side: "client",
    cause: `\`${file}\` does not open with the password given (its integrity check fails): curl stops with exit 58 ("could not parse PKCS12 file, check password") and Node throws "mac verify failure", before any connection.`,
    fix: `curl --cert-type P12 --cert ${file}:<the password it was exported with>; Node client: pfx: readFileSync("${file}"), passphrase: "<that password>" (a kit's default is changeit)`,
    files: [file],
    stops: { curl: { exitCode: 58, message: `could not parse PKCS12 file, check password, OpenSSL error error:11800071:PKCS12 routines::mac verify failure` }, nodeClient: "mac verify failure" },
  };
}
