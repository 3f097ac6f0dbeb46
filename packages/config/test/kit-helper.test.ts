import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "@mtls-lab/peers";
import { makeTestKit, type TestKit } from "./helpers/kit.js";

describe("test kit (openssl)", () => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await makeTestKit();
  });
  afterAll(() => kit?.cleanup());

  it("client chains to the client CA with clientAuth, not to the other CA", async () => {
    const ok = await run("openssl", ["verify", "-purpose", "sslclient", "-CAfile", kit.paths.clientCa, kit.paths.clientCert]);
    expect(ok.stdout).toContain(": OK");
    const other = await run("openssl", ["verify", "-purpose", "sslclient", "-CAfile", kit.paths.clientCa, kit.other.cert]);
    expect(other.code).not.toBe(0);
  });

  it("server certificate names localhost and 127.0.0.1", async () => {
    const ok = await run("openssl", ["verify", "-purpose", "sslserver", "-verify_ip", "127.0.0.1", "-CAfile", kit.paths.serverCa, kit.paths.serverChain]);
    expect(ok.stdout).toContain(": OK");
  });
});
