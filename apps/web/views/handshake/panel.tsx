"use client";
/**
 * The Handshake panel of the bottom panel: the mTLS handshake in small beside any view, one glance away.
 * Loaded on demand with its flow data; the arrows step through on their own unless reduced motion is asked for.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { flows } from "@mtls-lab/handshake";
import { SequenceDiagram } from "./sequence-diagram";
import "./handshake.css";

const CHOICES = ["tls13-mtls", "tls12-mtls"] as const;

/** The small diagram with a TLS version switch and a link to the full walkthrough. */
export default function HandshakePanel() {
  const [flowId, setFlowId] = useState<(typeof CHOICES)[number]>("tls13-mtls");
  const [step, setStep] = useState(0);
  const flow = flows[flowId];
  useEffect(() => {
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    const timer = setInterval(() => setStep((s) => (s + 1) % flow.steps.length), 1500);
    return () => clearInterval(timer);
  }, [flow]);
  const current = flow.steps[step] ?? flow.steps[0]!;
  return (
    <div className="hs-panel" data-testid="handshake-panel">
      <div className="field-row">
        {CHOICES.map((id) => (
          <button key={id} type="button" className="btn-link" aria-pressed={flowId === id} onClick={() => (setFlowId(id), setStep(0))}>
            {flows[id].tlsVersion === "TLSv1.3" ? "TLS 1.3" : "TLS 1.2"}
          </button>
        ))}
        <Link href={`/handshake/?flow=${flowId}&step=${current.id}`}>Open in Handshake</Link>
      </div>
      <SequenceDiagram flow={flow} current={step} onSelect={setStep} compact />
    </div>
  );
}
