/**
 * The doc-test parser: finds the shell blocks of a Learn chapter that the doc-test runner executes.
 *
 * A fenced block whose info string is `sh runnable` (or `bash runnable`) runs; attributes after it:
 *   exit=N      the exit code the block must end with (default 0)
 *   timeout=S   seconds before the block is killed (default 60)
 *   lab         the runner starts `mtls-lab serve` with the chapter's ./kit first and rewrites
 *               `localhost:9443` in the block to the real port (lab=require adds --require,
 *               lab=capture adds --capture captures)
 * A fenced block `output expect` right after a runnable block (only blank lines between) lists lines
 * that the block's combined stdout and stderr must each contain.
 * Plain `sh` blocks are shown only.
 */

/** How the runner starts the lab server for a block. */
export const LabModes = { plain: "plain", require: "require", capture: "capture" } as const;
/** One of LabModes. */
export type LabMode = (typeof LabModes)[keyof typeof LabModes];

/** A runnable block of a chapter. */
export interface RunnableBlock {
  /** 1-based line of the opening fence, for messages. */
  line: number;
  /** The commands, as written in the chapter. */
  code: string;
  /** The exit code the block must end with. */
  exit: number;
  /** Seconds before the runner kills the block. */
  timeoutSeconds: number;
  /** Whether (and how) the lab server must run for this block; undefined: no lab. */
  lab?: LabMode;
  /** Lines the output must contain (from a following `output expect` block). */
  expect: string[];
}

/** A fenced block as found in the Markdown. */
interface Fence {
  line: number;
  info: string;
  body: string;
  /** Line of the closing fence. */
  endLine: number;
}

const SHELLS = new Set(["sh", "bash", "shell"]);
const DEFAULT_TIMEOUT_SECONDS = 60;

/** Splits Markdown into its fenced blocks (``` or ~~~, CommonMark's closing rule: same char, at least as long). */
export function findFences(markdown: string, file: string): Fence[] {
  const lines = markdown.split("\n");
  const fences: Fence[] = [];
  let open: { line: number; info: string; marker: string; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (open) {
      if (match && match[1]!.startsWith(open.marker) && match[2]!.trim() === "") {
        fences.push({ line: open.line, info: open.info, body: open.body.join("\n"), endLine: index + 1 });
        open = undefined;
      } else {
        open.body.push(text);
      }
      return;
    }
    if (match) open = { line: index + 1, info: match[2]!.trim(), marker: match[1]!, body: [] };
  });
  if (open) throw new Error(`${file}:${open.line}: code block is never closed`);
  return fences;
}

/** Reads the attributes of a runnable info string; throws one line naming the bad attribute. */
function readAttributes(words: string[], where: string): Pick<RunnableBlock, "exit" | "timeoutSeconds" | "lab"> {
  const result: Pick<RunnableBlock, "exit" | "timeoutSeconds" | "lab"> = { exit: 0, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS };
  for (const word of words) {
    const [key, value] = word.split("=", 2) as [string, string | undefined];
    if (key === "exit" && value !== undefined && /^\d{1,3}$/.test(value) && Number(value) <= 255) {
      result.exit = Number(value);
    } else if (key === "timeout" && value !== undefined && /^\d{1,3}$/.test(value) && Number(value) > 0) {
      result.timeoutSeconds = Number(value);
    } else if (key === "lab" && value === undefined) {
      result.lab = LabModes.plain;
    } else if (key === "lab" && value !== undefined && Object.values(LabModes).includes(value as LabMode)) {
      result.lab = value as LabMode;
    } else {
      throw new Error(`${where}: unknown or malformed attribute "${word}" (allowed: exit=N, timeout=S, lab, lab=require, lab=capture)`);
    }
  }
  return result;
}

/** True when only blank lines separate two line numbers of the chapter. */
function onlyBlankBetween(lines: string[], afterLine: number, beforeLine: number): boolean {
  return lines.slice(afterLine, beforeLine - 1).every((text) => text.trim() === "");
}

/**
 * Returns the runnable blocks of a chapter in order, each with the expectations of the `output expect`
 * block that follows it. Throws one line (`file:line: what`) for an unknown attribute, an unclosed block
 * or an `output expect` block that follows no runnable block (it would silently check nothing).
 */
export function parseRunnableBlocks(markdown: string, file: string): RunnableBlock[] {
  const lines = markdown.split("\n");
  const blocks: RunnableBlock[] = [];
  let previous: { fence: Fence; block?: RunnableBlock } | undefined;
  for (const fence of findFences(markdown, file)) {
    const [lang = "", ...words] = fence.info.split(/\s+/).filter(Boolean);
    const where = `${file}:${fence.line}`;
    let block: RunnableBlock | undefined;
    if (SHELLS.has(lang) && words[0] === "runnable") {
      block = { line: fence.line, code: fence.body, expect: [], ...readAttributes(words.slice(1), where) };
      blocks.push(block);
    } else if (words.includes("runnable")) {
      throw new Error(`${where}: only sh blocks can be runnable, not "${lang}"`);
    } else if (lang === "output" && words.includes("expect")) {
      const target = previous?.block;
      if (!target || !onlyBlankBetween(lines, previous!.fence.endLine, fence.line)) {
        throw new Error(`${where}: an "output expect" block must follow a runnable block directly`);
      }
      target.expect = fence.body.split("\n").map((text) => text.trim()).filter(Boolean);
    }
    previous = { fence, block };
  }
  return blocks;
}

/** Hosts a runnable block may name: the runner never reaches anything but this machine's 127.0.0.1. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/**
 * Lists every host a block names in a URL (`scheme://host`) or an `openssl s_client -connect host:port`
 * that is not localhost or 127.0.0.1. The runner refuses such a block before running it.
 */
export function findRemoteHosts(code: string): string[] {
  const hosts: string[] = [];
  // A host is a bracketed IPv6 address or a name; anything else after "://" (a regex, "$url") is not one.
  const host = String.raw`(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)`;
  for (const match of code.matchAll(new RegExp(String.raw`\b[a-z][a-z0-9+.-]*://${host}(:?)`, "gi"))) {
    // nginx's proxy_pass http://unix:/path names a Unix socket on this machine, not a host.
    if (match[1]!.toLowerCase() === "unix" && match[2] === ":") continue;
    hosts.push(match[1]!);
  }
  for (const match of code.matchAll(new RegExp(String.raw`-connect\s+${host}`, "g"))) hosts.push(match[1]!);
  return [...new Set(hosts.filter((host) => !LOCAL_HOSTS.has(host.toLowerCase())))];
}

/** The lab's documented address, rewritten by the runner to the server it started. */
export const LAB_ADDRESS = "localhost:9443";

/**
 * Rewrites the lab's documented address to the port the runner's server listens on. It becomes
 * 127.0.0.1 rather than localhost: localhost may resolve to ::1 first, and the kit's server
 * certificate carries both names, so verification is the same.
 */
export function rewriteLabAddress(text: string, port: number): string {
  return text.split(LAB_ADDRESS).join(`127.0.0.1:${port}`);
}
