/**
 * The entry point: one target or all of them, from one typed input.
 */
import { emitApache } from "./emit/apache.js";
import { emitCaddy } from "./emit/caddy.js";
import { emitCompose } from "./emit/compose.js";
import { emitCurl } from "./emit/curl.js";
import { emitGo } from "./emit/go.js";
import { emitHaproxy } from "./emit/haproxy.js";
import { emitJava } from "./emit/java.js";
import { emitKubernetes } from "./emit/kubernetes.js";
import { emitNginxForward } from "./emit/nginx-forward.js";
import { emitNginxReverse } from "./emit/nginx-reverse.js";
import { emitNodeClient } from "./emit/node-client.js";
import { emitNodeServer } from "./emit/node-server.js";
import { emitPython } from "./emit/python.js";
import { resolveInput } from "./resolve.js";
import { getTarget, targets } from "./targets.js";
import type { EmitInput, EmitResult, ResolvedInput, TargetId } from "./types.js";

const emitters: Record<TargetId, (input: ResolvedInput) => EmitResult> = {
  "nginx-reverse": emitNginxReverse,
  "nginx-forward": emitNginxForward,
  "node-server": emitNodeServer,
  "node-client": emitNodeClient,
  curl: emitCurl,
  java: emitJava,
  python: emitPython,
  go: emitGo,
  compose: emitCompose,
  haproxy: emitHaproxy,
  caddy: emitCaddy,
  apache: emitApache,
  kubernetes: emitKubernetes,
};

/**
 * Emits the files of one target. Throws ConfigError (one line naming the field) for a bad input, such as a
 * client target without a client certificate; risky but working combinations come back as `warnings` and
 * as comments inside the files.
 */
export function emit(target: TargetId, input: EmitInput): EmitResult {
  const info = getTarget(target);
  const why = info.needsClientCertificate ? ` (${info.id} presents the client certificate)` : ` (${info.id} reads it)`;
  const resolved = resolveInput(input, info.reads, why);
  const result = emitters[info.id](resolved);
  return { files: result.files, warnings: result.warnings.map((w) => `${info.id}: ${w}`) };
}

/**
 * Emits every target into one file set (paths do not collide: each target has its own folder).
 * The forward proxy is skipped with a warning unless `upstream` is an https URL (the server it calls).
 */
export function emitAll(input: EmitInput): EmitResult {
  const files: EmitResult["files"] = [];
  const warnings: string[] = [];
  for (const target of targets) {
    if (target.id === "nginx-forward" && !input.upstream?.startsWith("https:")) {
      warnings.push("nginx-forward: skipped, it needs upstream (the https URL of the mTLS server it calls)");
      continue;
    }
    const result = emit(target.id, input);
    files.push(...result.files);
    warnings.push(...result.warnings);
  }
  return { files, warnings };
}
