/**
 * `mtls-lab up`: the whole local lab in one call. A kit in `.lab/` if there is none, the demo server on
 * https://localhost:9443, with `proxy` (nginx, HAProxy, Caddy or Apache) the mTLS reverse proxy on
 * https://localhost:8443 in front of the app,
 * with `site` the built workbench on http://localhost:3000; then the exact commands to try.
 * `stop()` stops everything it started, in reverse order.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { isAbsolute, join, relative } from "node:path";
import { createApp } from "./app.js";
import { ensureLabKit, labP12Password } from "./kit.js";
import { hasNginx, startLabNginx } from "./nginx.js";
import { hasProxy, startLabProxy, type LabProxyServer } from "./proxies.js";
import { createServer } from "./server.js";
import { createStaticServer } from "./static.js";

/** Options of `startLab`. Ports 0 pick free ones (tests); the defaults are the documented ports. */
export interface UpOptions {
  /** Kit directory; default `.lab` under cwd. */
  dir?: string;
  /** Directory the printed paths are relative to. */
  cwd: string;
  /** Demo server port; default 9443. */
  port?: number;
  /** Also start nginx (when installed) in front of the app (the same as proxy "nginx"). */
  nginx?: boolean;
  /** Which mTLS reverse proxy to start in front of the app (when installed). */
  proxy?: "nginx" | LabProxyServer;
  /** The proxy's HTTPS port; default 8443. Its HTTP redirect port is picked free. */
  nginxPort?: number;
  /** App port; default 3000, or a free one when the site takes 3000. */
  appPort?: number;
  /** Serve this built site directory (apps/web/out). */
  site?: string;
  /** Site port; default 3000. */
  sitePort?: number;
  /** Capture directory for the demo server. */
  capture?: string;
  /** Demo server refuses bad clients in the handshake. */
  require?: boolean;
  /** Write a new lab kit over a kit in `dir` that is not a complete lab kit (else startLab refuses it). */
  force?: boolean;
  /** Progress and warnings, one line each. */
  log?: (line: string) => void;
}

