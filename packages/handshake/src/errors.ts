/** What went wrong while reading a capture. */
export const HandshakeErrorCode = {
  /** The capture JSON does not follow schema v1. */
  badCapture: "BAD_CAPTURE",
  /** The bytes are not TLS records or a message inside is malformed. */
  badRecord: "BAD_RECORD",
  /** A stream ends inside a record or message and the capture does not say it was truncated. */
  truncated: "TRUNCATED",
} as const;
export type HandshakeErrorCode = (typeof HandshakeErrorCode)[keyof typeof HandshakeErrorCode];

/**
 * The one error this package throws for bad input: a single line naming what is wrong and where
 * ("server stream, byte 517: ..."), never a stack-trace-shaped message.
 */
export class HandshakeError extends Error {
  readonly code: HandshakeErrorCode;

  constructor(code: HandshakeErrorCode, message: string) {
    super(message);
    this.name = "HandshakeError";
    this.code = code;
  }
}
