/**
 * The reference side. OpenSSL 3.0's libcrypto answers for every case through openssl-lib.py (the calls
 * apps/x509.c and apps/verify.c make, in one process: an openssl process per case costs 10-50 ms, minutes for
 * the corpus), with a verify callback that carries on after every error as Node's TLS server does, which
 * gives the last error and the whole error list. The `openssl x509` / `openssl verify` commands themselves
 * run on a sample (cliDecode, cliVerify) and the suite checks they print exactly what the library calls said.
 * node:crypto's X509Certificate is read for every certificate too.
 */
import { X509Certificate, createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import type { CorpusCert, CorpusChain } from "./corpus-base.js";

const SEPARATOR = "=====differential-end=====";
const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;

/** What `openssl x509` says about one DER certificate. */
export interface DecodeTruth {
  accepted: boolean;
  /** Uppercase hex as OpenSSL prints it, "-" prefixed when negative. */
  serial?: string;
  sha256?: string;
  /** X509_digest with SHA-1 (`-fingerprint` without a digest option). */
  sha1?: string;
  notBefore?: number;
  notAfter?: number;
  /** -nameopt RFC2253,-esc_msb (UTF-8 shown as characters, as the library shows it). */
  subject?: string;
  issuer?: string;
  /** node:crypto's view, when it loads the certificate. */
  node?: { serial: string; sha256: string; sha1: string; validFrom: number; validTo: number } | null;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ASN1_TIME_print's "Jan  1 00:00:00 2050 GMT" (years below 1000 printed as-is, e.g. "50"). */
export function parseOpensslDate(text: string): number | undefined {
  const m = /^(\w{3})\s+(\d+) (\d\d):(\d\d):(\d\d)(\.\d+)? (\d+) GMT$/.exec(text.trim());
  if (!m) return undefined;
  const ms = m[6] ? Math.floor(Number(`0${m[6]}`) * 1000) : 0;
  const date = new Date(Date.UTC(2000, MONTHS.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), ms));
  date.setUTCFullYear(Number(m[7]));
  return date.getTime();
}

async function loop(script: string, files: string[], parts = 2): Promise<string[]> {
  const size = Math.ceil(files.length / parts);
  const chunks = Array.from({ length: parts }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
  const results = await Promise.all(chunks.map((chunk) => run("bash", ["-c", script, "differential", ...chunk], { timeoutMs: 170_000 })));
  const outputs: string[] = [];
  for (const [i, result] of results.entries()) {
    if (result.timedOut || result.code !== 0) throw new Error(`openssl loop failed: ${result.stderr.slice(0, 500)}`);
    outputs.push(...result.stdout.split(`${SEPARATOR}\n`).slice(0, chunks[i]!.length));
  }
  return outputs;
}

async function python(mode: "x509" | "verify", lines: string[], split = true): Promise<Record<string, unknown>[]> {
  const half = Math.ceil(lines.length / 2);
  const parts = split ? [lines.slice(0, half), lines.slice(half)].filter((p) => p.length > 0) : [lines];
  const results = await Promise.all(parts.map((part) => run("python3", [join(import.meta.dirname, "openssl-lib.py"), mode], { input: `${part.join("\n")}\n`, timeoutMs: 170_000 })));
  const out: Record<string, unknown>[] = [];
  for (const result of results) {
    if (result.code !== 0 || result.timedOut) throw new Error(`openssl-lib.py ${mode} failed: ${result.stderr.slice(0, 500)}`);
    out.push(...result.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>));
  }
  return out;
}

/** libcrypto's view of every certificate, as `openssl x509` prints it, and node:crypto's. */
export async function decodeTruths(certs: readonly CorpusCert[]): Promise<DecodeTruth[]> {
  const views = await python("x509", certs.map((c) => JSON.stringify({ der: Buffer.from(c.der).toString("base64") })));
  return views.map((view, i) => {
    const node = nodeView(certs[i]!.der);
    if (!view.accepted) return { accepted: false, node };
    const date = (value: unknown) => (typeof value === "string" ? parseOpensslDate(value) : undefined);
    return {
      accepted: true,
      // i2a_ASN1_INTEGER wraps long serials every 35 octets with a backslash-newline: layout, not content.
      serial: (view.serial as string).replace(/\\\n/g, ""),
      sha256: view.sha256 as string,
      sha1: view.sha1 as string,
      notBefore: date(view.notBefore),
      notAfter: date(view.notAfter),
      subject: view.subject as string,
      issuer: view.issuer as string,
      node,
    };
  });
}

/** `openssl x509` itself on some certificates: the fields it prints, or null when it refuses the input. */
export async function cliDecode(certs: readonly CorpusCert[], dir: string): Promise<(Record<string, string> | null)[]> {
  mkdirSync(join(dir, "x509"), { recursive: true });
  const files = certs.map((c, i) => {
    const file = join(dir, "x509", `${i}.der`);
    writeFileSync(file, c.der);
    return file;
  });
  const script = `for f in "$@"; do openssl x509 -inform DER -in "$f" -noout -serial -fingerprint -sha256 -dates -subject -issuer -nameopt RFC2253,-esc_msb 2>/dev/null || echo FAILED; echo '${SEPARATOR}'; done`;
  const outputs = await loop(script, files);
  return outputs.map((text) => {
    if (/^FAILED$/m.test(text)) return null;
    const fields: Record<string, string> = {};
    for (const line of text.replace(/\\\n/g, "").split("\n")) {
      const at = line.indexOf("=");
      if (at > 0) fields[line.slice(0, at)] = line.slice(at + 1);
    }
    return fields;
  });
}

function nodeView(der: Uint8Array): DecodeTruth["node"] {
  try {
    const x = new X509Certificate(der);
    return { serial: x.serialNumber, sha256: x.fingerprint256.replace(/:/g, "").toLowerCase(), sha1: x.fingerprint.replace(/:/g, "").toLowerCase(), validFrom: parseOpensslDate(x.validFrom) ?? Number.NaN, validTo: parseOpensslDate(x.validTo) ?? Number.NaN };
  } catch {
    return null;
  }
}

/** OpenSSL's verdict on one chain. */
export interface VerifyTruth {
  /** A certificate of the chain did not load (d2i failed): the CLI refuses the input. */
  loadError?: string;
  valid: boolean;
  /** OpenSSL's number of the first error `openssl verify` prints (null when OK). */
  first: number | null;
  /** X509_STORE_CTX_get_error() after carrying on through every error: Node's authorizationError. */
  last: number | null;
  /**
   * Every (error, depth) the callback saw, in order; when verification stopped on an internal error the
   * callback never saw (X509_verify_cert() <= 0), that final ctx->error is appended.
   */
  errors: [number, number][];
  /** Verification stopped without any callback: `openssl verify` prints no "error N at D" line. */
  internal?: boolean;
}

/** The chains as openssl-lib.py reads them: a table of certificates, then chains of indexes into it. */
function chainLines(chains: readonly CorpusChain[]): string[] {
  const index = new Map<string, number>();
  const table: string[] = [];
  const ref = (der: Uint8Array) => {
    const b64 = Buffer.from(der).toString("base64");
    let n = index.get(b64);
    if (n === undefined) {
      n = table.length;
      table.push(b64);
      index.set(b64, n);
    }
    return n;
  };
  const lines = chains.map((c) =>
    JSON.stringify({ leaf: ref(c.leaf), untrusted: c.untrusted.map(ref), trusted: c.trusted.map(ref), purpose: c.purpose === "client" ? "ssl_client" : "ssl_server", at: Math.floor(c.at.getTime() / 1000) }),
  );
  return [JSON.stringify({ certs: table }), ...lines];
}

/** X509_verify_cert() on every chain with the carry-on callback. */
export async function verifyTruths(chains: readonly CorpusChain[]): Promise<VerifyTruth[]> {
  const lines = (await python("verify", chainLines(chains), false)) as { load?: string; errors?: [number, number][]; last?: number; depth?: number; ok?: number }[];
  return lines.map((line) => {
    if (line.load) return { loadError: line.load, valid: false, first: null, last: null, errors: [] };
    const errors = [...(line.errors ?? [])];
    const internal = line.ok !== 1 && errors.length === 0;
    // x509_verify_x509()'s safety net: a failure the callback never saw still leaves ctx->error set.
    if (line.ok !== 1 && line.last && line.last !== errors[errors.length - 1]?.[0]) errors.push([line.last, line.depth ?? 0]);
    return { valid: line.ok === 1 && errors.length === 0, first: errors[0]?.[0] ?? null, last: errors.length > 0 ? (line.last ?? null) : null, errors, internal };
  });
}

/**
 * `openssl verify -attime -purpose -CAfile [-untrusted]` itself: the first error it prints, null when OK,
 * "load" when it cannot read a file, "failed" when it fails without an "error N at D" line.
 */
export async function cliVerify(chains: readonly CorpusChain[], dir: string): Promise<(number | null | "load" | "failed")[]> {
  mkdirSync(join(dir, "verify"), { recursive: true });
  const pools = new Map<string, string>();
  const fileFor = (ders: Uint8Array[], tag: string) => {
    const text = ders.map(pem).join("");
    const key = createHash("sha256").update(text).digest("hex");
    let file = pools.get(key);
    if (!file) {
      file = join(dir, "verify", `${tag}-${pools.size}.pem`);
      writeFileSync(file, text);
      pools.set(key, file);
    }
    return file;
  };
  const args = chains.map((c) => {
    const purpose = c.purpose === "client" ? "sslclient" : "sslserver";
    const untrusted = c.untrusted.length > 0 ? fileFor(c.untrusted, "untrusted") : "-";
    return [String(Math.floor(c.at.getTime() / 1000)), purpose, fileFor(c.trusted, "trusted"), untrusted, fileFor([c.leaf], "leaf")].join("|");
  });
  const script = `ARGS=("$@"); for a in "\${ARGS[@]}"; do IFS='|' read -r at purpose ca unt leaf <<< "$a"; extra=(); if [ "$unt" != - ]; then extra=(-untrusted "$unt"); fi; openssl verify -attime "$at" -purpose "$purpose" -CAfile "$ca" "\${extra[@]}" "$leaf" 2>&1; echo "exit=$?"; echo '${SEPARATOR}'; done`;
  const outputs = await loop(script, args);
  return outputs.map((text) => {
    const match = /error (\d+) at (\d+) depth lookup/.exec(text);
    if (match) return Number(match[1]);
    if (/exit=0/.test(text)) return null;
    return /unable to load|Could not read|Error loading/i.test(text) ? "load" : "failed";
  });
}
