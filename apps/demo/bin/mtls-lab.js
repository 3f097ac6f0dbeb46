#!/usr/bin/env node
// The built CLI lives in dist/; this shim exists before the first build so pnpm can link the bin.
import("../dist/main.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/main.js")) {
    process.stderr.write("mtls-lab: not built yet: run `npm start` or `pnpm build` first\n");
    process.exit(2);
  }
  throw error;
});
