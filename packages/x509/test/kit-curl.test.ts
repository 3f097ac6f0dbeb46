/**
 * curl as the client of a generated kit: PEM chain + key and the PKCS#12, against a Node https server that
 * requires client certificates from the kit's client CA.
 */
import { createServer, type Server } from "node:https";
import type { TLSSocket } from "node:tls";
import { has, run, tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKit, type Kit } from "../src/index.js";
import { kitText, writeKit } from "./kit-helpers.js";

const PASSWORD = "curl-p12";
const temp = tempDir("mtls-lab-curl-");

describe.skipIf(!has("curl"))("curl with a generated kit", () => {
  let kit: Kit;
  let paths: Record<string, string>;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    kit = await generateKit({ keyType: "ec-p256", intermediate: true, clients: ["alice"], p12Password: PASSWORD });
    paths = writeKit(kit, temp.path);
    server = createServer(
      { key: kitText(kit, "server.key"), cert: kitText(kit, "server-chain.crt"), ca: kitText(kit, "client-ca.crt"), requestCert: true, rejectUnauthorized: true },
      (request, response) => {
        const socket = request.socket as TLSSocket;
        response.end(`hello ${String(socket.getPeerCertificate().subject?.CN)}\n`);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    temp.cleanup();
  });

  const curl = (extra: string[]) =>
    run("curl", ["-sS", "--max-time", "20", "--resolve", `localhost:${port}:127.0.0.1`, "--cacert", paths["server-ca.crt"]!, ...extra, `https://localhost:${port}/`]);

  it("is accepted with the PEM chain and key", async () => {
    const result = await curl(["--cert", paths["alice-chain.crt"]!, "--key", paths["alice.key"]!]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("hello alice\n");
  });

  it("is accepted with the PKCS#12", async () => {
    const result = await curl(["--cert-type", "P12", "--cert", `${paths["alice.p12"]}:${PASSWORD}`]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("hello alice\n");
  });

  it("is refused without a client certificate", async () => {
    const result = await curl([]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
  });
});
