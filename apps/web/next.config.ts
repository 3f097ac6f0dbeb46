import type { NextConfig } from "next";

// A static export: the site is plain files that any host can serve. BASE_PATH hosts it under a sub-path.
const basePath = process.env.BASE_PATH || undefined;

const config: NextConfig = {
  output: "export",
  basePath,
  // Where the export goes (default out/): the base-path e2e builds a second export beside the first.
  distDir: process.env.NEXT_DIST_DIR || undefined,
  trailingSlash: true,
  images: { unoptimized: true },
  // The base path for the few same-origin fetches the pages make (the Inspect sample).
  env: { NEXT_PUBLIC_BASE_PATH: basePath ?? "" },
  reactStrictMode: true,
  transpilePackages: ["@mtls-lab/x509", "@mtls-lab/config", "@mtls-lab/handshake"],
};

export default config;
