/**
 * Mistakes in how the server checks the client: its client CA file (nginx ssl_client_certificate, Node
 * `ca`), and the certificate, chain and dates of what the client sends.
 */
import type { ParsedCertificate } from "../model/types.js";
import { sameCertificate } from "../model/certificate.js";
import { chainFileFor, chainTop, intermediateAnchor, compareIssuer, day, fileHolding, fileLabel, fileOrPlaceholder, findIssuer, knownCertificates, shortIssuer, shortName, type MistakeContext, KIT } from "./mistake-context.js";
import { MistakeKind, type LeadingCause } from "./mistake-kinds.js";

const ISSUER_CODES = new Set(["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN"]);

/** The server's line for its client CA file. */
function clientCaFix(context: MistakeContext, file: string): string {
  return context.serverKind === "nginx" ? `nginx: ssl_client_certificate ${file};` : `Node server: ca: readFileSync("${file}")`;
}

/** The client's line for its certificate chain and key. */
function clientCertFix(chain: string, key: string): string {
  return `curl --cert ${chain} --key ${key}; Node client: cert: readFileSync("${chain}"), key: readFileSync("${key}")`;
}

function present(...files: (string | undefined)[]): string[] {
  return [...new Set(files.filter((f): f is string => !!f))];
}

async function issuerMistake(context: MistakeContext): Promise<LeadingCause | null> {
  const chain = context.clientChain;
  const leaf = chain[0]!;
  const { clientCa, clientChain, clientKey } = context.names;
  const caLabel = clientCa ? `The client CA file \`${clientCa}\`` : "The server's client CA file";
  const certLabel = clientChain ? `the client certificate \`${clientChain}\`` : "the client certificate";
  const holds = context.clientAnchors.map(shortName).join(" and ");
  const excludeCa = clientCa ? [clientCa] : [];

  if (leaf.selfSigned) {
    return {
      kind: MistakeKind.selfSignedClient,
      severity: "error",
      side: "client",
      cause: `${certLabel[0]!.toUpperCase()}${certLabel.slice(1)} (${shortName(leaf)}) is self-signed and not in ${fileLabel(clientCa, "the server's client CA file")}, which holds ${holds}: nothing vouches for it.`,
      fix: `Issue the client certificate from the CA in ${fileOrPlaceholder(clientCa, "the client CA file")} (mtls-lab kit), then ${clientCertFix(KIT.clientChain, KIT.clientKey)}`,
      files: present(clientChain, clientCa),
    };
  }

  const top = await chainTop(chain, context);
  // The CA file stops at an intermediate of the right chain: its root is missing.
  const stop = await intermediateAnchor(chain, context.clientAnchors, context);
  if (stop) {
    const root = await findIssuer(stop, knownCertificates(context), context);
    const rootFile = root ? (context.known.find((f) => f.role === "clientCa" && f.certificates.some((c) => sameCertificate(c, root))) ?? fileHolding(context, root, { exclude: excludeCa }))?.name : undefined;
    const rootName = root ? shortName(root) : shortIssuer(stop);
    return {
      kind: MistakeKind.clientCaFileWithoutRoot,
      severity: "error",
      side: "server",
      cause: `${caLabel} holds ${shortName(stop)}, an intermediate: the server builds the client's chain on to a self-signed root, and the root above it, ${rootName}${rootFile ? ` (in \`${rootFile}\`)` : ""}, is not in the file (OpenSSL: "unable to get issuer certificate").`,
      fix: clientCaFix(context, fileOrPlaceholder(rootFile, `<the file holding ${rootName}>`)),
      files: present(clientCa, rootFile),
    };
  }
  // Same name, another key: the CA file holds a CA of the issuer's name that did not sign (another kit's).
  for (const anchor of context.clientAnchors) {
    if (top.selfSigned || (await compareIssuer(top, anchor, context)) !== "same-name-other-key") continue;
    const ids = top.authorityKeyId && anchor.subjectKeyId ? ` (the certificate's authorityKeyIdentifier ${top.authorityKeyId} is not the CA's subjectKeyIdentifier ${anchor.subjectKeyId})` : " (its signature does not verify with the CA's key)";
    const right = await findIssuer(top, knownCertificates(context), context);
    const rightFile = right ? fileHolding(context, right, { exclude: excludeCa })?.name : undefined;
    return {
      kind: MistakeKind.clientFromAnotherCa,
      severity: "error",
      side: "client",
      cause: `${caLabel} holds ${shortName(anchor)}, but not the one that issued ${certLabel} (${shortName(leaf)}): same name, another key${ids}. The client certificate comes from another CA of that name, such as another kit's${rightFile ? `, whose CA is in \`${rightFile}\`` : ""}.`,
      fix: `Send the client certificate of the kit whose CA is in ${fileOrPlaceholder(clientCa, "the client CA file")} (${clientCertFix(KIT.clientChain, KIT.clientKey)}), or trust the CA that issued this one: ${clientCaFix(context, fileOrPlaceholder(rightFile, "<the other kit's client-ca.crt>"))}`,
      files: present(clientCa, clientChain, rightFile),
    };
  }

  // The leaf alone, though the intermediate that links it to the CA file exists among the user's files.
  if (top === leaf) {
    const intermediate = await findIssuer(leaf, knownCertificates(context), context);
    if (intermediate && !intermediate.selfSigned && (await findIssuer(intermediate, context.clientAnchors, context))) {
      const chainFile = chainFileFor(context, leaf, intermediate);
      const right = fileOrPlaceholder(chainFile?.name, "<a file with the client certificate, then its intermediate>");
      const interFile = fileHolding(context, intermediate)?.name;
      return {
        kind: MistakeKind.clientLeafWithoutIntermediate,
        severity: "error",
        side: "client",
        cause: `The client sends ${certLabel.replace("the client certificate ", "")} (${shortName(leaf)}) alone: its issuer ${shortName(intermediate)}${interFile ? ` (in \`${interFile}\`)` : ""} is an intermediate the server does not have, so the chain does not reach ${fileLabel(clientCa, "the server's client CA file")}.`,
        fix: clientCertFix(right, fileOrPlaceholder(clientKey, KIT.clientKey)),
        files: present(clientChain, chainFile?.name),
      };
    }
  }

  const needed = top.selfSigned ? top : await findIssuer(top, knownCertificates(context), context);
  const neededName = needed ? shortName(needed) : shortIssuer(top);
  const neededFile = needed ? (context.known.find((f) => f.role === "clientCa" && f.certificates.some((c) => sameCertificate(c, needed))) ?? fileHolding(context, needed, { exclude: excludeCa }))?.name : undefined;
  const right = fileOrPlaceholder(neededFile, `<the file holding ${neededName}>`);
  // The CA file holds the CA of the server's certificate: the kit's two CAs swapped.
  const serverTop = await chainTop(context.serverChain, context);
  const holdsServerCa =
    context.known.some((f) => f.role === "serverCa" && f.name === clientCa) ||
    (await Promise.all(context.clientAnchors.map(async (a) => sameCertificate(a, serverTop) || (await compareIssuer(serverTop, a, context)) === "issued"))).includes(true);
  // Nothing the user has issued the lone leaf: its issuer is most likely an intermediate left out.
  const lone = context.diagnosis.findings.find((f) => f.id === "missing-intermediate" && f.side === "client");
  if (!holdsServerCa && !needed && lone) {
    return {
      kind: MistakeKind.clientLeafWithoutIntermediate,
      severity: "error",
      side: "client",
      cause: `${lone.message} ${caLabel} holds ${holds}.`,
      fix: clientCertFix(fileOrPlaceholder(undefined, "<the client certificate, then its intermediate, in one file>"), fileOrPlaceholder(clientKey, KIT.clientKey)),
      files: present(clientChain, clientCa),
    };
  }
  return {
    kind: holdsServerCa ? MistakeKind.serverCaAsClientCa : MistakeKind.clientCaUnrelated,
    severity: "error",
    side: "server",
    cause: `${caLabel} holds ${holds}${holdsServerCa ? ", the CA of the server's own certificate" : ""}; ${certLabel} (${shortName(leaf)}) was issued ${top === leaf ? "by" : "under"} ${neededName}${neededFile ? `, which is in \`${neededFile}\`` : ""}.`,
    fix: clientCaFix(context, right),
    files: present(clientCa, clientChain, neededFile),
  };
}

function dateMistake(context: MistakeContext, code: string, depth: number): LeadingCause | null {
  const { clientCa, clientChain } = context.names;
  const result = context.diagnosis.client.verify!;
  const subject = result.path[depth];
  const cert: ParsedCertificate | undefined = context.clientChain[depth] ?? [...context.clientChain, ...context.clientAnchors].find((c) => c.subject === subject);
  if (!cert) return null;
  const inAnchors = context.clientAnchors.some((a) => sameCertificate(a, cert));
  const file = inAnchors ? clientCa : clientChain;
  const where = file ? ` (in \`${file}\`)` : "";
  if (code === "CERT_NOT_YET_VALID") {
    return {
      kind: MistakeKind.clientNotYetValid,
      severity: "error",
      side: "client",
      cause: `${shortName(cert)}${where} is not valid before ${cert.notBefore.toISOString()}: it was issued with a start date in the future, or the server's clock is behind.`,
      fix: "Check the clocks of the issuing machine and the server (timedatectl), or reissue the certificate with a start date in the past.",
      files: present(file),
    };
  }
  const isLeaf = depth === 0;
  return {
    kind: isLeaf ? MistakeKind.clientExpired : MistakeKind.clientCaExpired,
    severity: "error",
    side: isLeaf ? "client" : inAnchors ? "server" : "client",
    cause: `${isLeaf ? "The client certificate" : "The client CA"} ${shortName(cert)}${where} expired on ${day(cert.notAfter)}.`,
    fix: isLeaf
      ? `Issue a new client certificate from ${shortIssuer(cert)} (mtls-lab kit, or openssl x509 -req -CA <that CA>) and send it in place of ${fileOrPlaceholder(clientChain, "the expired one")}: ${clientCertFix("<the new chain>", "<its key>")}`
      : `Renew the CA (same key and name keeps the issued certificates valid), then ${clientCaFix(context, fileOrPlaceholder(clientCa, KIT.clientCa))}`,
    files: present(file),
  };
}

/** The leading mistake on the client's side, or null when the server accepts the client. */
export async function findClientMistake(context: MistakeContext): Promise<LeadingCause | null> {
  const side = context.diagnosis.client;
  const { clientChain, clientKey, clientCa } = context.names;
  if (side.verdict === "no-certificate") {
    const rejects = context.serverKind === "node" || context.mode === "on";
    const kitChain = context.known.find((f) => f.role === "clientChain");
    const chain = kitChain?.name ?? KIT.clientChain;
    const key = kitChain?.keyFile ?? KIT.clientKey;
    return {
      kind: MistakeKind.noClientCertificate,
      severity: rejects ? "error" : "warning",
      side: "client",
      cause: rejects
        ? `The client sends no certificate, and the server requires one (${context.serverKind === "nginx" ? 'nginx: 400 "No required SSL certificate was sent"' : "a Node server with requestCert: alert 116 over TLS 1.3, 40 over TLS 1.2"}).`
        : `The client sends no certificate; with ssl_verify_client ${context.mode} nginx lets the request in with $ssl_client_verify NONE, so the application must check it.`,
      fix: clientCertFix(chain, key),
      files: [],
    };
  }
  if ((side.verdict === "rejected" || side.verdict === "accepted-unverified") && side.verify) {
    const codes = new Set(side.verify.errors.map((e) => e.code as string));
    if ([...codes].some((code) => ISSUER_CODES.has(code))) return issuerMistake(context);
    for (const error of side.verify.errors) {
      if (error.code === "CERT_HAS_EXPIRED" || error.code === "CERT_NOT_YET_VALID") {
        const found = dateMistake(context, error.code, error.depth);
        if (found) return found;
      }
    }
    const leaf = context.clientChain[0]!;
    if (codes.has("INVALID_PURPOSE") && leaf.extKeyUsage && !leaf.extKeyUsage.includes("clientAuth")) {
      return {
        kind: MistakeKind.clientMissingClientAuth,
        severity: "error",
        side: "client",
        cause: `${clientChain ? `\`${clientChain}\`` : "The client certificate"} (${shortName(leaf)}) has extendedKeyUsage ${leaf.extKeyUsage.join(", ")} without clientAuth: it was made for a server, and OpenSSL refuses it as a client ("unsuitable certificate purpose").`,
        fix: "Reissue it with extendedKeyUsage = clientAuth (openssl: -addext extendedKeyUsage=clientAuth; mtls-lab kit does), then send the new chain.",
        files: present(clientChain),
      };
    }
    return {
      kind: MistakeKind.clientCertificateInvalid,
      severity: "error",
      side: "client",
      cause: side.cause ?? `The server rejects the client certificate (${[...codes].join(", ")}).`,
      fix: side.fix ?? "Fix the client certificate.",
      files: present(clientChain),
    };
  }
  if (side.verdict !== "ok" || context.clientChain.length === 0) return null;

  // Working set-ups that should not stay as they are.
  const leaf = context.clientChain[0]!;
  if (leaf.selfSigned && context.clientAnchors.some((a) => sameCertificate(a, leaf))) {
    return {
      kind: MistakeKind.selfSignedLeafAsCa,
      severity: "warning",
      side: "server",
      cause: `${fileLabel(clientCa, "The server's client CA file")} holds the client's own self-signed certificate (${shortName(leaf)}) instead of a CA: it works, but pins this one certificate (every renewal must change the server too)${leaf.basicConstraints?.ca ? ", and as it is marked CA:TRUE, whoever holds the client's key can issue more client certificates the server accepts" : ""}.`,
      fix: `Create a client CA, issue the client certificate from it (mtls-lab kit), and ${clientCaFix(context, KIT.clientCa)}`,
      files: present(clientCa, clientChain),
    };
  }
  if (!leaf.selfSigned && leaf.basicConstraints?.ca === true) {
    return {
      kind: MistakeKind.clientLeafIsCa,
      severity: "warning",
      side: "client",
      cause: `${clientChain ? `\`${clientChain}\`` : "The client certificate"} (${shortName(leaf)}) is marked CA:TRUE: the server accepts it, but whoever holds ${fileLabel(clientKey, "its key")} can issue more client certificates under it that the server accepts too.`,
      fix: "Reissue it with basicConstraints = critical, CA:FALSE (mtls-lab kit does).",
      files: present(clientChain),
    };
  }
  if (context.clientAnchors.length > 1) {
    const serverTop = await chainTop(context.serverChain, context);
    const serverCa = serverTop.selfSigned ? serverTop : await findIssuer(serverTop, context.clientAnchors, context);
    const clientTop = await chainTop(context.clientChain, context);
    const clientCaCert = clientTop.selfSigned ? clientTop : await findIssuer(clientTop, context.clientAnchors, context);
    if (serverCa && clientCaCert && !sameCertificate(serverCa, clientCaCert) && context.clientAnchors.some((a) => sameCertificate(a, serverCa))) {
      const right = fileHolding(context, clientCaCert, { exclude: clientCa ? [clientCa] : [] })?.name;
      return {
        kind: MistakeKind.bothCasInClientCaFile,
        severity: "warning",
        side: "server",
        cause: `${fileLabel(clientCa, "The server's client CA file")} holds both ${shortName(clientCaCert)} and ${shortName(serverCa)}: the server also accepts, as a client, any certificate with clientAuth that ${shortName(serverCa)} issues.`,
        fix: clientCaFix(context, fileOrPlaceholder(right, `<a file with ${shortName(clientCaCert)} only>`)),
        files: present(clientCa, right),
      };
    }
  }
  return null;
}
