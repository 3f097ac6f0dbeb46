/**
 * The text forms of `mtls-lab explain`'s annotation and proof: the signature verdicts, every record as
 * labelled byte ranges (--bytes), and the proof steps with the openssl lines that reproduce them (--proof).
 */
import type { AnnotatedExplainOutput, ByteNode } from "@mtls-lab/handshake/annotate";

const maxValueChars = 72;

function cut(text: string): string {
  return text.length > maxValueChars ? `${text.slice(0, maxValueChars - 3)}...` : text;
}

/** "CertificateVerify: client verified (...), server verified (...)". */
export function formatSignatures(output: AnnotatedExplainOutput): string {
  const lines: string[] = [];
  for (const peer of ["client", "server"] as const) {
    const check = output.proof.signatures[peer];
    if (!check) {
      lines.push(`${peer} signature: none in the capture`);
      continue;
    }
    const verdict = check.verified ? "verified" : `NOT verified (${check.reason ?? "signature mismatch"})`;
    lines.push(`${peer} ${check.message}: ${verdict}, ${check.algorithm}, certificate sha256 ${check.certificateSha256 ?? "unknown"}`);
  }
  return `${lines.join("\n")}\n`;
}

function treeLines(node: ByteNode, depth: number, lines: string[]): void {
  const marks = [node.mtls ? " [mTLS]" : "", node.part ? ` (part ${node.part})` : "", node.certificate ? ` (certificate ${node.certificate.index + 1})` : ""].join("");
  const value = node.value !== undefined ? ` = ${cut(node.value)}` : "";
  lines.push(`${"  ".repeat(depth)}[${node.range[0]}, ${node.range[1]}) ${node.label}${value}${marks}`);
  for (const child of node.children ?? []) treeLines(child, depth + 1, lines);
}

/** Every record's byte tree; encrypted records are followed by their decrypted content's tree. */
export function formatBytes(output: AnnotatedExplainOutput): string {
  const lines = ["", "Bytes (offsets inside each record; decrypted content has offsets of its own):"];
  for (const record of output.records) {
    lines.push("", `${record.from} stream [${record.streamRange[0]}, ${record.streamRange[1]})`);
    treeLines(record.tree, 1, lines);
    if (record.plaintext) {
      const keys = record.plaintext.keys;
      lines.push(`  decrypted with ${keys.secret}, sequence ${keys.sequence}, key ${keys.key}, nonce ${keys.nonce}:`);
      treeLines(record.plaintext.tree, 2, lines);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The key schedule, the transcript hashes, the signed contents and the Finished MACs, with openssl lines. */
export function formatProof(output: AnnotatedExplainOutput): string {
  const { proof } = output;
  const lines = ["", `Proof (${proof.hash ?? "no hash: cipher suite not supported"}):`];
  for (const step of [...proof.keySchedule, proof.finished.server, proof.finished.client]) {
    if (!step) continue;
    lines.push("", `${step.title}: ${step.output}${step.matches === undefined ? "" : step.matches ? " (matches the capture)" : " (DIFFERS from the capture)"}`, `  ${step.explain}`);
    for (const line of step.openssl) lines.push(`  $ ${line}`);
  }
  lines.push("", "Transcript hash after each message:");
  for (const entry of proof.transcript) lines.push(`  ${entry.from.padEnd(6)} ${entry.message.padEnd(20)} ${entry.hash}`);
  for (const check of [proof.signatures.client, proof.signatures.server]) {
    if (!check) continue;
    lines.push("", `${check.from} ${check.message} (${check.algorithm}): ${check.verified ? "verified" : "NOT verified"}`, `  signed: ${check.context}`);
    if (check.transcriptHash) lines.push(`  transcript hash: ${check.transcriptHash}`);
    for (const line of check.openssl) lines.push(`  $ ${line}`);
  }
  return `${lines.join("\n")}\n`;
}
