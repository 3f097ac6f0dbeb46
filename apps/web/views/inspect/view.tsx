"use client";
/**
 * Inspect: open certificates, keys, bundles and PKCS#12 files and see what is inside. Opening is the
 * shell's (a file dropped on any view opens the same way); this view contributes its page, its side bar
 * section, pasting and its palette commands.
 */
import { useCallback, useEffect, useMemo } from "react";
import { useCommands, useWorkbench } from "../../workbench/context";
import { SideBarContribution } from "../../workbench/contribute";
import { InspectHome, InspectSideBar } from "./home";

/** Inspect's page. */
export function InspectView() {
  const { openBytes } = useWorkbench();
  const openSample = useCallback(() => {
    void fetch(`${process.env.NEXT_PUBLIC_BASE_PATH ?? ""}/samples/server.crt`)
      .then((r) => r.arrayBuffer())
      .then((b) => openBytes("sample-server.crt", new Uint8Array(b)));
  }, [openBytes]);
  useEffect(() => {
    // Pasting anywhere outside a text field opens what was pasted: PEM blocks are found inside any text.
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
      const text = e.clipboardData?.getData("text") ?? "";
      if (text.trim()) void openBytes("pasted.pem", new TextEncoder().encode(text));
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, [openBytes]);
  const commands = useMemo(
    () => [
      { id: "inspect.paste", title: "Inspect: Paste PEM…", run: () => document.getElementById("inspect-paste")?.focus() },
      { id: "inspect.sample", title: "Inspect: Open a Sample Certificate", run: openSample },
    ],
    [openSample],
  );
  useCommands(commands);
  return (
    <>
      <SideBarContribution>
        <InspectSideBar openSample={openSample} />
      </SideBarContribution>
      <InspectHome openSample={openSample} />
    </>
  );
}
