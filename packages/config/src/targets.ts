/**
 * The targets table: what each emitter is, which inputs it reads and how to run its output.
 */
import { TargetId, type TargetInfo } from "./types.js";

const serverFiles = ["serverChain", "serverKey", "clientCa"] as const;
const clientFiles = ["serverCa", "clientChain", "clientKey"] as const;

/** Every target, in the order the CLI lists them. */
export const targets: readonly TargetInfo[] = [
  {
    id: TargetId.nginxReverse,
    title: "nginx mTLS reverse proxy",
    side: "server",
    usesVerifyMode: true,
    usesProfile: true,
    needsClientCertificate: false,
    reads: [...serverFiles],
    run: "include nginx/mtls-reverse.conf inside http { }, then nginx -t && nginx -s reload",
  },
  {
    id: TargetId.nginxForward,
    title: "nginx forward proxy (outbound mTLS)",
    side: "client",
    usesVerifyMode: false,
    usesProfile: true,
    needsClientCertificate: true,
    reads: [...clientFiles],
    run: "include nginx/mtls-forward.conf inside http { }; apps call http://127.0.0.1:PORT/",
  },
  {
    id: TargetId.nodeServer,
    title: "Node https server (strict, and the explain-why variant)",
    side: "server",
    usesVerifyMode: false,
    usesProfile: true,
    needsClientCertificate: false,
    reads: [...serverFiles],
    run: "node node/server.mjs",
  },
  {
    id: TargetId.nodeClient,
    title: "Node clients (https.Agent, undici fetch, axios)",
    side: "client",
    usesVerifyMode: false,
    usesProfile: true,
    needsClientCertificate: true,
    reads: [...clientFiles],
    run: "node node/client-https.mjs URL",
  },
  {
    id: TargetId.curl,
    title: "curl (PEM and PKCS#12)",
    side: "client",
    usesVerifyMode: false,
    usesProfile: false,
    needsClientCertificate: true,
    reads: [...clientFiles, "clientP12"],
    run: "sh curl/curl-pem.sh URL",
  },
  {
    id: TargetId.java,
    title: "Java 17 HttpClient (KeyManagerFactory + TrustManagerFactory)",
    side: "client",
    usesVerifyMode: false,
    usesProfile: true,
    needsClientCertificate: true,
    reads: ["serverCa", "clientP12"],
    run: "cd java && javac MtlsClient.java && java MtlsClient URL",
  },
  {
    id: TargetId.python,
    title: "Python (requests, and ssl + urllib)",
    side: "client",
    usesVerifyMode: false,
    usesProfile: true,
    needsClientCertificate: true,
    reads: [...clientFiles],
    run: "python3 python/client_requests.py URL",
  },
  {
    id: TargetId.go,
    title: "Go (crypto/tls, net/http)",
    side: "client",
    usesVerifyMode: false,
    usesProfile: true,
    needsClientCertificate: true,
    reads: [...clientFiles],
    run: "cd go && go run . URL",
  },
  {
    id: TargetId.compose,
    title: "docker compose (nginx in front of the app)",
    side: "server",
    usesVerifyMode: true,
    usesProfile: true,
    needsClientCertificate: false,
    reads: [...serverFiles],
    run: "cd compose && APP_IMAGE=your-image docker compose up",
  },
  {
    id: TargetId.haproxy,
    title: "HAProxy mTLS reverse proxy (RFC 9440 Client-Cert)",
    side: "server",
    usesVerifyMode: true,
    usesProfile: true,
    needsClientCertificate: false,
    reads: [...serverFiles],
    run: "sh haproxy/make-pem.sh && haproxy -c -f haproxy/haproxy.cfg && haproxy -f haproxy/haproxy.cfg",
  },
  {
    id: TargetId.caddy,
    title: "Caddy mTLS reverse proxy (RFC 9440 Client-Cert)",
    side: "server",
    usesVerifyMode: true,
    usesProfile: true,
    needsClientCertificate: false,
    reads: [...serverFiles],
    run: "caddy validate --adapter caddyfile --config caddy/Caddyfile && caddy run --adapter caddyfile --config caddy/Caddyfile",
  },
  {
    id: TargetId.apache,
    title: "Apache httpd mTLS reverse proxy (RFC 9440 Client-Cert and Client-Cert-Chain)",
    side: "server",
    usesVerifyMode: true,
    usesProfile: true,
    needsClientCertificate: false,
    reads: [...serverFiles],
    run: "a2enmod ssl headers proxy proxy_http; Include apache/mtls-site.conf, then apache2ctl -t && apache2ctl graceful",
  },
  {
    id: TargetId.kubernetes,
    title: "Kubernetes: cert-manager Issuers and Certificates, ingress-nginx Ingress with auth-tls",
    side: "server",
    usesVerifyMode: true,
    usesProfile: false,
    needsClientCertificate: false,
    reads: ["clientCa"],
    run: "kubectl apply -f kubernetes/10-issuers.yaml -f kubernetes/20-certificates.yaml -f kubernetes/30-ingress.yaml",
  },
];

/** The table row of `id`; one clear error for an unknown target. */
export function getTarget(id: string): TargetInfo {
  const target = targets.find((t) => t.id === id);
  if (!target) throw new Error(`unknown target "${id}": use one of ${targets.map((t) => t.id).join(", ")}, all`);
  return target;
}