/** The running lab. */
export interface LabUp {
  /** `nginx` is the proxy's HTTPS port, whichever proxy runs (`proxy` names it). */
  ports: { serve: number; nginx?: number; app?: number; site?: number };
  proxy?: "nginx" | LabProxyServer;
  /** What to open and the commands to try, ready to print. */
  instructions: string;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now (nginx cannot take port 0 and report back). */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** What each proxy answers a request without a client certificate (measured; packages/config's tests). */
const noCertificateAnswer: Record<"nginx" | LabProxyServer, string> = {
  nginx: '400 "No required SSL certificate was sent"',
  haproxy: "the handshake fails with TLS alert 116 certificate_required (curl exit 56, or 55 when the close wins)",
  caddy: "the handshake fails with TLS alert 42 bad_certificate (curl exit 56, or 55 when the close wins)",
  apache: "the handshake fails with TLS alert 116 certificate_required (curl exit 56)",
};

function commandsText(kitPath: string, ports: LabUp["ports"], proxy: "nginx" | LabProxyServer = "nginx"): string {
  const f = (name: string) => join(kitPath, name);
  const ca = `--cacert ${f("server-ca.crt")}`;
  const id = `--cert ${f("client.crt")} --key ${f("client.key")}`;
  const lines = [
    "",
    `mTLS Lab is up. Kit: ${kitPath}/ (client.p12 password: ${labP12Password})`,
    "",
    `Demo server  https://localhost:${ports.serve}/  (answers why a client certificate passed or failed)`,
    "  # no client certificate: mTLSValid false, reason UNABLE_TO_GET_ISSUER_CERT (Node's name for \"none sent\")",
    `  curl ${ca} https://localhost:${ports.serve}/`,
    "  # with the client certificate: mTLSValid true",
    `  curl ${ca} ${id} https://localhost:${ports.serve}/`,
    "  # the protected endpoint: 401 without, 200 with",
    `  curl ${ca} https://localhost:${ports.serve}/api/test`,
    `  curl ${ca} ${id} https://localhost:${ports.serve}/api/test`,
    "  # the same with PKCS#12",
    `  mtls-lab request --url https://localhost:${ports.serve}/api/test --root-ca ${f("server-ca.crt")} --p12 ${f("client.p12")} --password ${labP12Password}`,
  ];
  if (ports.nginx !== undefined) {
    lines.push(
      "",
      `${proxy.padEnd(12)} https://localhost:${ports.nginx}/  (verifies the client, forwards its identity to the app on port ${ports.app})`,
      `  # no client certificate: ${noCertificateAnswer[proxy]}`,
      `  curl ${ca} https://localhost:${ports.nginx}/api/test`,
      `  # with it: the identity ${proxy} verified (${proxy === "nginx" ? "X-SSL-Client-* headers" : "RFC 9440 Client-Cert"}), as the app sees it`,
      `  curl ${ca} ${id} https://localhost:${ports.nginx}/api/test`,
    );
  }
  if (ports.site !== undefined) lines.push("", `Workbench    http://localhost:${ports.site}/  (Learn, Handshake, Inspect, Generate, Diagnose)`);
  lines.push("", "Ctrl-C stops everything.", "");
  return lines.join("\n");
}

/** Starts the lab; on a failure part-way it stops what already started and rethrows. */
export async function startLab(options: UpOptions): Promise<LabUp> {
  const log = options.log ?? (() => undefined);
  const dir = options.dir ?? join(options.cwd, ".lab");
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const { created } = await ensureLabKit(dir, { force: options.force === true });
    log(created ? `kit: created in ${dir}` : `kit: using ${dir}`);
    const read = (name: string) => readFileSync(join(dir, name));
    const server = createServer({
      cert: read("server-chain.crt"),
      key: read("server.key"),
      ca: read("client-ca.crt"),
      require: options.require === true,
      ...(options.capture ? { capture: { dir: options.capture } } : {}),
      onTlsError: (line) => log(`serve: handshake failed: ${line}`),
      onCaptureError: (line) => log(`serve: capture: ${line}`),
    });
    const ports: LabUp["ports"] = { serve: await server.listen(options.port ?? 9443, "127.0.0.1") };
    stops.push(() => server.close());

    if (options.site !== undefined && !existsSync(join(options.site, "index.html"))) {
      log(`site: ${options.site} has no index.html (build the site first: pnpm -s turbo run build), skipped`);
    } else if (options.site !== undefined) {
      const site = createStaticServer(options.site);
      ports.site = await site.listen(options.sitePort ?? 3000, "127.0.0.1");
      stops.push(() => site.close());
    }
    const proxy = options.proxy ?? (options.nginx ? "nginx" : undefined);
    if (proxy !== undefined) {
      const installed = proxy === "nginx" ? hasNginx() : hasProxy(proxy);
      if (!installed) {
        const pkg = proxy === "apache" ? "apache2" : proxy;
        log(`${proxy}: not installed, skipped (apt-get install ${pkg}, then run \`mtls-lab up --proxy ${proxy}\` again)`);
      } else {
        const app = createApp();
        ports.app = await app.listen(options.appPort ?? (options.site !== undefined ? 0 : 3000), "127.0.0.1");
        stops.push(() => app.close());
        const proxyPort = options.nginxPort ?? 8443;
        const common = { kitDir: dir, listen: proxyPort, httpListen: await pickFreePort(), upstream: `http://127.0.0.1:${ports.app}` };
        if (proxy === "nginx") {
          const nginx = await startLabNginx(common);
          stops.push(() => nginx.stop());
          log(`nginx: pid ${nginx.pid}, config ${nginx.dir}/nginx.conf`);
        } else {
          const running = await startLabProxy({ ...common, server: proxy });
          stops.push(() => running.stop());
          log(`${proxy}: pid ${running.pid}, config ${running.config}`);
        }
        ports.nginx = proxyPort;
      }
    }
    const shown = isAbsolute(dir) ? relative(options.cwd, dir) || "." : dir;
    return { ports, ...(proxy !== undefined && ports.nginx !== undefined ? { proxy } : {}), instructions: commandsText(shown.startsWith("..") ? dir : shown, ports, proxy), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
