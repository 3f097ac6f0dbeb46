/**
 * diagnose(): given the certificates on each side of an mTLS connection, predict what Node, nginx and curl
 * will say, where in the handshake, why, and how to fix it.
 */
import type { CryptoProvider } from "../types.js";
import { explainVerifyError, HandshakeStep } from "../verify/explain.js";
import type { ParsedCertificate } from "../model/types.js";
import { badInput } from "../decode/errors.js";
import { readCertificates } from "../verify/read-certificates.js";
import type { VerifyResult } from "../verify/types.js";
import { verifyParsedChain } from "../verify/verify-chain.js";
import { readCrls } from "../verify/check-revocation.js";
import { keySecurityBits, minimumBits, signatureSecurityBits } from "../verify/security-level.js";
import { findSideIssues } from "./findings.js";
import { withLeadingCause } from "./leading-cause.js";
import { matchKey } from "./key-match.js";
import { alertFor, predictCurl, predictNginx, predictNodeClient, predictNodeServer } from "./predict-peers.js";
import type { DiagnoseInput, Diagnosis, Finding, SideDiagnosis } from "./types.js";

/**
 * Security levels of the real peers: Node 20 does not read the system openssl.cnf (level 1, OpenSSL's
 * default); Debian's nginx and curl read /etc/ssl/openssl.cnf, whose CipherString sets @SECLEVEL=2.
 */
export const DEFAULT_SECURITY_LEVELS = { node: 1, nginx: 2, curl: 2 } as const;

/** The code whose explanation names the root cause: a leaf sent alone explains itself best by its last error. */
function causeCode(result: VerifyResult): string | null {
  if (result.lastError === "UNABLE_TO_VERIFY_LEAF_SIGNATURE") return result.lastError;
  return result.firstError;
}

function describe(result: VerifyResult | null, side: "server" | "client", leaf?: ParsedCertificate): { cause: string | null; fix: string | null } {
  if (!result || result.valid) return { cause: null, fix: null };
  const code = causeCode(result)!;
  const error = result.errors.find((e) => e.code === code);
  const explanation = explainVerifyError(code, { side, subject: error && error.depth > 0 ? undefined : leaf?.subject });
  const extra = result.errors.length > 1 ? ` ${result.errors.length - 1} more check${result.errors.length > 2 ? "s" : ""} failed too: ${result.errors.filter((e) => e !== error).map((e) => e.code).join(", ")}.` : "";
  return { cause: explanation.explanation + extra, fix: explanation.fix };
}

async function checkKey(key: string | Uint8Array | undefined, leaf: ParsedCertificate | undefined, side: "server" | "client", crypto: CryptoProvider): Promise<Finding[]> {
  if (key === undefined || !leaf) return [];
  const match = await matchKey(key, leaf, crypto);
  if (match.status === "match") return [];
  if (match.status === "unreadable") {
    return [{ id: "key-unreadable", severity: "warning", side, message: `The ${side} key could not be compared with its certificate: ${match.reason}.`, fix: "Give the unencrypted PKCS#8 key (BEGIN PRIVATE KEY)." }];
  }
  const failure =
    side === "server"
      ? 'nginx refuses to start ("SSL_CTX_use_PrivateKey(...) failed (SSL: error:05800074:x509 certificate routines::key values mismatch)") and Node throws ERR_OSSL_X509_KEY_VALUES_MISMATCH'
      : 'curl fails with exit 58 ("unable to set private key file") and Node throws ERR_OSSL_X509_KEY_VALUES_MISMATCH';
  return [{ id: "key-mismatch", severity: "error", side, message: `The ${side} key does not belong to the ${side} certificate (${leaf.subject}): ${failure}.`, fix: `Use the key generated with that certificate, or issue a new certificate for this key.`, learn: "keys" }];
}

/**
 * Predicts both sides of an mTLS handshake. Throws X509Error (code BAD_INPUT) for unreadable input; everything that
 * would fail at run time is in the returned Diagnosis.
 */
