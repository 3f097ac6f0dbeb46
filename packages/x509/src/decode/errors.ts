/**
 * The one error type of decoding: a code to branch on and a one-line message that names what is wrong and where.
 */

/** Why an input could not be decoded. */
export const X509ErrorCode = {
  /** Not a format we recognise, or the structure is malformed. */
  badInput: "BAD_INPUT",
  /** Recognised but not supported (an algorithm or encryption we cannot open). */
  unsupported: "UNSUPPORTED",
  /** A PKCS#12 or encrypted key whose password is missing or wrong. */
  badPassword: "BAD_PASSWORD",
  /** The data ends before the structure does. */
  truncated: "TRUNCATED",
} as const;
export type X509ErrorCode = (typeof X509ErrorCode)[keyof typeof X509ErrorCode];

/** Thrown by `decode` and friends. `message` is a single line, safe to show to a user as is. */
export class X509Error extends Error {
  readonly code: X509ErrorCode;

  constructor(code: X509ErrorCode, message: string) {
    super(message.replace(/\s*\n\s*/g, " "));
    this.name = "X509Error";
    this.code = code;
  }
}

/** Shorthand for a malformed-structure error at a byte offset. */
export function badInput(what: string, offset?: number): X509Error {
  return new X509Error(X509ErrorCode.badInput, offset === undefined ? what : `${what} at byte ${offset}`);
}
