export { decodeCapture } from "./decode-capture.js";
export { explainCapture, toExplainOutput } from "./explain.js";
export { decodeStreams } from "./decode-streams.js";
