/**
 * Kubernetes: the path when one machine is not enough. cert-manager Issuers and Certificates for the two CAs
 * and the leaves (or the kit's own files as Secrets), and an ingress-nginx Ingress whose
 * `nginx.ingress.kubernetes.io/auth-tls-*` annotations ask for and verify the client certificate.
 * Annotation names and values: ingress-nginx's annotations reference,
 * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/ (client certificate
 * authentication, backend certificate authentication);
 * resources: cert-manager.io/v1 (cert-manager.io/docs/reference/api-docs/) and networking.k8s.io/v1.
 */
import { ConfigError, defaults } from "../resolve.js";
import type { EmitResult, ResolvedInput } from "../types.js";
import { toYamlDocuments, type YamlValue } from "./yaml-text.js";

/** Names of the Secrets and Issuers the manifests create and the Ingress reads. */
export const kubernetesNames = {
  selfSigned: "mtls-lab-selfsigned",
  serverCa: "mtls-lab-server-ca",
  clientCa: "mtls-lab-client-ca",
  serverTls: "mtls-lab-server-tls",
  clientTls: "mtls-lab-client-tls",
  upstreamCa: "mtls-lab-upstream-ca",
  ingress: "mtls-lab",
  service: "app",
} as const;

const n = kubernetesNames;

/** The ingress-nginx annotations the Ingress uses (the test checks each against the documented list). */
const a = {
  secret: "nginx.ingress.kubernetes.io/auth-tls-secret",
  verifyClient: "nginx.ingress.kubernetes.io/auth-tls-verify-client",
  verifyDepth: "nginx.ingress.kubernetes.io/auth-tls-verify-depth",
  errorPage: "nginx.ingress.kubernetes.io/auth-tls-error-page",
  passCertificateToUpstream: "nginx.ingress.kubernetes.io/auth-tls-pass-certificate-to-upstream",
  backendProtocol: "nginx.ingress.kubernetes.io/backend-protocol",
  proxySslSecret: "nginx.ingress.kubernetes.io/proxy-ssl-secret",
  proxySslVerify: "nginx.ingress.kubernetes.io/proxy-ssl-verify",
  proxySslName: "nginx.ingress.kubernetes.io/proxy-ssl-name",
} as const;

function meta(name: string, input: ResolvedInput, extra: Record<string, YamlValue> = {}): YamlValue {
  return { name, namespace: input.namespace, labels: { "app.kubernetes.io/part-of": "mtls-lab" }, ...extra };
}

function issuer(name: string, spec: YamlValue, input: ResolvedInput): YamlValue {
  return { apiVersion: "cert-manager.io/v1", kind: "Issuer", metadata: meta(name, input), spec };
}

function certificate(name: string, spec: Record<string, YamlValue>, input: ResolvedInput): YamlValue {
  return {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: meta(name, input),
    // ECDSA P-256 like the kit; `rotationPolicy: Always` makes every renewal a new key.
    spec: { ...spec, privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" } },
  };
}

/** 10-issuers.yaml: a self-signed bootstrap Issuer, the two CA Certificates, and an Issuer for each CA. */
function issuerDocuments(input: ResolvedInput) {
  const ca = (name: string, cn: string) =>
    certificate(name, { isCA: true, commonName: cn, secretName: name, duration: "87600h", issuerRef: { name: n.selfSigned, kind: "Issuer" } }, input);
  return [
    { comments: ["Bootstraps the two CAs: a self-signed Issuer signs each CA certificate once."], value: issuer(n.selfSigned, { selfSigned: {} }, input) },
    { comments: ["The server CA: what clients trust (its Secret holds ca.crt, tls.crt, tls.key)."], value: ca(n.serverCa, "mTLS Lab Server CA") },
    {
      comments: ["The client CA: a separate CA, so a server certificate can never log in as a client.", "ingress-nginx reads only ca.crt from this Secret (auth-tls-secret)."],
      value: ca(n.clientCa, "mTLS Lab Client CA"),
    },
    { comments: ["Issues server leaves from the server CA."], value: issuer(n.serverCa, { ca: { secretName: n.serverCa } }, input) },
    { comments: ["Issues client leaves from the client CA."], value: issuer(n.clientCa, { ca: { secretName: n.clientCa } }, input) },
  ];
}

/** 20-certificates.yaml: the server leaf the Ingress serves and one client leaf. */
function leafDocuments(input: ResolvedInput) {
  // 90 days renewed 30 days early: well inside the CA/Browser Forum's 398-day limit for TLS leaves.
  const lifetime = { duration: "2160h", renewBefore: "720h" };
  return [
    {
      comments: [`The server leaf for ${input.serverName} (serverAuth), renewed by cert-manager.`],
      value: certificate(n.serverTls, { secretName: n.serverTls, ...lifetime, commonName: input.serverName, dnsNames: [input.serverName], usages: ["digital signature", "server auth"], issuerRef: { name: n.serverCa, kind: "Issuer" } }, input),
    },
    {
      comments: ["A client leaf (clientAuth): export it with kubectl get secret mtls-lab-client-tls -o jsonpath='{.data.tls\\.crt}' | base64 -d"],
      value: certificate(n.clientTls, { secretName: n.clientTls, ...lifetime, commonName: "client", usages: ["digital signature", "client auth"], issuerRef: { name: n.clientCa, kind: "Issuer" } }, input),
    },
  ];
}

/** The Ingress: TLS with the server Secret, client certificates verified against the client CA Secret. */
function ingressDocument(input: ResolvedInput, clientCaSecret: string, warnings: string[]) {
  const upstream = new URL(input.upstream ?? defaults.reverseUpstream);
  const port = Number(upstream.port || (upstream.protocol === "https:" ? 443 : 80));
  const annotations: Record<string, string> = {
    [a.secret]: `${input.namespace}/${clientCaSecret}`,
    [a.verifyClient]: input.verify,
    [a.verifyDepth]: String(input.verifyDepth),
    [a.passCertificateToUpstream]: "true",
  };
  if (upstream.protocol === "https:") {
    annotations[a.backendProtocol] = "HTTPS";
    annotations[a.proxySslVerify] = "on";
    // A Secret with ca.crt only: with tls.crt and tls.key in it, ingress-nginx would also present them upstream.
    annotations[a.proxySslSecret] = `${input.namespace}/${n.upstreamCa}`;
    annotations[a.proxySslName] = upstream.hostname;
  }
  const comments = [
    `ingress-nginx terminates TLS for ${input.serverName} and checks the client certificate (auth-tls-*).`,
    "The app gets ssl-client-verify, ssl-client-subject-dn, ssl-client-issuer-dn and ssl-client-cert (URL-escaped PEM);",
    "ingress-nginx replaces copies of those the client sent but passes other headers (Client-Cert too) through:",
    "an app behind it must read only the ssl-client-* headers, and only when ssl-client-verify is SUCCESS.",
    `Optional: ${a.errorPage}: https://your.site/page redirects failed checks there instead of a 400 page.`,
  ];
  if (upstream.protocol === "https:") {
    comments.push(`The https app is verified against the Secret ${n.upstreamCa} (ca.crt only): create it from the CA that issued the app's certificate.`);
  }
  if (input.verify !== "on") {
    comments.push(
      "ingress-nginx applies auth-tls-verify-client to the whole host, not per path: with an optional mode the",
      "app must refuse requests whose ssl-client-verify is not SUCCESS on the paths it protects.",
    );
  }
  if (input.verify === "optional_no_ca") {
    const warning = "optional_no_ca does not check the issuer: ingress-nginx lets a certificate from any CA through with ssl-client-verify FAILED:..., which the app must refuse";
    warnings.push(warning);
    comments.push(`Warning: ${warning}.`);
  }
  const value: YamlValue = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: meta(n.ingress, input, { annotations }),
    spec: {
      ingressClassName: "nginx",
      tls: [{ hosts: [input.serverName], secretName: n.serverTls }],
      rules: [
        {
          host: input.serverName,
          http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: n.service, port: { number: port } } } }] },
        },
      ],
    },
  };
  return { comments, value };
}

