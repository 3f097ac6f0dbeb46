"use client";
import Link from "next/link";
import { Workbench } from "../../workbench/workbench";

/** The Learn view (placeholder for the tutorial) with the "three ways to use this" strip. */
export function LearnView({ chapter }: { chapter?: string }) {
  return (
    <Workbench
      view="learn"
      home={
        <div className="page">
          <h1>mTLS Lab</h1>
          <p>Learn, set up and debug mutual TLS. Everything runs in this page: nothing you open or generate is uploaded.</p>
          <div className="strip">
            <div className="card">
              <strong>Learn</strong>
              The tutorial will explain mutual TLS chapter by chapter here{chapter ? ` (chapter “${chapter}”)` : ""}. It is not written into the site yet.
            </div>
            <Link href="/inspect/">
              <strong>Inspect</strong>
              Drop a certificate, key, bundle or PKCS#12 file and see what is inside.
            </Link>
            <Link href="/generate/">
              <strong>Generate</strong>
              Make a working mTLS kit: CAs, server and client certificates, nginx and client code.
            </Link>
          </div>
        </div>
      }
    />
  );
}
