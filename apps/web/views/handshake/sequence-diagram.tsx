"use client";
/**
 * A flow as a sequence diagram: one lifeline per peer, one arrow per message. Plaintext arrows are dashed,
 * encrypted ones blue and solid, alerts red. Steps after the current one are muted, the current one fades
 * in (a CSS animation that prefers-reduced-motion turns off) and is scrolled into view when selected.
 */
import { useEffect, useRef } from "react";
import type { Flow, FlowStep } from "@mtls-lab/handshake";

const ROW = 30;
const TOP = 44;

/** The diagram's peers: nginx flows name the server nginx and add the upstream application. */
export function lifelinesOf(flow: Flow): { client: string; server: string; upstream?: string } {
  return flow.id.startsWith("nginx") ? { client: "Client", server: "nginx", upstream: "Upstream app" } : { client: "Client", server: "Server" };
}

function kindOf(step: FlowStep): string {
  if (step.name === "Alert") return "alert";
  if (step.application) return "http";
  return step.encrypted ? "encrypted" : "plain";
}

export interface SequenceDiagramProps {
  flow: Flow;
  current: number;
  /** Selecting a message by clicking its arrow (the step list is the keyboard way). */
  onSelect?: (index: number) => void;
  /** The small variant of the bottom panel. */
  compact?: boolean;
}

/** The SVG sequence diagram of `flow` with step `current` highlighted. */
export function SequenceDiagram({ flow, current, onSelect, compact }: SequenceDiagramProps) {
  const peers = lifelinesOf(flow);
  const width = peers.upstream ? 640 : 520;
  const x = { client: 70, server: peers.upstream ? 380 : 450, upstream: 580 };
  const height = TOP + flow.steps.length * ROW + 16;
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    // The last steps (an Alert) sit below the fold on short screens: bring the selected arrow into view.
    if (compact) return;
    svg.current?.querySelector('[data-state="current"] .seq-arrow')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [compact, current, flow.id]);
  const label = `${flow.title}: ${flow.steps.length} messages; message ${current + 1}, ${flow.steps[current]?.name ?? ""}, is selected.`;
  return (
    <svg
      ref={svg}
      className={`seq${compact ? " seq-compact" : ""}`}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid={compact ? "sequence-diagram-small" : "sequence-diagram"}
      style={compact ? { width: "100%", maxWidth: width * 0.7, height: "auto" } : { width: "100%", maxWidth: width, height: "auto" }}
    >
      <title>{label}</title>
      <defs>
        <marker id={`arrow${compact ? "-s" : ""}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M0 0L10 5L0 10z" fill="context-stroke" />
        </marker>
      </defs>
      {(["client", "server", "upstream"] as const).map((peer) =>
        peers[peer] ? (
          <g key={peer} className="seq-peer">
            <rect x={x[peer] - 52} y={6} width={104} height={24} rx={4} />
            <text x={x[peer]} y={22} textAnchor="middle">
              {peers[peer]}
            </text>
            <line x1={x[peer]} y1={30} x2={x[peer]} y2={height - 6} />
          </g>
        ) : null,
      )}
      {flow.steps.map((step, i) => {
        const y = TOP + i * ROW + ROW / 2;
        const from = x[step.from];
        const to = step.from === "client" ? x.server : x.client;
        const state = i < current ? "done" : i === current ? "current" : "later";
        return (
          <g
            key={`${flow.id}-${step.id}-${i}`}
            className={`seq-step seq-${kindOf(step)}`}
            data-state={state}
            data-optional={step.optional || undefined}
            data-plaintext={!step.encrypted || undefined}
            data-step={step.id}
            onClick={onSelect ? () => onSelect(i) : undefined}
          >
            <rect className="seq-hit" x={0} y={y - ROW / 2} width={width} height={ROW} />
            <line className="seq-arrow" x1={from} y1={y + 6} x2={to} y2={y + 6} markerEnd={`url(#arrow${compact ? "-s" : ""})`} />
            <text x={(from + to) / 2} y={y} textAnchor="middle">
              {step.name}
              {step.optional ? " (optional)" : ""}
            </text>
            {step.application && peers.upstream && step.name.endsWith("200") && (
              <line className="seq-arrow seq-upstream" x1={x.server} y1={y + 6} x2={x.upstream} y2={y + 6} markerEnd={`url(#arrow${compact ? "-s" : ""})`} />
            )}
          </g>
        );
      })}
    </svg>
  );
}
