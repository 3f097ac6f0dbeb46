/**
 * Lines a decoded capture up against a flow: "does this real handshake follow the steps we teach?"
 */
import type { DecodedStep, Flow, FlowStep } from "../types.js";

/** The comparison of a decoded handshake with a flow. */
export interface FlowComparison {
  matches: boolean;
  /** "from:Name" (alerts as "server:Alert(116)") of the flow's steps that were matched or required. */
  expected: string[];
  /** The same for the decoded handshake steps compared. */
  actual: string[];
  /** Where it first differs, one line; absent when it matches. */
  difference?: string;
}

function labelOf(step: { from: string; name: string }, alert?: number): string {
  return alert === undefined ? `${step.from}:${step.name}` : `${step.from}:Alert(${alert})`;
}

function alertCode(step: DecodedStep): number | undefined {
  const code = step.fields["code"];
  return step.name === "Alert" && typeof code === "number" ? code : undefined;
}

/**
 * The decoded steps that make up the handshake: application data, close_notify alerts and
 * post-handshake messages (TLS 1.3 NewSessionTicket) are left out.
 */
export function handshakeSteps(steps: readonly DecodedStep[], tlsVersion: string): DecodedStep[] {
  return steps.filter((step) => {
    if (step.name === "ApplicationData") return false;
    if (step.name === "Alert" && alertCode(step) === 0) return false;
    if (tlsVersion === "TLSv1.3" && (step.name === "NewSessionTicket" || step.name === "KeyUpdate")) return false;
    return true;
  });
}

function stepMatches(flowStep: FlowStep, step: DecodedStep): boolean {
  if (flowStep.name !== step.name || flowStep.from !== step.from) return false;
  if (flowStep.name === "Certificate" && flowStep.from === "client") {
    const empty = step.fields["empty"] === true;
    if (empty !== flowStep.id.endsWith("-empty")) return false;
  }
  // An alert step names one description; other descriptions for the same reason still fit the step.
  return true;
}

/**
 * Compares the decoded handshake with `flow` in order. Optional flow steps may be missing; HTTP steps
 * and post-handshake steps of the flow are not compared.
 */
export function compareWithFlow(flow: Flow, steps: readonly DecodedStep[], tlsVersion = flow.tlsVersion): FlowComparison {
  const actualSteps = handshakeSteps(steps, tlsVersion);
  const flowSteps = flow.steps.filter((step) => !step.application && !step.postHandshake);
  const expected: string[] = [];
  let index = 0;
  for (const flowStep of flowSteps) {
    const next = actualSteps[index];
    if (next && stepMatches(flowStep, next)) {
      expected.push(labelOf(flowStep, flowStep.alert));
      index++;
    } else if (!flowStep.optional) {
      expected.push(labelOf(flowStep, flowStep.alert));
      const actual = actualSteps.map((step) => labelOf(step, alertCode(step)));
      const found = next ? labelOf(next, alertCode(next)) : "the end of the capture";
      return { matches: false, expected, actual, difference: `step ${expected.length} of ${flow.id}: expected ${labelOf(flowStep, flowStep.alert)}, found ${found}` };
    }
  }
  const actual = actualSteps.map((step) => labelOf(step, alertCode(step)));
  if (index < actualSteps.length) {
    const extra = actualSteps[index] as DecodedStep;
    return { matches: false, expected, actual, difference: `after the last step of ${flow.id}: unexpected ${labelOf(extra, alertCode(extra))}` };
  }
  return { matches: true, expected, actual };
}
