import type { ReactNode } from "react";

export const metadata = { title: "mTLS Lab", description: "Learn, set up and debug mutual TLS in your browser." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
