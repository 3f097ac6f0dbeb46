/**
 * The request client (`mtls-lab request`): one HTTPS request with a client certificate (PEM or PKCS#12).
 * The server is always verified, against --root-ca when given, else the system's CAs; it is never
 * switched off. On failure it answers with the error code and what it means.
 */
import { request as httpsRequest } from "node:https";
import { explainCode, type Explanation } from "./explain.js";

/** Options of `sendRequest`. PEM text or bytes. */
export interface RequestOptions {
  url: string;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** CAs that may have issued the server certificate; the system CAs when absent. */
  ca?: Array<string | Buffer>;
  /** PKCS#12 with the client key and certificate (instead of cert/key). */
  pfx?: Buffer;
  passphrase?: string;
  method?: string;
  timeoutMs?: number;
}

/** The response, or the failure explained. */
export type RequestOutcome =
  | { ok: true; status: number; headers: Record<string, string | string[] | undefined>; body: string; tls: { version: string | null; cipher: string | null } }
  | { ok: false; code: string; message: string; explanation: Explanation };

// What the client sees when the *server* refuses its certificate (measured with a Node 20 server, OpenSSL 3.0):
// the server's reason never reaches the client, only an alert or a reset.
const clientSide: Record<string, Explanation> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: {
    title: "The server requires a client certificate",
    explanation: "The server asked for a client certificate and none was sent (TLS 1.3 alert 116, certificate_required).",
    fix: "Pass --cert and --key (or --p12 and --password) with a certificate issued by the CA the server trusts.",
  },
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: {
    title: "Handshake refused by the server",
    explanation: "The server ended the handshake (alert 40). Over TLS 1.2 this is what a server requiring a client certificate sends when none came.",
    fix: "Send a client certificate the server's client CA issued; check that the protocols and ciphers overlap.",
  },
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: {
    title: "The server rejected the client certificate",
    explanation: "The server could not verify the client certificate (alert 42).",
    fix: "Run `mtls-lab diagnose` on the client certificate against the server's client CA.",
  },
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: {
    title: "The server does not know the client's CA",
    explanation: "The client certificate was issued by a CA the server does not trust (alert 48).",
    fix: "Use a client certificate from the server's client CA, or add that CA to the server's trusted list.",
  },
  ECONNRESET: {
    title: "Connection reset",
    explanation:
      "The server closed the connection. Right after the handshake this is how a Node server that requires client certificates refuses a bad one: the reason stays on the server.",
    fix: "Ask the server for its reason, or point this client at a server in explain mode (`mtls-lab serve` without --require).",
  },
  ECONNREFUSED: {
    title: "Nothing listens there",
    explanation: "No server accepted the TCP connection on that host and port.",
    fix: "Start the server (`mtls-lab up`) or check the URL's port.",
  },
};

/** Names a failure: Node's code, or one derived from OpenSSL's text for the errors Node leaves without a useful one. */
function codeOf(error: Error & { code?: string }): string {
  if (/client network socket disconnected before secure TLS connection/i.test(error.message)) return "ECONNRESET";
  if (/mac verify failure/i.test(error.message)) return "BAD_PKCS12_PASSWORD";
  return error.code ?? "ERROR";
}

/** Explains a client-side failure code. */
export function explainRequestError(code: string): Explanation {
  if (code === "BAD_PKCS12_PASSWORD") {
    return { title: "Wrong PKCS#12 password", explanation: "The .p12 file could not be opened with that password (MAC check failed).", fix: "Pass the password the file was exported with (a kit's default is changeit)." };
  }
  return clientSide[code] ?? explainCode(code, { side: "server" });
}

/** Sends one request over a fresh connection and resolves the response or the explained failure. Never rejects. */
export function sendRequest(options: RequestOptions): Promise<RequestOutcome> {
  return new Promise((resolve) => {
    const fail = (error: Error & { code?: string }) => {
      const code = codeOf(error);
      resolve({ ok: false, code, message: error.message, explanation: explainRequestError(code) });
    };
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      return fail(Object.assign(new Error(`--url ${JSON.stringify(options.url)} is not a URL`), { code: "BAD_URL" }));
    }
    if (url.protocol !== "https:") return fail(Object.assign(new Error(`--url must be https:// (got ${url.protocol})`), { code: "BAD_URL" }));
    let req;
    try {
      req = httpsRequest(
        url,
        {
          method: options.method ?? "GET",
          agent: false,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.cert ? { cert: options.cert } : {}),
          ...(options.key ? { key: options.key } : {}),
          ...(options.pfx ? { pfx: options.pfx, passphrase: options.passphrase ?? "" } : {}),
          timeout: options.timeoutMs ?? 15_000,
        },
        (res) => {
          const socket = res.socket as import("node:tls").TLSSocket;
          const tls = { version: socket.getProtocol?.() ?? null, cipher: socket.getCipher?.()?.name ?? null };
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body, tls }));
          res.on("error", fail);
        },
      );
    } catch (error) {
      // Bad PEM or PKCS#12 input throws synchronously from tls.createSecureContext.
      return fail(error as Error & { code?: string });
    }
    req.on("timeout", () => req.destroy(Object.assign(new Error("no answer in time"), { code: "ETIMEDOUT" })));
    req.on("error", fail);
    req.end();
  });
}
