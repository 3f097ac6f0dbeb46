#!/usr/bin/env node
// The built CLI lives in dist/; this shim exists before the first build so pnpm can link the bin.
// It stays plain JavaScript that any Node parses, so an old Node gets one line instead of a syntax error:
// asn1js 4 (under @mtls-lab/x509) needs Node 20.19 or later (package.json "engines").
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`mtls-lab: needs Node 20.19 or later, this is Node ${process.versions.node}\n`);
  process.exit(1);
}
import("../dist/main.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/main.js")) {
    process.stderr.write("mtls-lab: not built yet: run `npm start` or `pnpm build` first\n");
    process.exit(2);
  }
  throw error;
});
