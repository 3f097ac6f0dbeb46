/**
 * The library's side of the differential and the comparison with the truth: decode() and verifyChain() from
 * the public entry point, one row of agreement per case, and the table the suite prints.
 */
import { type CertificateInfo, type ParsedVerifyInput, VerifyCodes, type VerifyResult, decode, parseVerifyInput, verifyParsedChain } from "../../src/index.js";
import type { CorpusCert, CorpusChain } from "./corpus-base.js";
import type { DecodeTruth, VerifyTruth } from "./truth.js";

/** One disagreement: which column, which case, what each side said. */
export interface Disagreement {
  column: string;
  id: string;
  detail: string;
}

/** RFC 2253 text with the parts of each multi-valued RDN sorted: OpenSSL prints them in reverse DER order. */
const rdnSets = (dn: string) => dn.split(/(?<!\\),/).map((rdn) => rdn.split(/(?<!\\)\+/).sort().join("+")).join(",");

export const DecodeColumns = ["decode: accept/reject", "decode: serial", "decode: fingerprints", "decode: validity", "decode: subject", "decode: issuer"] as const;
export const VerifyColumns = ["verify: valid", "verify: first error", "verify: last error", "verify: every error"] as const;

/** decode() on one certificate against `openssl x509`; returns the disagreeing columns. */
export async function compareDecode(cert: CorpusCert, truth: DecodeTruth): Promise<Disagreement[]> {
  let info: CertificateInfo | undefined;
  let failure = "";
  try {
    const { items } = await decode(cert.der);
    if (items.length === 1 && items[0]!.kind === "certificate") info = items[0] as CertificateInfo;
    else failure = `decoded as ${items.map((i) => i.kind).join("+")}`;
  } catch (error) {
    failure = (error as Error).message;
  }
  const out: Disagreement[] = [];
  const push = (column: (typeof DecodeColumns)[number], ours: unknown, theirs: unknown) => {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push({ column, id: cert.id, detail: `ours ${JSON.stringify(ours)} vs openssl ${JSON.stringify(theirs)}` });
  };
  push("decode: accept/reject", info ? "accepted" : `rejected (${failure})`, truth.accepted ? "accepted" : "rejected");
  if (!info || !truth.accepted) return out.filter((d) => !(d.detail.startsWith("ours \"rejected") && !truth.accepted));
  push("decode: serial", info.serialNumber.toUpperCase(), truth.serial);
  push("decode: fingerprints", [info.fingerprints.sha256, info.fingerprints.sha1], [truth.sha256, truth.sha1]);
  // decode gives ISO 8601, or the time's own text when it is not a valid time ("Bad time value" in OpenSSL):
  // Date.parse must not be handed that text, V8 would read a date out of the digits in it.
  const instant = (text: string) => (/^-?\d{4,6}-\d\d-\d\dT/.test(text) ? Date.parse(text) : null);
  push("decode: validity", [instant(info.notBefore), instant(info.notAfter)], [truth.notBefore ?? null, truth.notAfter ?? null]);
  push("decode: subject", rdnSets(info.subject), rdnSets(truth.subject ?? ""));
  push("decode: issuer", rdnSets(info.issuer), rdnSets(truth.issuer ?? ""));
  return out;
}

const numberOf = (code: string | null) => (code === null ? null : (VerifyCodes[code as keyof typeof VerifyCodes]?.number ?? -2));

/** Parsed untrusted pools shared by many chains (the PKITS pool): read once, as verifyChain would read them. */
const pools = new WeakMap<readonly Uint8Array[], ParsedVerifyInput>();

/**
 * verifyChain()'s two steps, parseVerifyInput() then verifyParsedChain(), with a shared pool parsed once;
 * the same answer as verifyChain() on the whole input.
 */
async function verify(chain: CorpusChain): Promise<VerifyResult> {
  const input = { leaf: chain.leaf, intermediates: chain.untrusted, trustAnchors: chain.trusted, purpose: chain.purpose, at: chain.at };
  if (chain.untrusted.length < 20) return verifyParsedChain(parseVerifyInput(input));
  let pool = pools.get(chain.untrusted);
  if (!pool) {
    pool = parseVerifyInput(input);
    pools.set(chain.untrusted, pool);
  }
  const own = parseVerifyInput({ ...input, intermediates: [] });
  return verifyParsedChain({ ...own, intermediates: pool.intermediates });
}

/** verifyChain() on one chain against OpenSSL; returns the disagreeing columns. */
export async function compareVerify(chain: CorpusChain, truth: VerifyTruth): Promise<Disagreement[]> {
  let result: VerifyResult | undefined;
  let failure = "";
  try {
    result = await verify(chain);
  } catch (error) {
    failure = (error as Error).message;
  }
  const out: Disagreement[] = [];
  const push = (column: (typeof VerifyColumns)[number], ours: unknown, theirs: unknown) => {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push({ column, id: chain.id, detail: `ours ${JSON.stringify(ours)} vs openssl ${JSON.stringify(theirs)}` });
  };
  if (truth.loadError || !result) {
    // Input OpenSSL cannot load must be refused as bad input, and only that.
    const ours = result ? "verified" : `refused: ${failure}`;
    const theirs = truth.loadError ? `load error (${truth.loadError})` : "loaded";
    if (!!truth.loadError !== !result) for (const column of VerifyColumns) out.push({ column, id: chain.id, detail: `ours ${ours} vs openssl ${theirs}` });
    return out;
  }
  push("verify: valid", result.valid, truth.valid);
  push("verify: first error", numberOf(result.firstError), truth.first);
  push("verify: last error", numberOf(result.lastError), truth.last);
  push("verify: every error", result.errors.map((e) => [numberOf(e.code), e.depth]), truth.errors);
  return out;
}

/** The agreement table of one kind: per group and column, agreeing cases / all cases. */
export function agreementTable(title: string, columns: readonly string[], cases: readonly { id: string; group: string }[], disagreements: readonly Disagreement[]): string {
  const groupOf = new Map(cases.map((c) => [c.id, c.group]));
  const groups = [...new Set(cases.map((c) => c.group)), "TOTAL"];
  const lines = [`${title.padEnd(34)}${columns.map((c) => c.replace(/^\w+: /, "").padStart(16)).join("")}`];
  for (const group of groups) {
    const size = cases.filter((c) => group === "TOTAL" || c.group === group).length;
    const cells = columns.map((column) => {
      const bad = new Set(disagreements.filter((d) => d.column === column && (group === "TOTAL" || groupOf.get(d.id) === group)).map((d) => d.id)).size;
      return `${size - bad}/${size}`.padStart(16);
    });
    lines.push(`  ${group.slice(0, 32).padEnd(32)}${cells.join("")}`);
  }
  return lines.join("\n");
}
