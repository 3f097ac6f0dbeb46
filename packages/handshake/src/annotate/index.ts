/**
 * @mtls-lab/handshake/annotate: the byte-exact annotation of a capture and its proof (key schedule,
 * transcript hashes, CertificateVerify signatures, Finished MACs). A separate entry so a page loads it
 * on demand; browser-safe (WebCrypto is an argument with the global default).
 */
export { annotateCapture } from "./annotate-capture.js";
export { explainCaptureAnnotated } from "./explain-annotated.js";
export { explainedKeys } from "./explanations.js";
export type { AnnotatedExplainOutput, AnnotatedHandshake, AnnotatedRecord, ByteNode, HandshakeProof, ProofStep, RecordKeys, SignatureCheck } from "../types.js";