export async function diagnose(input: DiagnoseInput, crypto: CryptoProvider = globalThis.crypto): Promise<Diagnosis> {
  if (!input || typeof input !== "object") throw badInput("diagnose: expected an object { serverChain, clientChain?, serverTrustsForClients, clientTrustsForServer?, ... }");
  const serverChain = readCertificates(input.serverChain, "serverChain");
  const clientChain = readCertificates(input.clientChain, "clientChain", { allowEmpty: true });
  const clientAnchors = readCertificates(input.serverTrustsForClients, "serverTrustsForClients", { allowEmpty: true });
  if (clientAnchors.length === 0) throw badInput("serverTrustsForClients: empty trust store: give the CA file the server checks client certificates with");
  const serverAnchors = readCertificates(input.clientTrustsForServer, "clientTrustsForServer", { allowEmpty: true });
  const at = input.at === undefined ? new Date() : new Date(input.at);
  if (Number.isNaN(at.getTime())) throw badInput(`at: not a valid date: ${JSON.stringify(String(input.at))}`);
  const host = input.host ?? "localhost";
  const mode = input.verifyClient ?? "on";
  if (!["on", "optional", "optional_no_ca"].includes(mode)) throw badInput(`verifyClient: expected on, optional or optional_no_ca, got ${JSON.stringify(mode)}`);
  const tls = input.tlsVersion ?? "1.3";
  if (tls !== "1.2" && tls !== "1.3") throw badInput(`tlsVersion: expected "1.2" or "1.3", got ${JSON.stringify(tls)}`);
  const serverKind = input.server ?? "nginx";
  const levels = { ...DEFAULT_SECURITY_LEVELS, ...input.securityLevels };

  // The server's certificate, as the client checks it (purpose sslserver, then the host name).
  const serverLeaf = serverChain[0]!;
  let server: SideDiagnosis;
  let serverResult: VerifyResult | null = null;
  if (serverAnchors.length === 0) {
    server = { side: "server", verdict: "not-checked", verify: null, node: { code: null, message: null }, alert: null, step: HandshakeStep.serverCertificate, cause: "No client CA file was given, so the server certificate was not checked.", fix: "Give the CA file the client uses (curl --cacert, Node ca)." };
  } else {
    const serverInput = { leaf: serverLeaf, intermediates: serverChain.slice(1), anchors: serverAnchors, purpose: "server" as const, host, at };
    // Each client checks at its own security level (Node 1, curl 2 on Debian).
    serverResult = await verifyParsedChain({ ...serverInput, securityLevel: levels.node }, crypto);
    const curlResult = levels.curl === levels.node ? serverResult : await verifyParsedChain({ ...serverInput, securityLevel: levels.curl }, crypto);
    const first = curlResult.firstError;
    server = {
      side: "server",
      verdict: serverResult.valid && curlResult.valid ? "ok" : "rejected",
      verify: serverResult,
      node: predictNodeClient(serverResult),
      curl: predictCurl(curlResult, serverLeaf, host, serverChain),
      // curl stops at the first chain error and alerts; the host check and Node close without an alert.
      alert: first && first !== "ERR_TLS_CERT_ALTNAME_INVALID" ? alertFor(first, "client") : null,
      step: first === "ERR_TLS_CERT_ALTNAME_INVALID" ? HandshakeStep.hostCheck : HandshakeStep.serverCertificate,
      ...describe(serverResult.valid ? curlResult : serverResult, "server", serverLeaf),
    };
  }

  // The client's certificate, as the server checks it (purpose sslclient).
  const clientLeaf = clientChain[0];
  const crls = input.serverCrls === undefined ? undefined : readCrls(input.serverCrls, "serverCrls");
  const revocation = crls ? { crls, crlCheck: "all" as const } : {};
  const clientInput = clientLeaf ? { leaf: clientLeaf, intermediates: clientChain.slice(1), anchors: clientAnchors, purpose: "client" as const, at, ...revocation } : null;
  const nodeServerResult = clientInput ? await verifyParsedChain({ ...clientInput, securityLevel: levels.node }, crypto) : null;
  const nginxResult = clientInput && levels.nginx !== levels.node ? await verifyParsedChain({ ...clientInput, securityLevel: levels.nginx }, crypto) : nodeServerResult;
  const clientResult = serverKind === "nginx" ? nginxResult : nodeServerResult;
  const nginx = predictNginx(nginxResult, mode);
  const node = predictNodeServer(nodeServerResult, tls);
  const curlLoad = clientLeaf ? loadFailure(clientLeaf, levels.curl) : null;
  const accepted = serverKind === "nginx" ? nginx.status === 200 : clientResult?.valid === true;
  const verdict: SideDiagnosis["verdict"] = !clientResult ? "no-certificate" : clientResult.valid ? "ok" : accepted ? "accepted-unverified" : "rejected";
  const explained = clientResult ? describe(clientResult, "client", clientLeaf) : explainNoCertificate(serverKind, mode);
  const client: SideDiagnosis = {
    side: "client",
    verdict,
    verify: clientResult,
    node,
    nginx,
    // curl only has an HTTP status to show when the server is nginx; a Node server's answer is the application's.
    // curl refuses to load a client certificate below its security level before it connects (exit 58).
    curl: curlLoad
      ? { exitCode: 58, message: `could not load PEM client certificate from <file>, OpenSSL error ${curlLoad.openssl}, (no key found, wrong pass phrase, or wrong file format?)` }
      : server.curl && server.curl.exitCode !== 0
        ? server.curl
        : serverKind === "nginx"
          ? { exitCode: 0, message: null, httpStatus: nginx.status }
          : { exitCode: 0, message: null },
    alert: !clientResult && serverKind === "node" ? (node.whenRejecting?.alert ?? null) : null,
    // nginx completes the handshake and answers the first request with 400; Node knows at the client's Certificate.
    step: serverKind === "nginx" && !(verdict === "ok") ? HandshakeStep.httpRequest : HandshakeStep.clientCertificate,
    ...explained,
  };

  const findings: Finding[] = [
    ...(await checkKey(input.serverKey, serverLeaf, "server", crypto)),
    ...(await checkKey(input.clientKey, clientLeaf, "client", crypto)),
    ...(serverAnchors.length > 0 ? findSideIssues({ side: "server", chain: serverChain, anchors: serverAnchors, result: serverResult }) : []),
    ...findSideIssues({ side: "client", chain: clientChain, anchors: clientAnchors, result: clientResult }),
  ];
  // Node's one code for a lone leaf (UNABLE_TO_VERIFY_LEAF_SIGNATURE) covers two set-ups; the chain tells which,
  // so the finding's words replace the code's generic ones as the cause.
  for (const outcome of [server, client]) {
    if (outcome.verdict !== "rejected" || outcome.verify?.lastError !== "UNABLE_TO_VERIFY_LEAF_SIGNATURE") continue;
    const specific = findings.find((f) => f.side === outcome.side && (f.id === "missing-intermediate" || f.id === "client-ca-mismatch"));
    if (specific) Object.assign(outcome, { cause: specific.message, fix: specific.fix });
  }
  for (const [side, leaf] of [["client", clientLeaf], ["server", serverLeaf]] as const) {
    if (!leaf) continue;
    const nodeLoad = loadFailure(leaf, levels.node);
    const strictLoad = loadFailure(leaf, Math.max(levels.curl, levels.nginx));
    if (!strictLoad) continue;
    const who = side === "client" ? "curl (exit 58, could not load PEM client certificate)" : "nginx (it does not start)";
    findings.push({
      id: "weak-certificate",
      severity: "error",
      side,
      message: `The ${side} certificate is too weak for OpenSSL security level ${Math.max(levels.curl, levels.nginx)} (${strictLoad.reason}): ${who} refuses to load it${nodeLoad ? `, and so does Node (${nodeLoad.node})` : "; Node, at level 1, still accepts it"}.`,
      fix: "Reissue it with an EC P-256 key (or RSA 2048 and up) and a SHA-256 signature.",
      learn: "algorithms",
    });
  }
  if (!clientLeaf) {
    findings.push({
      id: "no-client-certificate",
      severity: mode === "on" || serverKind === "node" ? "error" : "warning",
      side: "client",
      message: "The client sends no certificate. Node's authorizationError says UNABLE_TO_GET_ISSUER_CERT, which really means \"no certificate sent\".",
      fix: "Configure the client with its certificate chain and key (curl --cert client-chain.crt --key client.key; Node cert and key).",
      learn: "client-certificates",
    });
  }
  const ok = server.verdict !== "rejected" && client.verdict === "ok" && !findings.some((f) => f.severity === "error");
  return withLeadingCause(input, { ok, server, client, findings }, crypto);
}

