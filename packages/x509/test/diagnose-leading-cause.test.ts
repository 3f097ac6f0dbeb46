/**
 * The leading cause names the user's mistake and files, for a kit's files used the wrong way. The real
 * peers' side of each case is checked by mistakes-matrix.test.ts; these cases are the pure predictions.
 */
import { describe, expect, it } from "vitest";
import { diagnose, generateKit, type DiagnoseInput, type Kit, type KnownFile } from "../src/index.js";

const kit = await generateKit({});
const file = (k: Kit, name: string) => k.files.find((f) => f.name === name)!.contents as string;
const known = (k: Kit): KnownFile[] =>
  k.files.filter((f) => f.name.endsWith(".crt")).map((f) => ({ name: f.name, certificates: f.contents as string, role: f.role, keyFile: f.name.replace(/(-chain)?\.crt$/, ".key") }));

function kitInput(overrides: Partial<Record<"serverChain" | "serverKey" | "clientChain" | "clientKey" | "clientCa" | "serverCa", string>>, extra: Partial<DiagnoseInput> = {}): DiagnoseInput {
  const names = { serverChain: "server-chain.crt", serverKey: "server.key", clientChain: "client-chain.crt", clientKey: "client.key", clientCa: "client-ca.crt", serverCa: "server-ca.crt", ...overrides };
  return {
    serverChain: file(kit, names.serverChain),
    serverKey: file(kit, names.serverKey),
    clientChain: file(kit, names.clientChain),
    clientKey: file(kit, names.clientKey),
    serverTrustsForClients: file(kit, names.clientCa),
    clientTrustsForServer: file(kit, names.serverCa),
    files: names,
    knownFiles: known(kit),
    ...extra,
  };
}

describe("leading cause", () => {
  it("is null for the kit used as intended", async () => {
    const d = await diagnose(kitInput({}));
    expect(d.ok).toBe(true);
    expect(d.leading).toBeNull();
    expect(d.secondary).toEqual([]);
  });

  it("names the server CA file given as the client CA file, and the kit's client-ca.crt as the fix", async () => {
    const d = await diagnose(kitInput({ clientCa: "server-ca.crt" }));
    expect(d.leading?.kind).toBe("server-ca-as-client-ca");
    expect(d.leading?.cause).toBe(
      "The client CA file `server-ca.crt` holds CN=mTLS Lab Server CA, the CA of the server's own certificate; the client certificate `client-chain.crt` (CN=client) was issued by CN=mTLS Lab Client CA, which is in `client-ca.crt`.",
    );
    expect(d.leading?.fix).toBe("nginx: ssl_client_certificate client-ca.crt;");
    expect(d.secondary?.map((f) => f.id)).not.toContain("client-ca-mismatch");
    expect(d.secondary?.map((f) => f.id)).not.toContain("missing-intermediate");
  });

  it("gives the Node option for a Node server", async () => {
    const d = await diagnose(kitInput({ clientCa: "server-ca.crt" }, { server: "node" }));
    expect(d.leading?.fix).toBe('Node server: ca: readFileSync("client-ca.crt")');
  });

  it("names the client CA given to the client as its trust", async () => {
    const d = await diagnose(kitInput({ serverCa: "client-ca.crt" }));
    expect(d.leading?.kind).toBe("client-ca-as-server-ca");
    expect(d.leading?.cause).toContain("`client-ca.crt`");
    expect(d.leading?.cause).toContain("which is in `server-ca.crt`");
    expect(d.leading?.fix).toBe('curl --cacert server-ca.crt; Node client: ca: readFileSync("server-ca.crt")');
  });

  it("names a client key that is not the certificate's, and whose it is", async () => {
    const d = await diagnose(kitInput({ clientKey: "server.key" }));
    expect(d.leading?.kind).toBe("client-key-mismatch");
    expect(d.leading?.cause).toContain("`server.key`");
    expect(d.leading?.cause).toContain("it belongs to `server.crt` (CN=localhost)");
    expect(d.leading?.fix).toContain("--key client.key");
    expect(d.leading?.stops?.curl?.exitCode).toBe(58);
    expect(d.secondary?.filter((f) => f.id === "key-mismatch")).toEqual([]);
  });

  it("names the unsafe concatenation of both CAs as a warning on a working set-up", async () => {
    const both = { ...kitInput({}), serverTrustsForClients: file(kit, "client-ca.crt") + file(kit, "server-ca.crt"), files: { ...kitInput({}).files, clientCa: "cas.crt" } };
    const d = await diagnose(both);
    expect(d.client.verdict).toBe("ok");
    expect(d.leading).toMatchObject({ kind: "both-cas-in-client-ca-file", severity: "warning" });
    expect(d.leading?.fix).toBe("nginx: ssl_client_certificate client-ca.crt;");
  });

  it("without file names, still says what each CA file holds", async () => {
    const { files: _files, knownFiles: _known, ...bare } = kitInput({ clientCa: "server-ca.crt" });
    const d = await diagnose(bare);
    expect(d.leading?.kind).toBe("server-ca-as-client-ca");
    expect(d.leading?.cause).toContain("holds CN=mTLS Lab Server CA");
    expect(d.leading?.fix).toBe("nginx: ssl_client_certificate <the file holding CN=mTLS Lab Client CA>;");
  });
});
