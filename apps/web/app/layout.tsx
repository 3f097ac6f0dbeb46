import type { ReactNode } from "react";
import "./workbench.css";

export const metadata = { title: "mTLS Lab", description: "Learn, set up and debug mutual TLS in your browser." };

/** The document around every route; the workbench itself is rendered by each view. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
