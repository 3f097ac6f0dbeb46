"use client";
import { PlaceholderView } from "../placeholder";

/** The Handshake view (placeholder until it is built). */
export function HandshakeView() {
  return <PlaceholderView view="handshake" plan="Walks through the TLS 1.2 and 1.3 handshakes with client authentication, message by message, and shows where each failure happens." />;
}
