/**
 * Every `mtls-lab` command, one export line each. Registering a command = adding its line here;
 * the registry (../registry.ts) picks up every export and help lists it.
 */
export { inspect } from "./inspect.js";
export { kit } from "./kit.js";
export { configCommand } from "./config.js";
export { verify } from "./verify.js";
export { explain } from "./explain.js";
export { diagnoseCommand } from "./diagnose.js";
export { serve } from "./serve.js";
export { app } from "./app.js";
export { request } from "./request.js";
export { up } from "./up.js";
export { lintCommand } from "./lint.js";
export { revoke, crl } from "./revoke.js";
export { p12 } from "./p12.js";
export { probe } from "./probe.js";
export { ocsp } from "./ocsp.js";
