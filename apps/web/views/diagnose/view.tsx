"use client";
import { PlaceholderView } from "../placeholder";

/** The Diagnose view (placeholder until it is built). */
export function DiagnoseView() {
  return <PlaceholderView view="diagnose" plan="Takes your certificates, chain and error message, says why the handshake fails, and gives the fix first." />;
}
