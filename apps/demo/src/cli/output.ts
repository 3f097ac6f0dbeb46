/**
 * The one output sanitiser of the CLI: everything a command writes passes through it, so a subject, a SAN,
 * an SNI from a capture or a file name is shown, never obeyed by the terminal (issue 16: ESC sequences in
 * a CN recoloured the terminal, set its title and faked lines). The CLI writes no control characters of its
 * own but newlines and tabs, so the rest can be escaped wholesale; JSON strings get the same escapes.
 */
// The sanitiser's own entry, not the library's: every command (and --help) writes through it, and the
// main entry would load asn1js, pkijs and @peculiar/x509 before argv is read.
import { showControlInText, toShownJson } from "@mtls-lab/x509/show-control";
import type { CommandIo, OutputStream } from "./command.js";

/** `stream` with every control character but newline and tab shown as `\x1b`-style escapes. */
export function shownStream(stream: OutputStream): OutputStream {
  return { write: (text: string) => stream.write(showControlInText(text)) };
}

/** `io` whose stdout and stderr go through the sanitiser. */
export function shownIo(io: CommandIo): CommandIo {
  return { ...io, stdout: shownStream(io.stdout), stderr: shownStream(io.stderr) };
}

/** A command's JSON document: two-space indent, control characters in strings shown as in text, a newline. */
export function jsonDocument(value: unknown): string {
  return `${toShownJson(value, 2)}\n`;
}
