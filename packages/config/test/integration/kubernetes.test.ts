/**
 * The kubernetes target, offline: every manifest validates against the Kubernetes and cert-manager schemas
 * (the validators the kubernetes-models and @kubernetes-models/cert-manager packages generate from them), the
 * names cross-reference (Issuers, Secrets, the Ingress), and every ingress-nginx annotation is one that
 * controller documents, with a documented value. The nginx those annotations produce is nginx-reverse's
 * behaviour, tested with a real nginx in nginx-reverse.test.ts.
 */
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { Certificate, Issuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1";
import { emit, kubernetesNames, VerifyMode, type EmitResult } from "../../src/index.js";
import { documentedAnnotations } from "../fixtures/ingress-nginx-annotations.js";
import { fixedPaths } from "../helpers/matrix.js";

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

function manifests(result: EmitResult): Manifest[] {
  return result.files
    .filter((f) => f.path.endsWith(".yaml"))
    .flatMap((f) =>
      parseAllDocuments(f.contents).map((doc) => {
        expect(doc.errors, f.path).toEqual([]);
        return doc.toJS() as Manifest;
      }),
    );
}

/** Validates one manifest with the model its apiVersion and kind name; throws the validator's message. */
function validate(manifest: Manifest): void {
  const key = `${manifest.apiVersion} ${manifest.kind}`;
  if (key === "networking.k8s.io/v1 Ingress") new Ingress(manifest as never).validate();
  else if (key === "cert-manager.io/v1 Certificate") new Certificate(manifest as never).validate();
  else if (key === "cert-manager.io/v1 Issuer") new Issuer(manifest as never).validate();
  else throw new Error(`no schema for ${key}`);
}

const https = "https://app.internal.test:8443/";

describe("kubernetes manifests", () => {
  for (const certificates of ["cert-manager", "kit"] as const) {
    for (const verify of Object.values(VerifyMode)) {
      for (const upstream of [undefined, https]) {
        const label = `${certificates} / ${verify}${upstream ? " / https app" : ""}`;
        const result = emit("kubernetes", { paths: fixedPaths, verify, certificates, upstream, namespace: "shop", serverName: "api.example.test" });
        const docs = manifests(result);

        it(`${label}: every manifest validates against its schema`, () => {
          expect(docs.length).toBe(certificates === "cert-manager" ? 8 : 1);
          for (const doc of docs) {
            expect(() => validate(doc), `${doc.kind} ${doc.metadata.name}`).not.toThrow();
            expect(doc.metadata.namespace).toBe("shop");
          }
        });

        it(`${label}: every ingress-nginx annotation is documented, with a documented value`, () => {
          const ingress = docs.find((d) => d.kind === "Ingress");
          const annotations = ingress?.metadata.annotations ?? {};
          expect(Object.keys(annotations).length).toBeGreaterThanOrEqual(4);
          for (const [name, value] of Object.entries(annotations)) {
            const check = documentedAnnotations[name];
            expect(check, `${name} is not a documented ingress-nginx annotation`).toBeDefined();
            expect(typeof value, name).toBe("string");
            expect(check?.(value), `${name}: "${value}"`).toBe(true);
          }
          expect(annotations["nginx.ingress.kubernetes.io/auth-tls-verify-client"]).toBe(verify);
          expect(annotations["nginx.ingress.kubernetes.io/auth-tls-secret"]).toBe(`shop/${kubernetesNames.clientCa}`);
          if (upstream) expect(annotations["nginx.ingress.kubernetes.io/proxy-ssl-verify"]).toBe("on");
        });

        it(`${label}: the names cross-reference`, () => {
          const ingress = docs.find((d) => d.kind === "Ingress");
          const tls = (ingress?.spec.tls as { secretName: string; hosts: string[] }[])[0];
          expect(tls).toEqual({ hosts: ["api.example.test"], secretName: kubernetesNames.serverTls });
          if (certificates === "kit") {
            const script = result.files.find((f) => f.path === "kubernetes/10-secrets.sh")?.contents ?? "";
            expect(script).toContain(`create secret tls ${kubernetesNames.serverTls} --cert=${fixedPaths.serverChain} --key=${fixedPaths.serverKey}`);
            expect(script).toContain(`create secret generic ${kubernetesNames.clientCa} --from-file=ca.crt=${fixedPaths.clientCa}`);
            return;
          }
          const issuers = new Set(docs.filter((d) => d.kind === "Issuer").map((d) => d.metadata.name));
          const secrets = new Set(docs.filter((d) => d.kind === "Certificate").map((d) => d.spec.secretName as string));
          for (const cert of docs.filter((d) => d.kind === "Certificate")) {
            expect(issuers.has((cert.spec.issuerRef as { name: string }).name), cert.metadata.name).toBe(true);
          }
          for (const issuer of docs.filter((d) => (d.spec.ca as { secretName?: string } | undefined)?.secretName)) {
            expect(secrets.has((issuer.spec.ca as { secretName: string }).secretName)).toBe(true);
          }
          expect(secrets.has(kubernetesNames.serverTls)).toBe(true);
          expect(secrets.has(kubernetesNames.clientCa)).toBe(true);
        });
      }
    }
  }

  it("the schema check can fail: a Certificate without issuerRef and an Ingress with a numeric path are refused", () => {
    const [issuers] = manifests(emit("kubernetes", { paths: fixedPaths }));
    expect(issuers).toBeDefined();
    const brokenCert: Manifest = { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "x" }, spec: { secretName: "x" } };
    expect(() => validate(brokenCert)).toThrow(/issuerRef/);
    const brokenIngress: Manifest = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "x" }, spec: { rules: [{ http: { paths: [{ path: 5 }] } }] } };
    expect(() => validate(brokenIngress)).toThrow(/path/);
  });

  it("the annotation check can fail: an undocumented name or value is caught", () => {
    expect(documentedAnnotations["nginx.ingress.kubernetes.io/auth-tls-verify"]).toBeUndefined();
    expect(documentedAnnotations["nginx.ingress.kubernetes.io/auth-tls-verify-client"]?.("required")).toBe(false);
    expect(documentedAnnotations["nginx.ingress.kubernetes.io/auth-tls-pass-certificate-to-upstream"]?.("yes")).toBe(false);
  });

  it("a bad namespace is one clear error", () => {
    expect(() => emit("kubernetes", { paths: fixedPaths, namespace: "Shop_1" })).toThrow('namespace: "Shop_1" is not a Kubernetes namespace');
  });
});
