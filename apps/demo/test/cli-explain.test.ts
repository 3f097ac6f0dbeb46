import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../src/lab/server.js";
import type { AnnotatedExplainOutput, ByteNode } from "@mtls-lab/handshake/annotate";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;
let captureFile: string;

/** One mTLS connection from a Node client to the lab server, recorded into `captures/`. */
async function recordConnection(maxVersion: "TLSv1.2" | "TLSv1.3"): Promise<string> {
  const kit = join(dir, "kit");
  const read = (name: string) => readFile(join(kit, name), "utf8");
  const captures = join(dir, `captures-${maxVersion}`);
  const server = createServer({
    cert: await read("server-chain.crt"),
    key: await read("server.key"),
    ca: await read("client-ca.crt"),
    capture: { dir: captures },
  });
  const port = await server.listen(0, "127.0.0.1");
  try {
    await new Promise<void>((resolve, reject) => {
      void Promise.all([read("server-ca.crt"), read("client-chain.crt"), read("client.key")]).then(([ca, cert, key]) => {
        const socket = connect({ host: "127.0.0.1", port, servername: "localhost", ca, cert, key, maxVersion }, () => {
          socket.end("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        });
        socket.on("data", () => undefined);
        socket.on("close", () => resolve());
        socket.on("error", reject);
      }, reject);
    });
    // The capture is written when the server sees the connection close.
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const names = (await readdir(captures).catch(() => [] as string[])).filter((name) => name.endsWith(".json"));
      if (names[0]) return join(captures, names[0]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("no capture file was written");
  } finally {
    await server.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-explain-"));
  const made = await runInProcess(["kit", "--out", "kit"], dir);
  expect(made.code, made.stderr).toBe(0);
  captureFile = await recordConnection("TLSv1.3");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mtls-lab explain", () => {
  it("narrates a recorded TLS 1.3 handshake with the decrypted client Certificate", async () => {
    const result = await runInProcess(["explain", captureFile], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("TLSv1.3");
    for (const step of ["ClientHello", "ServerHello", "CertificateRequest", "CertificateVerify", "Finished"]) {
      expect(result.stdout).toContain(step);
    }
    expect(result.stdout).toMatch(/client -> server\s+Certificate\b/);
    // The client certificate inside the decrypted Certificate message is the kit's client.crt.
    const manifest = JSON.parse(await readFile(join(dir, "kit", "kit.json"), "utf8")) as { files: { name: string; sha256?: string }[] };
    const clientSha256 = manifest.files.find((file) => file.name === "client.crt")?.sha256;
    expect(clientSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.stdout).toContain(`sha256 ${clientSha256}`);
    expect(result.stdout).toContain("Finished: client verified, server verified");
    expect(result.stdout).toContain(`client CertificateVerify: verified, ecdsa_secp256r1_sha256 (0x0403), certificate sha256 ${clientSha256}`);
    expect(result.stdout).toMatch(/server CertificateVerify: verified/);
  });

  it("--bytes --proof: labelled byte ranges and the proof with its openssl lines", async () => {
    const result = await runInProcess(["explain", captureFile, "--bytes", "--proof"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\[0, 5\) record header/);
    expect(result.stdout).toMatch(/certificate_authorities.*\[mTLS\]/);
    expect(result.stdout).toContain("decrypted with CLIENT_HANDSHAKE_TRAFFIC_SECRET");
    expect(result.stdout).toMatch(/\$ openssl pkeyutl -verify .* -rawin -digest sha256/);
    expect(result.stdout).toMatch(/client Finished: [0-9a-f]+ \(matches the capture\)/);
  });

  it("--json (schema 2) prints the steps, the annotated records, both signature checks and the Finished checks", async () => {
    const result = await runInProcess(["explain", captureFile, "--json"], dir);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as AnnotatedExplainOutput;
    expect(output.schema).toBe(2);
    expect(output.certificateVerifyVerified).toEqual({ client: true, server: true });
    // Every byte of every record (and of its decrypted content) is in exactly one leaf.
    const gaps: string[] = [];
    const tiles = (node: ByteNode, path: string): void => {
      let at = node.range[0];
      for (const child of node.children ?? []) {
        if (child.range[0] !== at || child.range[1] <= child.range[0]) gaps.push(`${path} > ${child.label}`);
        tiles(child, `${path} > ${child.label}`);
        at = child.range[1];
      }
      if (node.children && at !== node.range[1]) gaps.push(`${path}: ends at ${at}`);
    };
    for (const record of output.records) {
      expect(record.tree.range).toEqual([0, record.hex.length / 2]);
      tiles(record.tree, `${record.from} ${record.index}`);
      if (record.plaintext) {
        expect(record.plaintext.tree.range).toEqual([0, record.plaintext.hex.length / 2]);
        tiles(record.plaintext.tree, `${record.from} ${record.index} plaintext`);
      }
    }
    expect(gaps).toEqual([]);
    expect(output.proof.signatures.client?.signedContent.startsWith("20".repeat(64))).toBe(true);
    expect(output.tlsVersion).toBe("TLSv1.3");
    expect(output.steps[0]).toMatchObject({ name: "ClientHello", from: "client" });
    expect(output.steps.some((step) => step.name === "Certificate" && step.from === "client")).toBe(true);
    expect(output.finishedVerified).toEqual({ client: true, server: true });
  });

  it("also decodes a TLS 1.2 capture", async () => {
    const file = await recordConnection("TLSv1.2");
    const result = await runInProcess(["explain", file, "--json"], dir);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as AnnotatedExplainOutput;
    expect(output.tlsVersion).toBe("TLSv1.2");
    expect(output.certificateVerifyVerified).toEqual({ client: true, server: true });
    expect(output.proof.signatures.server?.message).toBe("ServerKeyExchange");
    expect(output.steps.map((step) => step.name)).toContain("CertificateRequest");
  });

  it("bad input is one line naming the file", async () => {
    await writeFile(join(dir, "notjson.json"), "hello");
    await writeFile(join(dir, "wrong.json"), JSON.stringify({ format: "something-else" }));
    for (const [argv, code, text] of [
      [["explain", "missing.json"], 1, "missing.json: no such file"],
      [["explain", "notjson.json"], 1, "notjson.json: is not JSON"],
      [["explain", "wrong.json"], 1, "wrong.json: "],
      [["explain"], 2, "missing <capture.json>"],
      [["explain", "a.json", "b.json"], 2, "too many arguments"],
    ] as const) {
      const result = await runInProcess([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(code);
      expect(result.stderr).toContain(text);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(stackLine);
      expect(result.stdout).toBe("");
    }
  });
});
