// Diagnose in Chromium against the built export, with certificates made by openssl in the test: an expired
// client certificate and a client that leaves out its intermediate. What the page predicts is checked
// against the real peers given the same files: a Node mTLS server's authorizationError, and nginx
// (ssl_verify_client on) answering curl: its status, error page title and $ssl_client_verify.
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { connect, createServer, type TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, run, startNginx, tempDir } from "@mtls-lab/peers";
import { makeDiagnoseFixtures, type DiagnoseFixtures } from "./diagnose-fixtures";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

/** expect.poll with room for a loaded CI machine (vitest's default is 1 s): a passing poll returns at once. */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 30_000, ...options });

let s: Session;
let fx: DiagnoseFixtures;
let temp: { path: string; cleanup: () => void };

beforeAll(async () => {
  temp = tempDir("mtls-lab-diagnose-e2e-");
  fx = await makeDiagnoseFixtures(temp.path);
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
  temp?.cleanup();
});

/** What a real Node mTLS server (requestCert, rejectUnauthorized false) reports for this client chain. */
async function realNodeAuthorizationError(clientChain: string, clientKey: string): Promise<string | null> {
  const server = createServer({ cert: readFileSync(fx.serverChain), key: readFileSync(`${fx.dir}/server.key`), ca: readFileSync(fx.clientRoot), requestCert: true, rejectUnauthorized: false });
  const seen = new Promise<string | null>((resolve) => {
    server.on("secureConnection", (socket: TLSSocket) => {
      const error = socket.authorized ? null : String((socket.authorizationError as unknown as { code?: string })?.code ?? socket.authorizationError);
      socket.end();
      resolve(error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const client = connect({ host: "127.0.0.1", port, servername: "localhost", ca: readFileSync(fx.serverCa), cert: readFileSync(clientChain), key: readFileSync(clientKey) });
  client.on("error", () => undefined);
  try {
    return await seen;
  } finally {
    client.destroy();
    server.close();
  }
}

/** What real nginx with ssl_verify_client on answers curl presenting this client chain. */
async function realNginx(clientChain: string, clientKey: string): Promise<{ status: number; title: string; clientVerify: string }> {
  const port = await freePort();
  const nginx = await startNginx(
    [
      "log_format verify '$status $ssl_client_verify';",
      "server {",
      `  listen 127.0.0.1:${port} ssl;`,
      "  ssl_protocols TLSv1.2 TLSv1.3;",
      "  ssl_certificate server.crt;",
      "  ssl_certificate_key server.key;",
      "  ssl_client_certificate client-root.crt;",
      "  ssl_verify_client on;",
      "  ssl_verify_depth 3;",
      "  access_log logs/verify.log verify;",
      '  location / { return 200 "ok\\n"; }',
      "}",
    ].join("\n"),
    [port],
    { files: { "server.crt": readFileSync(fx.serverChain), "server.key": readFileSync(`${fx.dir}/server.key`), "client-root.crt": readFileSync(fx.clientRoot) } },
  );
  try {
    const url = `https://localhost:${port}/`;
    const curl = await run("curl", ["-sS", "--resolve", `localhost:${port}:127.0.0.1`, "--cacert", fx.serverCa, "--cert", clientChain, "--key", clientKey, "-w", "\n%{http_code}", url], { timeoutMs: 20_000 });
    const lines = curl.stdout.trimEnd().split("\n");
    const status = Number(lines.pop());
    const title = /<title>([^<]*)<\/title>/.exec(lines.join("\n"))?.[1] ?? "";
    // nginx logs the request after the response went out: wait for the line rather than race it.
    const logFile = `${nginx.dir}/logs/verify.log`;
    let logged = "";
    for (let i = 0; i < 100 && !logged; i++) {
      logged = existsSync(logFile) ? (readFileSync(logFile, "utf8").trim().split("\n").pop() ?? "") : "";
      if (!logged) await new Promise((r) => setTimeout(r, 100));
    }
    return { status, title, clientVerify: logged.slice(logged.indexOf(" ") + 1) };
  } finally {
    await nginx.stop();
  }
}

async function openDiagnose(query = ""): Promise<void> {
  await s.page.goto(`${s.base}/diagnose/${query}`);
  await s.page.getByRole("heading", { level: 1, name: "Diagnose" }).waitFor();
}

async function choose(label: string, path: string): Promise<void> {
  await s.page.getByLabel(label, { exact: true }).setInputFiles(path);
}

const client = () => s.page.getByTestId("diagnosis-client");

describe("diagnose", () => {
  it("an expired client certificate: Node CERT_HAS_EXPIRED, nginx 400 with FAILED:certificate has expired", async () => {
    const real = await realNodeAuthorizationError(fx.expiredClientChain, fx.expiredClientKey);
    expect(real).toBe("CERT_HAS_EXPIRED");
    const nginx = await realNginx(fx.expiredClientChain, fx.expiredClientKey);
    expect(nginx).toEqual({ status: 400, title: "400 The SSL certificate error", clientVerify: "FAILED:certificate has expired" });
    await openDiagnose();
    await choose("Server chain", fx.serverChain);
    await choose("Client chain (optional)", fx.expiredClientChain);
    await choose("Client CA file", fx.clientRoot);
    await choose("Server CA file (optional)", fx.serverCa);
    await choose("Client key (optional)", fx.expiredClientKey);
    await poll(() => client().getAttribute("data-verdict")).toBe("rejected");
    await expect(s.page.getByTestId("node-client").textContent()).resolves.toContain(real!);
    await expect(s.page.getByTestId("nginx-status-client").textContent()).resolves.toBe(`${nginx.status} "${nginx.title}"`);
    await expect(s.page.getByTestId("nginx-verify-client").textContent()).resolves.toBe(nginx.clientVerify);
    await expect(s.page.getByTestId("diagnosis-server").getAttribute("data-verdict")).resolves.toBe("ok");
    // The result is in the Problems panel too, with its fix.
    await poll(() => s.page.getByTestId("problems").textContent()).toContain("CERT_HAS_EXPIRED");
    await screenshot(s.page, "diagnose-expired");
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("a client chain without its intermediate: Node UNABLE_TO_VERIFY_LEAF_SIGNATURE, nginx 400, optional_no_ca lets it in", async () => {
    const real = await realNodeAuthorizationError(fx.clientLeafOnly, fx.clientKey);
    expect(real).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    const nginx = await realNginx(fx.clientLeafOnly, fx.clientKey);
    expect(nginx).toEqual({ status: 400, title: "400 The SSL certificate error", clientVerify: "FAILED:unable to verify the first certificate" });
    await openDiagnose("?host=localhost");
    await choose("Server chain", fx.serverChain);
    await choose("Client chain (optional)", fx.clientLeafOnly);
    await choose("Client CA file", fx.clientRoot);
    await poll(() => client().getAttribute("data-verdict")).toBe("rejected");
    await expect(s.page.getByTestId("node-client").textContent()).resolves.toContain(real!);
    await expect(s.page.getByTestId("nginx-status-client").textContent()).resolves.toBe(`${nginx.status} "${nginx.title}"`);
    await expect(s.page.getByTestId("nginx-verify-client").textContent()).resolves.toBe(nginx.clientVerify);
    // No server CA file given: that side is not checked, and says so.
    await expect(s.page.getByTestId("diagnosis-server").getAttribute("data-verdict")).resolves.toBe("not-checked");

    await s.page.getByLabel("Server software", { exact: true }).selectOption("nginx-optional_no_ca");
    await poll(() => client().getAttribute("data-verdict")).toBe("accepted-unverified");
    await expect(s.page.getByTestId("nginx-status-client").textContent()).resolves.toBe("200");
    expect(new URL(s.page.url()).searchParams.get("server")).toBe("nginx-optional_no_ca");

    // The step link opens the Handshake view at the failing message.
    await s.page.getByLabel("Server software", { exact: true }).selectOption("node");
    await poll(() => client().getAttribute("data-verdict")).toBe("rejected");
    await client().getByRole("link", { name: /client-certificate in tls13-rejected-client/ }).click();
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    await poll(() => new URL(s.page.url()).searchParams.get("flow")).toBe("tls13-rejected-client");
    await poll(() => s.page.getByTestId("step-detail").getByRole("heading", { level: 2 }).textContent()).toContain("Certificate");
  });

  it("files dropped on the workbench fill the slots their names suggest", async () => {
    await openDiagnose();
    const files = [
      { name: "server-chain.crt", text: readFileSync(fx.serverChain, "utf8") },
      { name: "client-chain.crt", text: readFileSync(fx.clientChain, "utf8") },
      { name: "client-ca.crt", text: readFileSync(fx.clientRoot, "utf8") },
      { name: "server-ca.crt", text: readFileSync(fx.serverCa, "utf8") },
    ];
    const transfer = await s.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: "application/x-pem-file" }));
      return dt;
    }, files);
    // A real drag fires dragover repeatedly before the drop: the page shows its drop target, then takes the files.
    await poll(async () => {
      await s.page.locator(".wb").dispatchEvent("dragover", { dataTransfer: transfer });
      return s.page.getByTestId("drop-target").count();
    }).toBe(1);
    await s.page.locator(".wb").dispatchEvent("drop", { dataTransfer: transfer });
    await poll(() => s.page.getByTestId("chosen-serverTrustsForClients").textContent()).toBe("client-ca.crt");
    await expect(s.page.getByTestId("chosen-clientTrustsForServer").textContent()).resolves.toBe("server-ca.crt");
    await poll(() => client().getAttribute("data-verdict")).toBe("ok");
    await expect(s.page.getByTestId("diagnosis-server").getAttribute("data-verdict")).resolves.toBe("ok");
  });

  it("the server CA file given as the client CA file: leads with that cause and the client-ca.crt fix", async () => {
    // The client CA under the name a kit gives it, opened in Inspect: the workspace knows which file holds it.
    copyFileSync(fx.clientRoot, `${fx.dir}/client-ca.crt`);
    await s.page.goto(`${s.base}/inspect/`);
    await s.page.setInputFiles("#inspect-file", `${fx.dir}/client-ca.crt`);
    await s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name: "client-ca.crt", exact: true }).waitFor();
    // To Diagnose through the activity bar: the workspace (and the opened file) stays.
    await s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Diagnose", exact: true }).click();
    await s.page.getByRole("heading", { level: 1, name: "Diagnose" }).waitFor();
    await choose("Server chain", fx.serverChain);
    await choose("Client chain (optional)", fx.clientChain);
    await choose("Client CA file", fx.serverCa);
    await choose("Client key (optional)", fx.clientKey);
    const leading = s.page.getByTestId("leading-cause");
    await poll(() => leading.getAttribute("data-kind")).toBe("server-ca-as-client-ca");
    const cause = (await s.page.getByTestId("leading-text").textContent()) ?? "";
    expect(cause).toContain("server-ca.crt");
    expect(cause).toContain("CN=Diagnose Test Server CA");
    expect(cause).toContain("client-ca.crt");
    await expect(s.page.getByTestId("leading-fix").textContent()).resolves.toContain("ssl_client_certificate client-ca.crt");
    // It comes before the per-peer results, and Problems lists it once, first.
    const order = await s.page.evaluate(() => {
      const lead = document.querySelector('[data-testid="leading-cause"]');
      const side = document.querySelector('[data-testid="diagnosis-client"]');
      return lead && side ? lead.compareDocumentPosition(side) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();
    await poll(() => s.page.getByTestId("problems").textContent()).toContain("server-ca-as-client-ca");
    const problems = (await s.page.getByTestId("problems").textContent()) ?? "";
    expect(problems.split("server-ca-as-client-ca").length - 1).toBe(1);
    await screenshot(s.page, "diagnose-wrong-ca-file");
  });

  it("the settings in the link reproduce the question", async () => {
    await openDiagnose("?server=node&tls=1.2&host=127.0.0.1&at=2026-01-02T03:04");
    await expect(s.page.getByLabel("Server software", { exact: true }).inputValue()).resolves.toBe("node");
    await expect(s.page.getByLabel("TLS version", { exact: true }).inputValue()).resolves.toBe("1.2");
    await expect(s.page.getByLabel("Host the client connects to", { exact: true }).inputValue()).resolves.toBe("127.0.0.1");
    await expect(s.page.getByLabel("Time (UTC, empty: now)", { exact: true }).inputValue()).resolves.toBe("2026-01-02T03:04");
  });

  it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
