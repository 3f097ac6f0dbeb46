/**
 * The TLS 1.3 proof of a capture: key and IV from each logged traffic secret (RFC 8446 7.3), both
 * CertificateVerify signatures over their exact content (RFC 8446 4.4.3) checked with the certificate's
 * key, and both Finished MACs (RFC 8446 4.4.4).
 */
import { toHex } from "@mtls-lab/x509";
import { aeadKeyLength } from "../crypto/aead.js";
import { findSecret, KeylogLabel, type Keylog } from "../crypto/keylog.js";
import { concat, digest, equalBytes, hashLength, hkdfExpandLabel, hmac } from "../crypto/primitives.js";
import type { SuiteInfo } from "../crypto/suites.js";
import { parseHandshakeMessage } from "../decode/messages.js";
import { nameOf } from "../decode/names.js";
import type { HandshakeProof, Peer, ProofStep, SignatureCheck } from "../types.js";
import { hkdfExpandCommand, hmacCommands, transcriptHashCommands, verifyCommands } from "./openssl.js";
import { schemeHash, verifyTlsSignature } from "./signature.js";
import { findMessage, transcriptBefore, transcriptHashes, type Transcript } from "./transcript.js";

const encoder = new TextEncoder();

/** RFC 8446 7.1 HkdfLabel: uint16 length, opaque label<7..255> = "tls13 " + Label, opaque context<0..255>. */
export function hkdfLabelInfo(label: string, context: Uint8Array, length: number): Uint8Array {
  const full = encoder.encode(`tls13 ${label}`);
  return concat(new Uint8Array([length >> 8, length & 0xff, full.length]), full, new Uint8Array([context.length]), context);
}

async function expandStep(id: string, title: string, suite: SuiteInfo, secretLabel: string, secret: Uint8Array, label: string, length: number, crypto: Crypto): Promise<ProofStep> {
  const info = hkdfLabelInfo(label, new Uint8Array(0), length);
  const output = await hkdfExpandLabel(suite.hash, secret, label, new Uint8Array(0), length, crypto);
  return {
    id,
    title,
    explain: `HKDF-Expand-Label(${secretLabel}, "${label}", "", ${length}) (RFC 8446 7.1, 7.3).`,
    inputs: { secret: toHex(secret), label: `tls13 ${label}`, context: "", hkdfLabel: toHex(info) },
    output: toHex(output),
    openssl: [hkdfExpandCommand(suite.hash, secret, info, length)],
  };
}

const SECRETS: readonly { label: string; peer: Peer; bound: string }[] = [
  { label: KeylogLabel.clientHandshake, peer: "client", bound: "ClientHello..ServerHello" },
  { label: KeylogLabel.serverHandshake, peer: "server", bound: "ClientHello..ServerHello" },
  { label: KeylogLabel.clientTraffic0, peer: "client", bound: "ClientHello..server Finished" },
  { label: KeylogLabel.serverTraffic0, peer: "server", bound: "ClientHello..server Finished" },
];

/** The transcript hash a traffic secret is derived with: after ServerHello (handshake), after the server's Finished (application). */
function boundHash(proof: HandshakeProof, label: string): string {
  const handshake = label.includes("HANDSHAKE");
  const entry = proof.transcript.find((e) => (handshake ? e.message === "ServerHello" : e.message === "Finished" && e.from === "server"));
  return entry?.hash ?? "";
}

/** Everything the TLS 1.3 proof computes. */
export async function proveTls13(suite: SuiteInfo, keylog: Keylog, clientRandom: string, transcript: Transcript, crypto: Crypto): Promise<HandshakeProof> {
  const proof: HandshakeProof = { hash: suite.hash, keySchedule: [], transcript: await transcriptHashes(transcript, suite.hash, crypto), signatures: {}, finished: {} };
  const keyLength = aeadKeyLength(suite.aead);
  for (const { label, bound } of SECRETS) {
    const secret = findSecret(keylog, label as KeylogLabel, clientRandom);
    if (!secret) continue;
    const short = label.toLowerCase();
    proof.keySchedule.push({
      id: `${short}`,
      title: `${label} from the key log`,
      explain: `Derive-Secret(..., transcript ${bound}) computed by the peers from the ECDHE shared secret; the key log line for this ClientHello random gives it (RFC 8446 7.1).`,
      inputs: { keylogLine: `${label} ${clientRandom} <secret>`, transcriptHash: boundHash(proof, label) },
      output: toHex(secret),
      openssl: [],
    });
    proof.keySchedule.push(await expandStep(`${short}.key`, `${label}: write key`, suite, label, secret, "key", keyLength, crypto));
    proof.keySchedule.push(await expandStep(`${short}.iv`, `${label}: write IV`, suite, label, secret, "iv", 12, crypto));
  }
  for (const peer of ["server", "client"] as const) {
    const check = await checkCertificateVerify(peer, suite, transcript, crypto);
    if (check) proof.signatures[peer] = check;
    const finished = await checkFinished(peer, suite, keylog, clientRandom, transcript, crypto);
    if (finished) proof.finished[peer] = finished;
  }
  return proof;
}