/** kit mode: the kit's files as Secrets, made by kubectl from the files themselves. */
function secretsScript(input: ResolvedInput): string {
  return [
    "#!/bin/sh",
    "# The kit's own certificates as Secrets (instead of cert-manager): the server chain and key as a TLS Secret,",
    "# the client CA certificate alone (ca.crt, what ingress-nginx reads). The CA keys never enter the cluster.",
    "set -eu",
    `kubectl -n ${input.namespace} create secret tls ${n.serverTls} --cert=${input.paths.serverChain} --key=${input.paths.serverKey} --dry-run=client -o yaml | kubectl apply -f -`,
    `kubectl -n ${input.namespace} create secret generic ${n.clientCa} --from-file=ca.crt=${input.paths.clientCa} --dry-run=client -o yaml | kubectl apply -f -`,
    "# The server CA as ca.crt alone: what the Ingress verifies an https app with (proxy-ssl-secret).",
    `kubectl -n ${input.namespace} create secret generic ${n.upstreamCa} --from-file=ca.crt=${input.paths.serverCa} --dry-run=client -o yaml | kubectl apply -f -`,
    "",
  ].join("\n");
}

/**
 * Emits kubernetes/: with cert-manager (default) 10-issuers.yaml, 20-certificates.yaml, 30-ingress.yaml;
 * with the kit's own CAs 10-secrets.sh and 30-ingress.yaml. Applied in file-name order.
 */
export function emitKubernetes(input: ResolvedInput): EmitResult {
  const warnings: string[] = [];
  if (input.ocspResponder) warnings.push("ingress-nginx has no annotation for client-certificate OCSP: the kit's OCSP responder is not asked");
  if (input.crl) warnings.push("ingress-nginx takes a CRL only inside the auth-tls-secret (a ca.crl key); add it there, the manifests do not");
  const ingress = ingressDocument(input, n.clientCa, warnings);
  const header = (what: string) => [`${what} Generated by mTLS Lab (config target kubernetes); apply the files in name order.`];
  const files: EmitResult["files"] = [];
  if (input.certificates === "cert-manager") {
    files.push(
      { path: "kubernetes/10-issuers.yaml", contents: toYamlDocuments(issuerDocuments(input).map((d, i) => (i === 0 ? { ...d, comments: [...header("cert-manager Issuers for the two CAs."), ...d.comments] } : d))) },
      { path: "kubernetes/20-certificates.yaml", contents: toYamlDocuments(leafDocuments(input).map((d, i) => (i === 0 ? { ...d, comments: [...header("cert-manager Certificates for the leaves."), ...d.comments] } : d))) },
    );
  } else {
    if (!input.paths.serverChain || !input.paths.serverKey) throw new ConfigError(input.paths.serverChain ? "paths.serverKey" : "paths.serverChain", "missing (certificates: kit makes the server's TLS Secret from it)");
    files.push({ path: "kubernetes/10-secrets.sh", contents: secretsScript(input), mode: 0o755 });
  }
  files.push({ path: "kubernetes/30-ingress.yaml", contents: toYamlDocuments([{ ...ingress, comments: [...header("The mTLS Ingress."), ...ingress.comments] }]) });
  return { files, warnings };
}
