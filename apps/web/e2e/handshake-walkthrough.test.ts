// The walkthrough's reducer and link settings, and the failure flows' outcome text read from packages/handshake.
import { describe, expect, it } from "vitest";
import { flows } from "@mtls-lab/handshake";
import { flowOf as flowOfIn, parseWalkthrough as parseIn, serializeWalkthrough as serializeIn, walkthroughReducer as reduceIn, type WalkthroughAction, type WalkthroughState } from "../views/handshake/walkthrough-state";

const walkthroughReducer = (s: WalkthroughState, a: WalkthroughAction) => reduceIn(flows, s, a);
const flowOf = (s: WalkthroughState) => flowOfIn(flows, s);
const parseWalkthrough = (p: URLSearchParams) => parseIn(flows, p);
const serializeWalkthrough = (s: WalkthroughState) => serializeIn(flows, s);
import { outcomeOf } from "../views/handshake/outcome";
import { fromHexString } from "../views/handshake/bytes";

const start: WalkthroughState = { flowId: "tls13-mtls", step: 0, playing: false };

describe("handshake walkthrough state", () => {
  it("steps forward and back within the flow and ignores moves past either end", () => {
    const last = flows["tls13-mtls"].steps.length - 1;
    let s = walkthroughReducer(start, { type: "previous" });
    expect(s).toBe(start);
    s = walkthroughReducer(s, { type: "next" });
    expect(s.step).toBe(1);
    s = walkthroughReducer(s, { type: "selectStep", step: last });
    expect(s.step).toBe(last);
    expect(walkthroughReducer(s, { type: "next" })).toBe(s);
    expect(walkthroughReducer(s, { type: "selectStep", step: last + 1 })).toBe(s);
    expect(walkthroughReducer(s, { type: "selectStep", step: 1.5 })).toBe(s);
  });

  it("keeps the reader at the same message when switching to a failure flow", () => {
    const at = flows["tls13-mtls"].steps.findIndex((x) => x.id === "client-certificate");
    const s = walkthroughReducer({ ...start, step: at }, { type: "selectFlow", flowId: "tls13-rejected-client" });
    expect(s.flowId).toBe("tls13-rejected-client");
    expect(flowOf(s).steps[s.step]!.id).toBe("client-certificate");
    expect(walkthroughReducer(s, { type: "selectFlow", flowId: "no-such-flow" })).toBe(s);
    // The failure flow without a client certificate has the empty Certificate in its place.
    const none = walkthroughReducer(s, { type: "selectFlow", flowId: "tls13-no-client-cert" });
    expect(flowOf(none).steps[none.step]!.id).toBe("client-certificate-empty");
  });

  it("plays to the end and stops; playing from the end starts over", () => {
    let s = walkthroughReducer(start, { type: "play" });
    expect(s.playing).toBe(true);
    for (let i = 0; i < 100; i++) s = walkthroughReducer(s, { type: "tick" });
    expect(s.playing).toBe(false);
    expect(s.step).toBe(flows["tls13-mtls"].steps.length - 1);
    s = walkthroughReducer(s, { type: "play" });
    expect(s.step).toBe(0);
    expect(walkthroughReducer({ ...s, playing: false }, { type: "tick" }).step).toBe(0);
  });

  it("round-trips flow and step through the query string, falling back on unknown values", () => {
    const s = parseWalkthrough(new URLSearchParams("flow=tls12-mtls&step=client-certificate-verify"));
    expect(flowOf(s).steps[s.step]!.id).toBe("client-certificate-verify");
    expect(serializeWalkthrough(s).toString()).toBe("flow=tls12-mtls&step=client-certificate-verify");
    expect(parseWalkthrough(new URLSearchParams("flow=<script>&step=nope"))).toEqual(start);
    expect(serializeWalkthrough(start).toString()).toBe("step=client-hello");
  });

  it("failure flows show what client and server print, from the flow data", () => {
    const none = outcomeOf(flows["tls13-no-client-cert"], flows["tls13-mtls"]);
    expect(none.failure).toBe(true);
    expect(none.stepFailure?.client).toContain("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED");
    expect(none.ending).toMatch(/^Alert: 116 certificate_required/);
    const rejected = outcomeOf(flows["tls12-rejected-client"], flows["tls12-mtls"]);
    expect(rejected.stepFailure?.server).toContain("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect(outcomeOf(flows["nginx-on-no-client-cert"], flows["tls13-mtls"]).ending).toContain("400 No required SSL certificate was sent");
    expect(outcomeOf(flows["tls13-mtls"], flows["tls13-mtls"]).failure).toBe(false);
  });

  it("reads the decoder's hex", () => {
    expect(Array.from(fromHexString("16030100ff"))).toEqual([0x16, 0x03, 0x01, 0x00, 0xff]);
    expect(Array.from(fromHexString("16zz"))).toEqual([0x16]);
  });
});
