"use client";
import Link from "next/link";
import type { SideDiagnosis } from "@mtls-lab/x509";
import type { HandshakeTarget } from "./handshake-link";

const verdicts: Readonly<Record<SideDiagnosis["verdict"], { text: string; badge: string }>> = {
  ok: { text: "accepted", badge: "ok" },
  rejected: { text: "rejected", badge: "error" },
  "accepted-unverified": { text: "let in unverified", badge: "warning" },
  "no-certificate": { text: "no certificate sent", badge: "warning" },
  "not-checked": { text: "not checked", badge: "" },
};

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div style={{ display: "contents" }}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** One side of a diagnosis: the verdict, what Node, nginx and curl say, the handshake step, the cause and the fix. */
export function SideResult({ side, link, nginx }: { side: SideDiagnosis; link: HandshakeTarget; nginx: boolean }) {
  const verdict = verdicts[side.verdict];
  const title = side.side === "client" ? "Client certificate, checked by the server" : "Server certificate, checked by the client";
  const href = `/handshake/?${new URLSearchParams({ flow: link.flow, step: link.step }).toString()}`;
  return (
    <section className="dg-side" aria-label={title} data-testid={`diagnosis-${side.side}`} data-verdict={side.verdict}>
      <h2>
        {title} <span className={`badge ${verdict.badge}`}>{verdict.text}</span>
      </h2>
      {side.fix && (
        <p className="dg-fix">
          <strong>Fix:</strong> {side.fix}
        </p>
      )}
      {side.cause && <p>{side.cause}</p>}
      <dl className="kv">
        {side.verdict !== "not-checked" && (
          <Row label={side.side === "client" ? (nginx ? "A Node server would report" : "Node server (authorizationError)") : "Node client"} testId={`node-${side.side}`}>
            {side.node.code ? (
              <>
                <span className="mono">{side.node.code}</span> <span className="muted">{side.node.message}</span>
              </>
            ) : (
              "no error"
            )}
          </Row>
        )}
        {side.node.whenRejecting && (
          <Row label={nginx ? "A Node client, if a Node server rejects" : "Node client, when the server rejects"}>
            <span className="mono">{side.node.whenRejecting.code}</span> <span className="muted">{side.node.whenRejecting.message}</span>
          </Row>
        )}
        {side.nginx && nginx && (
          <>
            <Row label="nginx answers" testId={`nginx-status-${side.side}`}>
              {side.nginx.status}
              {side.nginx.title ? ` "${side.nginx.title}"` : ""}
            </Row>
            <Row label="$ssl_client_verify" testId={`nginx-verify-${side.side}`}>
              <span className="mono">{side.nginx.clientVerify}</span>
            </Row>
            {side.nginx.log && (
              <Row label="nginx error log">
                <span className="mono">{side.nginx.log}</span>
              </Row>
            )}
          </>
        )}
        {side.curl && (
          <Row label="curl" testId={`curl-${side.side}`}>
            {side.curl.message ? (
              <span className="mono">
                curl: ({side.curl.exitCode}) {side.curl.message}
              </span>
            ) : side.curl.httpStatus !== undefined ? (
              `HTTP ${side.curl.httpStatus}`
            ) : (
              "no error"
            )}
          </Row>
        )}
        {side.alert && (
          <Row label="TLS alert">
            {side.alert.code} {side.alert.name} (sent by the {side.alert.sentBy})
          </Row>
        )}
        <Row label="Handshake step">
          <Link href={href}>
            {link.step} in {link.flow}
          </Link>
        </Row>
      </dl>
    </section>
  );
}
