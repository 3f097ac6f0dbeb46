/**
 * `mtls-lab app`: the plain HTTP app behind the mTLS proxy. It believes the forwarded identity (RFC 9440
 * Client-Cert or nginx's X-SSL-Client-*) only from the proxy's address: loopback, or exactly --proxy ADDR.
 */
import { isIP } from "node:net";
import { defineCommand } from "../command.js";
import { ProxyAuthKind, checkProxyAuth, defaultProxySecretHeader } from "@mtls-lab/config";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { parsePort, readFlagFile, untilAborted } from "../../lab/cli-support.js";
import { createApp, isLoopback } from "../../lab/app.js";
import { trustOnly } from "../../lab/forwarded-identity.js";
import { type AppProxyAuth, describeProxyTrust } from "../../lab/proxy-auth.js";

interface ProxyFlags {
  "proxy-secret-file"?: string | undefined;
  "proxy-secret-header"?: string | undefined;
  "proxy-ca"?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
}

/** "localhost", 127.0.0.0/8 and ::1 bind to loopback only. */
function isLoopbackHost(host: string): boolean {
  return host === "localhost" || isLoopback(host);
}

/** The proxy authentication the flags ask for; usage errors for flags that do not go together. */
function readProxyAuth(flags: ProxyFlags, cwd: string): AppProxyAuth | undefined {
  const secretFile = flags["proxy-secret-file"];
  const ca = flags["proxy-ca"];
  if (secretFile !== undefined && ca !== undefined) throw usageError("app: --proxy-secret-file and --proxy-ca are two ways to the same end: pick one");
  if (flags["proxy-secret-header"] !== undefined && secretFile === undefined) throw usageError("app: --proxy-secret-header goes with --proxy-secret-file");
  if ((flags.cert !== undefined || flags.key !== undefined) && ca === undefined) throw usageError("app: --cert and --key go with --proxy-ca");
  if (secretFile !== undefined) {
    const secret = readFlagFile(cwd, "proxy-secret-file", secretFile).toString("utf8").split(/\r?\n/)[0]?.trim() ?? "";
    const header = flags["proxy-secret-header"] ?? defaultProxySecretHeader;
    try {
      checkProxyAuth({ kind: ProxyAuthKind.secretHeader, header, secret }, "http://app");
    } catch (error) {
      throw new CliError(`app: --proxy-secret-file ${secretFile}: ${describeError(error).replace(/^proxyAuth\.\w+: /, "")}`);
    }
    return { kind: ProxyAuthKind.secretHeader, header, secret };
  }
  if (ca !== undefined) {
    if (flags.cert === undefined || flags.key === undefined) throw usageError("app: --proxy-ca needs --cert and --key (the app then speaks TLS)");
    return {
      kind: ProxyAuthKind.clientCertificate,
      ca: readFlagFile(cwd, "proxy-ca", ca),
      cert: readFlagFile(cwd, "cert", flags.cert),
      key: readFlagFile(cwd, "key", flags.key),
    };
  }
  return undefined;
}

/** The app command. */
export const app = defineCommand({
  name: "app",
  summary: "run the plain HTTP app that the mTLS proxy forwards to, answering with the identity the proxy verified",
  usage: [
    "mtls-lab app [--port 3000] [--host 127.0.0.1] [--proxy ADDR]",
    "             [--proxy-secret-file FILE [--proxy-secret-header NAME] | --proxy-ca FILE --cert FILE --key FILE]",
  ].join("\n"),
  details: [
    "Routes: / (what the proxy forwarded), /api/test (200 with the verified identity, else 401), /healthz.",
    "Identity: RFC 9440 Client-Cert (HAProxy, Caddy, Apache) or nginx's X-SSL-Client-* headers, and only from",
    "the proxy's address: loopback by default, exactly ADDR with --proxy. Anyone else sending them is ignored,",
    "but any local process is loopback too. To make the proxy prove itself:",
    "  --proxy-secret-file FILE  the headers count only with this secret in X-Proxy-Secret (or",
    "                            --proxy-secret-header); nginx sets it (packages/config proxyAuth, secret-header)",
    "  --proxy-ca FILE           the app speaks TLS (--cert/--key) and accepts only peers with a client",
    "                            certificate from this CA (nginx proxy_ssl_certificate, proxyAuth client-certificate)",
    "A --host that is not loopback prints a warning unless the proxy authenticates itself or --proxy names it.",
  ].join("\n"),
  flags: {
    port: { type: "string", value: "PORT", description: "port to listen on (default 3000)" },
    host: { type: "string", value: "ADDR", description: "address to listen on (default 127.0.0.1)" },
    proxy: { type: "string", value: "ADDR", description: "the one proxy address whose identity headers count (default: any loopback address)" },
    "proxy-secret-file": { type: "string", value: "FILE", description: "trust identity headers only with the secret in FILE (first line)" },
    "proxy-secret-header": { type: "string", value: "NAME", description: `header carrying the secret (default ${defaultProxySecretHeader})` },
    "proxy-ca": { type: "string", value: "FILE", description: "speak TLS and accept only a proxy with a client certificate from this CA" },
    cert: { type: "string", value: "FILE", description: "the app's certificate chain, with --proxy-ca" },
    key: { type: "string", value: "FILE", description: "the app's private key, with --proxy-ca" },
  },
  positionals: { name: "", min: 0, max: 0 },
  runsUntilStopped: true,
  async run(args, io) {
    const port = parsePort("app", "port", args.flags.port, 3000);
    const host = args.flags.host ?? "127.0.0.1";
    const proxy = args.flags.proxy;
    if (proxy !== undefined && isIP(proxy.replace(/^\[|\]$/g, "")) === 0) throw usageError(`app: --proxy must be an IP address (the proxy's), not ${JSON.stringify(proxy)}`);
    const proxyAuth = readProxyAuth(args.flags, io.cwd);
    if (!proxyAuth && proxy === undefined && !isLoopbackHost(host)) {
      io.stderr.write(`mtls-lab: warning: app: listening on ${host}, beyond loopback, but identity headers are believed from loopback peers only and the proxy does not authenticate itself; add --proxy-secret-file or --proxy-ca\n`);
    }
    let server;
    try {
      server = createApp({ ...(proxy === undefined ? {} : { trustProxy: trustOnly(proxy) }), ...(proxyAuth ? { proxyAuth } : {}) });
    } catch (error) {
      throw new CliError(`app: the --cert, --key or --proxy-ca file is not usable: ${describeError(error)}`);
    }
    let bound: number;
    try {
      bound = await server.listen(port, host);
    } catch (error) {
      throw new CliError(`app: cannot listen on ${host}:${port}: ${describeError(error)}`);
    }
    const scheme = proxyAuth?.kind === ProxyAuthKind.clientCertificate ? "https" : "http";
    const trust = proxyAuth ? describeProxyTrust(proxyAuth) : `identity headers trusted from ${proxy ?? "loopback"} only`;
    io.stdout.write(`app on ${scheme}://${host.includes(":") ? `[${host}]` : host}:${bound}/ (${trust})\n`);
    await untilAborted(io.signal);
    await server.close();
    io.stdout.write("stopped\n");
    return ExitCode.ok;
  },
});
