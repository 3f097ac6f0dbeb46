import type { ReactNode } from "react";
import { Shell } from "../workbench/shell";
import "./workbench.css";

export const metadata = { title: "mTLS Lab", description: "Learn, set up and debug mutual TLS in your browser." };
export const viewport = { width: "device-width", initialScale: 1 };

/** The document around every route, with the workbench shell built once: navigation swaps only the view inside it. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Shell>{children}</Shell>
      </body>
    </html>
  );
}
