"use client";
/**
 * The visit's own certificates as examples: a kit generated in Generate, or certificates opened in
 * Inspect. The walkthrough names them at the steps that carry them.
 */
import { useEffect, useState } from "react";
import type { CertificateInfo, DecodedItem } from "@mtls-lab/x509";
import { useWorkbench } from "../../workbench/context";
import type { WorkbenchFile } from "../../lib/workbench-state";

/** One certificate of the visit, as an example. */
export interface ExampleCertificate {
  file: string;
  subject: string;
  issuer: string;
  notAfter: string;
}

export interface SessionExamples {
  /** "your kit" or "the certificates you inspected". */
  source: string;
  server?: ExampleCertificate;
  client?: ExampleCertificate;
  /** The CA the server trusts for clients (its subject is what CertificateRequest lists). */
  clientCa?: ExampleCertificate;
}

function example(file: string, c: CertificateInfo): ExampleCertificate {
  return { file, subject: c.subject, issuer: c.issuer, notAfter: c.notAfter };
}

function kitFile(files: readonly WorkbenchFile[], path: string): { contents?: unknown; items?: DecodedItem[] } | undefined {
  return files.find((x) => x.group === "kit" && (x.data as { path?: string }).path === path)?.data as { contents?: unknown; items?: DecodedItem[] } | undefined;
}

/** The first certificate of a kit file: decoded when the kit was made, else decoded now. */
async function firstCertificate(file: { contents?: unknown; items?: DecodedItem[] }): Promise<CertificateInfo | null> {
  if (file.items) return (file.items.find((i) => i.kind === "certificate") as CertificateInfo | undefined) ?? null;
  if (typeof file.contents !== "string") return null;
  // A kit kept from an older version has no decoded items: decode it now (the worker's client loads on demand).
  const { callWorker } = await import("../../workers/client");
  const decoded = (await callWorker({ op: "decode", bytes: new TextEncoder().encode(file.contents) })).items;
  return (decoded.find((i) => i.kind === "certificate") as CertificateInfo | undefined) ?? null;
}

async function fromKit(files: readonly WorkbenchFile[]): Promise<SessionExamples | null> {
  const clientName = files.find((f) => f.group === "kit" && /^(?!server|client-ca|server-ca|client-intermediate|server-intermediate)[^/]+\.p12$/.test(f.name))?.name.replace(/\.p12$/, "") ?? "client";
  const wanted = { server: "server.crt", client: `${clientName}.crt`, clientCa: "client-ca.crt" } as const;
  const result: SessionExamples = { source: "your kit" };
  let any = false;
  for (const [role, path] of Object.entries(wanted) as [keyof typeof wanted, string][]) {
    const file = kitFile(files, path);
    if (!file) continue;
    const cert = await firstCertificate(file);
    if (cert) {
      result[role] = example(path, cert);
      any = true;
    }
  }
  return any ? result : null;
}

function fromInspected(files: readonly WorkbenchFile[]): SessionExamples | null {
  const certs = files.flatMap((f) => {
    const data = f.data as { item?: DecodedItem; items?: DecodedItem[] };
    const items = data.item ? [data.item] : (data.items ?? []);
    return items.filter((i): i is CertificateInfo => i?.kind === "certificate").map((c) => ({ file: f.name, c }));
  });
  if (certs.length === 0) return null;
  const isCa = (c: CertificateInfo) => c.basicConstraints?.ca === true;
  const server = certs.find(({ c }) => !isCa(c) && c.extendedKeyUsage.includes("serverAuth"));
  const client = certs.find(({ c }) => !isCa(c) && c.extendedKeyUsage.includes("clientAuth") && c !== server?.c);
  const clientCa = client ? certs.find(({ c }) => isCa(c) && c.subject === client.c.issuer) : undefined;
  if (!server && !client) return null;
  return {
    source: "the certificates you inspected",
    server: server && example(server.file, server.c),
    client: client && example(client.file, client.c),
    clientCa: clientCa && example(clientCa.file, clientCa.c),
  };
}

/** Examples from this visit's files, or null when there are none. A kit wins over inspected files. */
export function useSessionExamples(): SessionExamples | null {
  const files = useWorkbench().state.files;
  const [examples, setExamples] = useState<SessionExamples | null>(null);
  useEffect(() => {
    let live = true;
    const kit = files.some((f) => f.group === "kit");
    const inspected = files.filter((f) => f.group !== "kit" && (f.editor === "object" || f.editor === "bundle"));
    if (!kit) {
      setExamples(fromInspected(inspected));
      return;
    }
    fromKit(files).then(
      (e) => live && setExamples(e ?? fromInspected(inspected)),
      () => live && setExamples(fromInspected(inspected)),
    );
    return () => {
      live = false;
    };
  }, [files]);
  return examples;
}
