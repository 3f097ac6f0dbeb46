/**
 * Mistakes in how the client checks the server: its CA file (curl --cacert, Node `ca`), the chain the
 * server sends, and the name the client connects to. The client checks the server's Certificate before it
 * sends its own (RFC 8446 4.4.2, RFC 5246 7.4.2), so these lead when both sides are wrong.
 */
import type { ParsedCertificate } from "../model/types.js";
import { chainFileFor, chainTop, intermediateAnchor, compareIssuer, day, fileHolding, fileLabel, fileOrPlaceholder, findIssuer, knownCertificates, shortIssuer, shortName, type MistakeContext, KIT } from "./mistake-context.js";
import { MistakeKind, type LeadingCause } from "./mistake-kinds.js";

const ISSUER_CODES = new Set(["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN"]);

/** "curl --cacert F; Node client: ca: readFileSync(F)". */
function trustFix(file: string): string {
  return `curl --cacert ${file}; Node client: ca: readFileSync("${file}")`;
}

/** The known file holding the CA `issuer` names, for "which is in `server-ca.crt`". */
async function holderOfIssuer(context: MistakeContext, cert: ParsedCertificate, exclude: string[]): Promise<{ ca: ParsedCertificate; file: string } | null> {
  const ca = await findIssuer(cert, knownCertificates(context), context);
  if (!ca) return null;
  const file = fileHolding(context, ca, { exclude });
  return file ? { ca, file: file.name } : null;
}

