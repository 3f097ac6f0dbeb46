/** The workbench's views, in activity-bar order. */
export const ViewId = {
  learn: "learn",
  handshake: "handshake",
  inspect: "inspect",
  generate: "generate",
  diagnose: "diagnose",
} as const;
export type ViewId = (typeof ViewId)[keyof typeof ViewId];
