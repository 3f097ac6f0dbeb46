/**
 * `mtls-lab explain <capture.json>`: a recorded handshake (written by `mtls-lab serve --capture DIR`),
 * decoded step by step, decrypted with the capture's key log, with both Finished messages checked.
 */
import { decodeCapture, type DecodedHandshake } from "@mtls-lab/handshake";
import { explainCaptureAnnotated, type AnnotatedExplainOutput } from "@mtls-lab/handshake/annotate";
import { defineCommand } from "../command.js";
import { jsonDocument } from "../output.js";
import { aboutFile, ExitCode, fileError } from "../errors.js";
import { readInputText } from "../files.js";
import { formatBytes, formatProof, formatSignatures } from "./explain-proof.js";

/** Longest field value shown on one line; longer ones (random bytes, key shares) are cut. */
const maxValueChars = 72;

/** The explain command. */
export const explain = defineCommand({
  name: "explain",
  summary: "decode a captured handshake step by step (from serve --capture), decrypted with its key log",
  usage: "mtls-lab explain <capture.json> [--json] [--bytes] [--proof]",
  details: [
    "A capture is one JSON file per connection, written by `mtls-lab serve --capture DIR`. Its key log",
    "lets TLS 1.3's encrypted messages (Certificate, CertificateVerify, Finished) be decrypted and shown.",
    "Both CertificateVerify signatures are checked with the public key of the sender's certificate and both",
    "Finished MACs recomputed; --proof prints each step with the openssl lines that reproduce it.",
    "",
    "examples:",
    "  mtls-lab explain captures/2026-11-23T18-00-00.000Z-1.json",
    "  mtls-lab explain capture.json --json",
    "  mtls-lab explain capture.json --bytes --proof",
    "",
    "exit codes: 0 decoded, 1 the file is not a capture or cannot be decoded, 2 usage error.",
  ].join("\n"),
  flags: {
    json: { type: "boolean", description: "print schema 2 JSON: steps, records (every byte annotated), proof, certificateVerifyVerified, finishedVerified" },
    bytes: { type: "boolean", description: "print every record as labelled byte ranges (decrypted content beside encrypted records)" },
    proof: { type: "boolean", description: "print the key schedule, transcript hashes, signature checks and Finished, with openssl lines" },
  },
  positionals: { name: "<capture.json>", min: 1, max: 1 },
  async run(args, io) {
    const file = args.positionals[0] as string;
    const text = await readInputText(io.cwd, file);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fileError(file, "is not JSON (expected a capture written by `mtls-lab serve --capture DIR`)");
    }
    const decoded = await aboutFile(file, () => decodeCapture(json));
    const annotated = await aboutFile(file, () => explainCaptureAnnotated(json));
    if (args.flags.json) io.stdout.write(jsonDocument(annotated));
    else {
      let text = formatHandshake(file, decoded, json) + formatSignatures(annotated);
      if (args.flags.bytes) text += formatBytes(annotated);
      if (args.flags.proof) text += formatProof(annotated);
      io.stdout.write(text);
    }
    return ExitCode.ok;
  },
});

/** The handshake as numbered steps with their fields, then the Finished checks and notes. */
function formatHandshake(file: string, decoded: DecodedHandshake, capture: unknown): string {
  const lines = [`${file}: ${decoded.tlsVersion}${decoded.cipherSuite ? `, ${decoded.cipherSuite}` : ""}`];
  const result = (capture as { result?: { authorized?: boolean; authorizationError?: string } }).result;
  if (result?.authorized === true) lines.push("  client certificate: accepted");
  else if (result?.authorizationError) lines.push(`  client certificate: rejected (${result.authorizationError})`);
  lines.push("");
  const width = Math.max(0, ...decoded.steps.map((step) => step.name.length));
  decoded.steps.forEach((step, index) => {
    const arrow = step.from === "client" ? "client -> server" : "server -> client";
    lines.push(`${String(index + 1).padStart(3)}  ${arrow}  ${step.name.padEnd(width)}${step.encrypted ? "  (encrypted)" : ""}`);
    for (const [name, value] of Object.entries(step.fields)) lines.push(`       ${name}: ${showValue(value)}`);
    for (const certificate of step.certificates ?? []) {
      const names = certificate.subject ? `${certificate.subject} (issuer ${certificate.issuer ?? "unknown"}), ` : "";
      lines.push(`       certificate: ${names}sha256 ${certificate.sha256}`);
    }
  });
  lines.push("", `Finished: client ${describeFinished(decoded.finished.client)}, server ${describeFinished(decoded.finished.server)}`);
  for (const note of decoded.notes) lines.push(`note: ${note}`);
  return `${lines.join("\n")}\n`;
}

function describeFinished(check: { verified: boolean; reason?: string }): string {
  return check.verified ? "verified" : `not verified${check.reason ? ` (${check.reason})` : ""}`;
}

function showValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > maxValueChars ? `${text.slice(0, maxValueChars - 3)}...` : text;
}
