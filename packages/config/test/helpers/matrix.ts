/** Every target x profile x verify mode, with fixed kit paths (what the snapshots and the scan read). */
import { emit, kitPaths, ProfileName, targets, VerifyMode, type EmitInput, type EmitResult, type TargetId } from "../../src/index.js";

const names = ["server-ca.crt", "client-ca.crt", "server.crt", "server.key", "server-chain.crt", "client.crt", "client.key", "client-chain.crt", "client.p12"];
/** A kit under a fixed directory, so snapshots do not depend on temp paths. */
export const fixedPaths = kitPaths({ files: names.map((name) => ({ name, role: "serverCa" as const })) }, "/etc/mtls-lab/kit");

export interface Case {
  target: TargetId;
  profile: ProfileName;
  verify: VerifyMode;
  result: EmitResult;
}

export function matrixInput(target: TargetId, profile: ProfileName, verify: VerifyMode): EmitInput {
  return {
    paths: fixedPaths,
    profile,
    verify,
    ...(target === "nginx-forward" ? { upstream: "https://api.internal.test:9443/" } : {}),
  };
}

export function everyCase(): Case[] {
  const cases: Case[] = [];
  for (const { id } of targets) {
    for (const profile of Object.values(ProfileName)) {
      for (const verify of Object.values(VerifyMode)) {
        cases.push({ target: id, profile, verify, result: emit(id, matrixInput(id, profile, verify)) });
      }
    }
  }
  return cases;
}
