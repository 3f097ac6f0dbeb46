/**
 * The walkthrough's state as a pure reducer: which flow, which step, playing or not. Settings come from
 * and go to the query string (`?flow=tls13-mtls&step=client-certificate`), so a link reproduces the view.
 * The flows are an argument: the page reads packages/handshake's `flows` at build time and hands them
 * over as data, so the route's JavaScript does not carry the package (the 250 KB first-load budget).
 */
import type { Flow } from "@mtls-lab/handshake";

export const DEFAULT_FLOW = "tls13-mtls";

/** The flows by id, as packages/handshake exports them. */
export type FlowCatalog = Readonly<Record<string, Flow>>;

function getFlow(flows: FlowCatalog, id: string): Flow | undefined {
  return Object.prototype.hasOwnProperty.call(flows, id) ? flows[id] : undefined;
}

function defaultFlow(flows: FlowCatalog): Flow {
  const flow = flows[DEFAULT_FLOW] ?? Object.values(flows)[0];
  if (!flow) throw new Error("walkthrough: no flows given");
  return flow;
}

export interface WalkthroughState {
  flowId: string;
  /** Index into the flow's steps; -1 before the first step. */
  step: number;
  playing: boolean;
}

export type WalkthroughAction =
  | { type: "selectFlow"; flowId: string }
  | { type: "selectStep"; step: number }
  | { type: "next" }
  | { type: "previous" }
  | { type: "play" }
  | { type: "pause" }
  /** One tick of the animation: the next step, or stop at the end. */
  | { type: "tick" };

/** The flow of a state (the default flow when the id is unknown). */
export function flowOf(flows: FlowCatalog, state: WalkthroughState): Flow {
  return getFlow(flows, state.flowId) ?? defaultFlow(flows);
}

/** Flows for the switch: the two full handshakes first, then each failure or variant. */
export function flowOptions(flows: FlowCatalog): { id: string; title: string; tlsVersion: string }[] {
  return Object.values(flows).map((f) => ({ id: f.id, title: f.title, tlsVersion: f.tlsVersion }));
}

/** The state a link describes; unknown flows and steps fall back to the default flow and the first step. */
export function parseWalkthrough(flows: FlowCatalog, params: URLSearchParams): WalkthroughState {
  const flow = getFlow(flows, params.get("flow") ?? "") ?? defaultFlow(flows);
  const stepId = params.get("step");
  const index = stepId === null ? 0 : flow.steps.findIndex((s) => s.id === stepId);
  return { flowId: flow.id, step: Math.max(0, index), playing: false };
}

/** The query string for a state (the default flow is left out). */
export function serializeWalkthrough(flows: FlowCatalog, state: WalkthroughState): URLSearchParams {
  const params = new URLSearchParams();
  const flow = flowOf(flows, state);
  if (flow.id !== DEFAULT_FLOW) params.set("flow", flow.id);
  const step = flow.steps[state.step];
  if (step) params.set("step", step.id);
  return params;
}

/** Applies one action to a walkthrough of `flows`; returns `state` itself when the action does not apply. */
export function walkthroughReducer(flows: FlowCatalog, state: WalkthroughState, action: WalkthroughAction): WalkthroughState {
  const count = flowOf(flows, state).steps.length;
  switch (action.type) {
    case "selectFlow": {
      const flow = getFlow(flows, action.flowId);
      if (!flow || flow.id === state.flowId) return state;
      // Keep the reader at the same message when the new flow has it (switching success <-> failure):
      // the same step, else the same message from the same peer (the empty client Certificate).
      const current = flowOf(flows, state).steps[state.step];
      let same = flow.steps.findIndex((s) => s.id === current?.id);
      if (same < 0) same = flow.steps.findIndex((s) => s.name === current?.name && s.from === current?.from && !s.postHandshake);
      return { flowId: flow.id, step: same >= 0 ? same : 0, playing: false };
    }
    case "selectStep":
      if (!Number.isInteger(action.step) || action.step < 0 || action.step >= count || action.step === state.step) return state;
      return { ...state, step: action.step, playing: false };
    case "next":
      return state.step + 1 < count ? { ...state, step: state.step + 1, playing: false } : state;
    case "previous":
      return state.step > 0 ? { ...state, step: state.step - 1, playing: false } : state;
    case "play":
      if (state.playing) return state;
      // Playing from the last step starts over.
      return { ...state, playing: true, step: state.step >= count - 1 ? 0 : state.step };
    case "pause":
      return state.playing ? { ...state, playing: false } : state;
    case "tick":
      if (!state.playing) return state;
      return state.step + 1 < count ? { ...state, step: state.step + 1 } : { ...state, playing: false };
    default:
      return state;
  }
}
