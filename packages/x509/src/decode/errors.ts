/**
 * The one error type of @mtls-lab/x509 for bad input, whatever the function (decode, verify, lint, diagnose,
 * generate): a stable `code` to branch on and a one-line `message` that names what is wrong and where, which
 * the CLI prints as is.
 */

/** Why an input or argument was refused. */
export const X509ErrorCode = {
  /** Not a format we recognise, or the structure is malformed. */
  badInput: "BAD_INPUT",
  /** Recognised but not supported (an algorithm or encryption we cannot open). */
  unsupported: "UNSUPPORTED",
  /** A PKCS#12 or encrypted key whose password is missing or wrong. */
  badPassword: "BAD_PASSWORD",
  /** The data ends before the structure does. */
  truncated: "TRUNCATED",
  /** An argument of the wrong type or value (generate's params, a key type, a date): "Bad days 0: ...". */
  badArgument: "BAD_ARGUMENT",
} as const;
export type X509ErrorCode = (typeof X509ErrorCode)[keyof typeof X509ErrorCode];

/** Thrown for every bad input and argument. `message` is a single line, safe to show to a user as is. */
export class X509Error extends Error {
  readonly code: X509ErrorCode;

  constructor(code: X509ErrorCode, message: string) {
    super(message.replace(/\s*\n\s*/g, " "));
    this.name = "X509Error";
    this.code = code;
  }
}

/**
 * The former error of verify, diagnose and lint, now an X509Error with code "BAD_INPUT" (so one `instanceof
 * X509Error` or `error.code` check covers every function); kept so code that throws or catches it still works.
 * @deprecated Use X509Error.
 */
export class VerifyInputError extends X509Error {
  constructor(message: string) {
    super(X509ErrorCode.badInput, message);
  }
}

/** Shorthand for a malformed-structure error at a byte offset. */
export function badInput(what: string, offset?: number): X509Error {
  return new X509Error(X509ErrorCode.badInput, offset === undefined ? what : `${what} at byte ${offset}`);
}

/** Shorthand for an argument error ("Bad days 0: expected a positive number"). */
export function badArgument(message: string): X509Error {
  return new X509Error(X509ErrorCode.badArgument, message);
}