async function checkCertificateVerify(peer: Peer, suite: SuiteInfo, transcript: Transcript, crypto: Crypto): Promise<SignatureCheck | undefined> {
  const at = findMessage(transcript, peer, 15);
  if (at < 0) return undefined;
  const message = transcript.messages[at]?.bytes as Uint8Array;
  const scheme = ((message[4] as number) << 8) | (message[5] as number);
  const signature = message.subarray(8, 8 + (((message[6] as number) << 8) | (message[7] as number)));
  const signedTranscript = transcriptBefore(transcript, at);
  const transcriptHash = await digest(suite.hash, signedTranscript, crypto);
  // RFC 8446 4.4.3: 64 octets of 0x20, the context string, one 0 byte, then the transcript hash.
  const context = `TLS 1.3, ${peer} CertificateVerify`;
  const content = concat(new Uint8Array(64).fill(0x20), encoder.encode(context), new Uint8Array([0]), transcriptHash);
  const certificateMessage = transcript.messages.slice(0, at).reverse().find((m) => m.from === peer && m.type === 11);
  const certificate = certificateMessage ? parseHandshakeMessage(11, certificateMessage.bytes.subarray(4), true, `${peer} Certificate`).certificates[0]?.der : undefined;
  const base = { from: peer, message: "CertificateVerify", algorithm: nameOf("signatureScheme", scheme), signedContent: toHex(content), context, transcriptHash: toHex(transcriptHash), signature: toHex(signature) };
  if (!certificate) return { ...base, verified: false, reason: `no ${peer} certificate precedes the CertificateVerify`, openssl: [] };
  const result = await verifyTlsSignature(scheme, certificate, content, signature, crypto);
  const check: SignatureCheck = { ...base, certificateSha256: toHex(await digest("SHA-256", certificate, crypto)), verified: result.verified, openssl: [...transcriptHashCommands(suite.hash, signedTranscript, `${peer}-cv-transcript.bin`), ...verifyCommands(`${peer}-cv`, scheme, schemeHash(scheme), certificate, content, signature)] };
  if (!result.verified) check.reason = result.reason ?? "the signature does not verify with the certificate's public key";
  return check;
}

async function checkFinished(peer: Peer, suite: SuiteInfo, keylog: Keylog, clientRandom: string, transcript: Transcript, crypto: Crypto): Promise<ProofStep | undefined> {
  const at = findMessage(transcript, peer, 20);
  const label = peer === "client" ? KeylogLabel.clientHandshake : KeylogLabel.serverHandshake;
  const secret = findSecret(keylog, label, clientRandom);
  if (at < 0 || !secret) return undefined;
  const finishedKey = await hkdfExpandLabel(suite.hash, secret, "finished", new Uint8Array(0), hashLength(suite.hash), crypto);
  const finishedTranscript = transcriptBefore(transcript, at);
  const transcriptHash = await digest(suite.hash, finishedTranscript, crypto);
  const expected = await hmac(suite.hash, finishedKey, transcriptHash, crypto);
  const actual = (transcript.messages[at]?.bytes as Uint8Array).subarray(4);
  return {
    id: `${peer}.finished`,
    title: `${peer} Finished`,
    explain: `verify_data = HMAC(finished_key, Transcript-Hash(ClientHello..${peer === "server" ? "server CertificateVerify" : "the client's last message before Finished"})), finished_key = HKDF-Expand-Label(${label}, "finished", "", ${hashLength(suite.hash)}) (RFC 8446 4.4.4).`,
    inputs: { baseKey: toHex(secret), finishedKey: toHex(finishedKey), transcriptHash: toHex(transcriptHash), verifyData: toHex(actual) },
    output: toHex(expected),
    matches: equalBytes(actual, expected),
    openssl: [
      ...transcriptHashCommands(suite.hash, finishedTranscript, `${peer}-finished-transcript.bin`),
      hkdfExpandCommand(suite.hash, secret, hkdfLabelInfo("finished", new Uint8Array(0), hashLength(suite.hash)), hashLength(suite.hash)),
      ...hmacCommands(suite.hash, finishedKey, transcriptHash, `${peer}-finished-transcript-hash.bin`),
    ],
  };
}
