export { flows, getFlow, type FlowId } from "./flows.js";
export { failureStep, knownFailureCodes, type FailureLocation, type FailureStepOptions } from "./failure-map.js";
export { compareWithFlow, handshakeSteps, type FlowComparison } from "./compare.js";
