/**
 * The TLS 1.2 proof of a capture: the key block from the logged master secret (RFC 5246 6.3), the
 * client's CertificateVerify over the handshake messages (RFC 5246 7.4.8), the server's
 * ServerKeyExchange signature (RFC 8422 5.4), and both Finished through the PRF (RFC 5246 7.4.9).
 */
import { fromHex, toHex } from "@mtls-lab/x509";
import { aeadKeyLength } from "../crypto/aead.js";
import { findSecret, KeylogLabel, type Keylog } from "../crypto/keylog.js";
import { concat, digest, equalBytes, tls12Prf } from "../crypto/primitives.js";
import type { SuiteInfo } from "../crypto/suites.js";
import { parseHandshakeMessage } from "../decode/messages.js";
import { nameOf } from "../decode/names.js";
import type { HandshakeProof, Peer, ProofStep, SignatureCheck } from "../types.js";
import { prfCommand, transcriptHashCommands, verifyCommands } from "./openssl.js";
import { schemeHash, verifyTlsSignature } from "./signature.js";
import { findMessage, transcriptBefore, transcriptHashes, type Transcript } from "./transcript.js";

/** Everything the TLS 1.2 proof computes. */
export async function proveTls12(suite: SuiteInfo, keylog: Keylog, clientRandom: string, serverRandom: string | undefined, transcript: Transcript, crypto: Crypto): Promise<HandshakeProof> {
  const proof: HandshakeProof = { hash: suite.hash, keySchedule: [], transcript: await transcriptHashes(transcript, suite.hash, crypto), signatures: {}, finished: {} };
  const master = findSecret(keylog, KeylogLabel.masterSecret, clientRandom);
  if (master) {
    proof.keySchedule.push({ id: "master_secret", title: "master secret from the key log", explain: "The 48-byte master secret of the CLIENT_RANDOM line for this ClientHello random (RFC 5246 8.1; RFC 7627 with extended_master_secret).", inputs: { keylogLine: `CLIENT_RANDOM ${clientRandom} <master secret>` }, output: toHex(master), openssl: [] });
    if (serverRandom) {
      const keyLength = aeadKeyLength(suite.aead);
      const length = 2 * keyLength + 2 * suite.fixedIvLength;
      const seed = concat(fromHex(serverRandom), fromHex(clientRandom));
      const block = await tls12Prf(suite.hash, master, "key expansion", seed, length, crypto);
      proof.keySchedule.push({
        id: "key_block",
        title: "key block",
        explain: `PRF(master_secret, "key expansion", server_random + client_random): client_write_key, server_write_key (${keyLength} bytes each), client_write_IV, server_write_IV (${suite.fixedIvLength} each); AEAD suites have no MAC keys (RFC 5246 6.3).`,
        inputs: { masterSecret: toHex(master), label: "key expansion", seed: toHex(seed) },
        output: toHex(block),
        openssl: [prfCommand(suite.hash, master, "key expansion", seed, length)],
      });
    }
    for (const peer of ["client", "server"] as const) {
      const finished = await checkFinished(peer, suite, master, transcript, crypto);
      if (finished) proof.finished[peer] = finished;
    }
  }
  const client = await checkCertificateVerify(transcript, crypto);
  if (client) proof.signatures.client = client;
  const server = await checkServerKeyExchange(transcript, clientRandom, serverRandom, crypto);
  if (server) proof.signatures.server = server;
  return proof;
}

function certificateOf(transcript: Transcript, peer: Peer): Uint8Array | undefined {
  const message = transcript.messages.find((m) => m.from === peer && m.type === 11);
  return message ? parseHandshakeMessage(11, message.bytes.subarray(4), false, `${peer} Certificate`).certificates[0]?.der : undefined;
}

async function signatureCheck(peer: Peer, message: string, scheme: number, content: Uint8Array, signature: Uint8Array, context: string, transcript: Transcript, crypto: Crypto): Promise<SignatureCheck> {
  const base = { from: peer, message, algorithm: nameOf("signatureScheme", scheme), signedContent: toHex(content), context, signature: toHex(signature) };
  const certificate = certificateOf(transcript, peer);
  if (!certificate) return { ...base, verified: false, reason: `no ${peer} certificate in the capture`, openssl: [] };
  const result = await verifyTlsSignature(scheme, certificate, content, signature, crypto);
  const check: SignatureCheck = { ...base, certificateSha256: toHex(await digest("SHA-256", certificate, crypto)), verified: result.verified, openssl: verifyCommands(`${peer}-${message === "CertificateVerify" ? "cv" : "ske"}`, scheme, schemeHash(scheme), certificate, content, signature) };
  if (!result.verified) check.reason = result.reason ?? "the signature does not verify with the certificate's public key";
  return check;
}

/** RFC 5246 7.4.8: the client signs handshake_messages, every message before its CertificateVerify. */
async function checkCertificateVerify(transcript: Transcript, crypto: Crypto): Promise<SignatureCheck | undefined> {
  const at = findMessage(transcript, "client", 15);
  if (at < 0) return undefined;
  const message = transcript.messages[at]?.bytes as Uint8Array;
  const scheme = ((message[4] as number) << 8) | (message[5] as number);
  const signature = message.subarray(8);
  return signatureCheck("client", "CertificateVerify", scheme, transcriptBefore(transcript, at), signature, "handshake_messages: every handshake message from ClientHello up to this one", transcript, crypto);
}

/** RFC 8422 5.4: the server signs client_random + server_random + ServerECDHParams. */
async function checkServerKeyExchange(transcript: Transcript, clientRandom: string, serverRandom: string | undefined, crypto: Crypto): Promise<SignatureCheck | undefined> {
  const at = findMessage(transcript, "server", 12);
  if (at < 0 || !serverRandom) return undefined;
  const body = (transcript.messages[at]?.bytes as Uint8Array).subarray(4);
  if (body[0] !== 3) return undefined;
  const paramsLength = 4 + (body[3] as number);
  const scheme = ((body[paramsLength] as number) << 8) | (body[paramsLength + 1] as number);
  const signature = body.subarray(paramsLength + 4);
  const content = concat(fromHex(clientRandom), fromHex(serverRandom), body.subarray(0, paramsLength));
  return signatureCheck("server", "ServerKeyExchange", scheme, content, signature, "client_random + server_random + ServerECDHParams", transcript, crypto);
}

async function checkFinished(peer: Peer, suite: SuiteInfo, master: Uint8Array, transcript: Transcript, crypto: Crypto): Promise<ProofStep | undefined> {
  const at = findMessage(transcript, peer, 20);
  if (at < 0) return undefined;
  const label = peer === "client" ? "client finished" : "server finished";
  const messages = transcriptBefore(transcript, at);
  const hash = await digest(suite.hash, messages, crypto);
  const expected = await tls12Prf(suite.hash, master, label, hash, 12, crypto);
  const actual = (transcript.messages[at]?.bytes as Uint8Array).subarray(4);
  return {
    id: `${peer}.finished`,
    title: `${peer} Finished`,
    explain: `verify_data = PRF(master_secret, "${label}", Hash(handshake_messages))[0..11] (RFC 5246 7.4.9).`,
    inputs: { masterSecret: toHex(master), label, transcriptHash: toHex(hash), verifyData: toHex(actual) },
    output: toHex(expected),
    matches: equalBytes(actual, expected),
    openssl: [...transcriptHashCommands(suite.hash, messages, `${peer}-finished-transcript.bin`), prfCommand(suite.hash, master, label, hash, 12)],
  };
}