async function chainMistake(context: MistakeContext, codes: Set<string>): Promise<LeadingCause | null> {
  if (![...codes].some((code) => ISSUER_CODES.has(code))) return null;
  const chain = context.serverChain;
  const leaf = chain[0]!;
  const { serverCa, serverChain } = context.names;
  const caLabel = serverCa ? `The client's CA file \`${serverCa}\`` : "The client's CA file";
  const top = await chainTop(chain, context);
  const files = [serverCa, serverChain].filter((f): f is string => !!f);

  // The leaf alone, though an intermediate the client's CA file leads to exists among the user's files.
  if (top === leaf && !leaf.selfSigned) {
    const intermediate = await findIssuer(leaf, knownCertificates(context), context);
    if (intermediate && !intermediate.selfSigned && (await findIssuer(intermediate, context.serverAnchors, context))) {
      const chainFile = chainFileFor(context, leaf, intermediate);
      const right = fileOrPlaceholder(chainFile?.name, "<a file with the server certificate, then its intermediate>");
      return {
        kind: MistakeKind.serverChainMissingIntermediate,
        severity: "error",
        side: "server",
        cause: `The server sends ${fileLabel(serverChain, "its certificate")} (${shortName(leaf)}) alone: its issuer ${shortName(intermediate)}${fileHolding(context, intermediate) ? ` (in \`${fileHolding(context, intermediate)!.name}\`)` : ""} is an intermediate the client cannot find, so the chain does not reach ${fileLabel(serverCa, "the client's CA file")}.`,
        fix: context.serverKind === "nginx" ? `nginx: ssl_certificate ${right};` : `Node server: cert: readFileSync("${right}")`,
        files,
      };
    }
  }

  // The client's CA file stops at an intermediate of the server's chain: its root is missing.
  const stop = await intermediateAnchor(chain, context.serverAnchors, context);
  if (stop) {
    const root = await findIssuer(stop, knownCertificates(context), context);
    const rootFile = root ? fileHolding(context, root, { exclude: serverCa ? [serverCa] : [] })?.name : undefined;
    const rootName = root ? shortName(root) : shortIssuer(stop);
    return {
      kind: MistakeKind.serverCaFileWithoutRoot,
      severity: "error",
      side: "client",
      cause: `${caLabel} holds ${shortName(stop)}, an intermediate: the client builds the server's chain on to a self-signed root, and the root above it, ${rootName}${rootFile ? ` (in \`${rootFile}\`)` : ""}, is not in the file (OpenSSL: "unable to get issuer certificate").`,
      fix: trustFix(fileOrPlaceholder(rootFile, `<the file holding ${rootName}>`)),
      files: [...files, ...(rootFile ? [rootFile] : [])],
    };
  }

  const needed = top.selfSigned ? top : null;
  const holder = needed ? { ca: needed, file: fileHolding(context, needed, { exclude: serverCa ? [serverCa] : [] })?.name } : await holderOfIssuer(context, top, serverCa ? [serverCa] : []);
  const issuerName = needed ? shortName(needed) : shortIssuer(top);
  const where = holder?.file ? `, which is in \`${holder.file}\`` : "";
  const right = fileOrPlaceholder(holder?.file, `<the file holding ${issuerName}>`);
  const holds = context.serverAnchors.map(shortName).join(" and ");

  // The client's CA file holds the CA of the client certificates: the kit's two CAs swapped.
  const clientTop = context.clientChain.length > 0 ? await chainTop(context.clientChain, context) : null;
  const holdsClientCa =
    context.known.some((f) => f.role === "clientCa" && f.name === serverCa) ||
    (clientTop !== null && (await Promise.all(context.serverAnchors.map((a) => compareIssuer(clientTop, a, context)))).includes("issued"));
  return {
    kind: holdsClientCa ? MistakeKind.clientCaAsServerCa : MistakeKind.serverCaUnrelated,
    severity: "error",
    side: "client",
    cause: `${caLabel} (what the client trusts for the server) holds ${holds}${holdsClientCa ? ", the CA of the client certificates" : ""}; the server certificate ${fileLabel(serverChain, "")}${serverChain ? " " : ""}(${shortName(leaf)}) ${top === leaf ? "was issued by" : "chains up to"} ${issuerName}${where}.`,
    fix: trustFix(right),
    files: [...files, ...(holder?.file ? [holder.file] : [])],
  };
}

/** The leading mistake on the server's side, or null when the client accepts the server. */
export async function findServerMistake(context: MistakeContext): Promise<LeadingCause | null> {
  const side = context.diagnosis.server;
  if (side.verdict !== "rejected" || !side.verify) return null;
  const codes = new Set(side.verify.errors.map((e) => e.code as string));
  const { serverChain } = context.names;
  const leaf = context.serverChain[0]!;
  const chainMistakeFound = await chainMistake(context, codes);
  if (chainMistakeFound) return chainMistakeFound;
  if (codes.has("CERT_HAS_EXPIRED")) {
    const error = side.verify.errors.find((e) => e.code === "CERT_HAS_EXPIRED")!;
    const cert = context.serverChain[error.depth] ?? context.serverAnchors.find((a) => shortName(a) === side.verify!.path[error.depth]) ?? leaf;
    return {
      kind: MistakeKind.serverExpired,
      severity: "error",
      side: "server",
      cause: `${shortName(cert)}${error.depth === 0 && serverChain ? ` in \`${serverChain}\`` : ""} expired on ${day(cert.notAfter)}.`,
      fix: `Issue a new server certificate and point the server at it (nginx: ssl_certificate ${fileOrPlaceholder(serverChain, KIT.serverChain)};).`,
      files: serverChain ? [serverChain] : [],
    };
  }
  if (codes.has("ERR_TLS_CERT_ALTNAME_INVALID")) {
    const names = leaf.subjectAltNames.filter((n) => n.type === "dns" || n.type === "ip").map((n) => `${n.type === "dns" ? "DNS" : "IP"}:${n.value}`);
    const first = leaf.subjectAltNames.find((n) => n.type === "dns" || n.type === "ip");
    return {
      kind: MistakeKind.serverNameMismatch,
      severity: "error",
      side: "client",
      cause: `The client connects to ${context.host}, but the server certificate ${fileLabel(serverChain, "")}${serverChain ? " " : ""}(${shortName(leaf)}) is for ${names.length > 0 ? names.join(", ") : "no name at all (no subjectAltName)"}.`,
      fix: first
        ? `Connect with a name the certificate holds: curl https://${first.value}:PORT/ (add --resolve ${first.value}:PORT:ADDRESS when DNS does not know it); Node client: servername: "${first.value}". Or reissue it with subjectAltName=DNS:${context.host}.`
        : `Reissue the server certificate with subjectAltName=DNS:${context.host}.`,
      files: serverChain ? [serverChain] : [],
    };
  }
  return {
    kind: MistakeKind.serverCertificateInvalid,
    severity: "error",
    side: "server",
    cause: side.cause ?? `The client rejects the server certificate (${[...codes].join(", ")}).`,
    fix: side.fix ?? "Fix the server certificate.",
    files: serverChain ? [serverChain] : [],
  };
}

/** Working set-ups the client's CA file makes unsafe: both CAs in it. */
export async function findServerWarning(context: MistakeContext): Promise<LeadingCause | null> {
  if (context.serverAnchors.length < 2 || context.clientChain.length === 0) return null;
  const serverTop = await chainTop(context.serverChain, context);
  const clientTop = await chainTop(context.clientChain, context);
  const serverCa = serverTop.selfSigned ? serverTop : await findIssuer(serverTop, context.serverAnchors, context);
  const clientCa = clientTop.selfSigned ? clientTop : await findIssuer(clientTop, context.serverAnchors, context);
  if (!serverCa || !clientCa || serverCa === clientCa || !context.serverAnchors.includes(clientCa)) return null;
  const right = fileHolding(context, serverCa, { exclude: context.names.serverCa ? [context.names.serverCa] : [] })?.name;
  return {
    kind: MistakeKind.bothCasInServerCaFile,
    severity: "warning",
    side: "client",
    cause: `${fileLabel(context.names.serverCa, "The client's CA file")} holds both ${shortName(serverCa)} and ${shortName(clientCa)}: the client would also accept a server certificate issued by the client CA.`,
    fix: trustFix(fileOrPlaceholder(right, `<a file with ${shortName(serverCa)} only>`)),
    files: [context.names.serverCa, right].filter((f): f is string => !!f),
  };
}
