/**
 * Which Diagnose slot a dropped file fills, by its name as Generate and the tutorial name kit files
 * (server-chain.crt, client-ca.crt, alice.key, ...); names that say nothing fill the first empty slot.
 */
import type { Slot } from "./inputs";

const ORDER: readonly Slot[] = ["serverChain", "clientChain", "serverTrustsForClients", "clientTrustsForServer", "serverKey", "clientKey"];

/** The slot for a file called `name`, given the slots already `taken`; null when every fitting slot is taken. */
export function slotForFile(name: string, taken: ReadonlySet<Slot>): Slot | null {
  const n = name.toLowerCase();
  const isKey = /\.key$|key\.pem$|-key\b/.test(n);
  let wanted: Slot[];
  if (/client[-_]?ca|clients?[-_]?root|ca[-_]?for[-_]?clients/.test(n)) wanted = ["serverTrustsForClients"];
  else if (/server[-_]?ca|ca\.(crt|pem)$|root/.test(n)) wanted = ["clientTrustsForServer"];
  else if (isKey) wanted = /server/.test(n) ? ["serverKey"] : ["clientKey", "serverKey"];
  else if (/server/.test(n)) wanted = ["serverChain"];
  // Any other certificate is a client's (kit clients are named freely: alice.crt, alice-chain.crt).
  else wanted = ["clientChain", ...ORDER.filter((s) => s !== "clientChain" && !/Key$/.test(s))];
  return wanted.find((s) => !taken.has(s)) ?? null;
}