/**
 * OpenSSL's ssl_security_cert() when a peer loads its own certificate: the key, then (unless self-signed)
 * the signature digest. Measured: curl at level 2 refuses RSA-1024 ("ee key too small") and SHA-1
 * ("ca md too weak"); Node at level 1 throws ERR_SSL_CA_MD_TOO_WEAK for a SHA-1 signed certificate.
 */
function loadFailure(leaf: ParsedCertificate, level: number): { reason: string; openssl: string; node: string } | null {
  const bits = minimumBits(level);
  if (bits === 0) return null;
  if (keySecurityBits(leaf) < bits) return { reason: `${leaf.keyAlgorithm} ${leaf.keyBits}-bit key`, openssl: "error:0A00018F:SSL routines::ee key too small", node: "ERR_SSL_EE_KEY_TOO_SMALL" };
  if (!leaf.selfSigned && signatureSecurityBits(leaf) < bits) return { reason: "SHA-1 or MD5 signature", openssl: "error:0A00018E:SSL routines::ca md too weak", node: "ERR_SSL_CA_MD_TOO_WEAK" };
  return null;
}

function explainNoCertificate(serverKind: string, mode: string): { cause: string; fix: string } {
  const explanation = explainVerifyError("UNABLE_TO_GET_ISSUER_CERT", { side: "client", peerSentCertificate: false });
  const outcome = serverKind === "nginx" && mode !== "on" ? ` With ssl_verify_client ${mode} nginx lets the request in with $ssl_client_verify NONE: check it in the application.` : "";
  return { cause: explanation.explanation + outcome, fix: explanation.fix };
}
