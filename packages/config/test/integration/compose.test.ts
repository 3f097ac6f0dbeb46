/**
 * docker compose: no engine runs on the test machines, so the emitted compose file is checked structurally:
 * parsed as YAML (PyYAML when python3 has it, else our own line check), its mounts read-only and pointing at
 * files that exist, nginx's ports published and the app's not. `docker compose config` runs when available.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { containerCertDir, emit, ProfileName, VerifyMode } from "../../src/index.js";
import { fileOf, writeFiles } from "../helpers/files.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";

const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const hasPyYaml = (await run(python, ["-c", "import yaml"])).code === 0;
// The compose CLI validates a file offline, with no engine: the docker plugin when present, else Debian's
// docker-compose 1.29 (scripts/setup.sh --system installs it).
const composeCli: [string, ...string[]] =
  (await run("docker", ["compose", "version"], { timeoutMs: 10_000 })).code === 0 ? ["docker", "compose"] : ["docker-compose"];

interface ComposeFile {
  services: Record<string, { image?: string; ports?: string[]; volumes?: string[]; expose?: string[]; depends_on?: string[] }>;
}

/** Parses with PyYAML (safe_load) into JSON. */
async function parseYaml(text: string): Promise<ComposeFile> {
  const result = await run(python, ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"], { input: text });
  if (result.code !== 0) throw new Error(`YAML does not parse: ${result.stderr}`);
  return JSON.parse(result.stdout) as ComposeFile;
}

/** Our own fallback: two-space indentation, keys or list items on every non-comment line. */
function checkLines(text: string): void {
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const indent = line.length - line.trimStart().length;
    expect(indent % 2, `line ${index + 1}: ${line}`).toBe(0);
    expect(line.trimStart(), `line ${index + 1}`).toMatch(/^(- "[^"]*"( #.*)?|- [a-z]+|[a-z_]+:( .*)?)$/);
  }
}

describe("compose target (structural: no docker engine here)", () => {
  let kit: TestKit;
  let out: { path: string; cleanup: () => void };
  beforeAll(async () => {
    kit = await makeTestKit();
    out = tempDir("mtls-lab-config-compose-");
  });
  afterAll(() => {
    out?.cleanup();
    kit?.cleanup();
  });

  for (const profile of Object.values(ProfileName)) {
    for (const verify of Object.values(VerifyMode)) {
      it(`${profile} ${verify}: parses, mounts the kit read-only, publishes only nginx`, async () => {
        const result = emit("compose", { paths: kit.paths, profile, verify, listen: 9443, httpListen: 9080, upstream: "http://127.0.0.1:3000" });
        const yaml = fileOf(result, "compose/compose.yaml");
        checkLines(yaml);
        const conf = fileOf(result, "compose/nginx/mtls.conf");
        expect(conf).toContain(`ssl_verify_client ${verify};`);
        expect(conf).toContain("proxy_pass http://app:3000;");
        if (!hasPyYaml) return;
        const compose = await parseYaml(yaml);
        expect(Object.keys(compose.services).sort()).toEqual(["app", "nginx"]);
        const nginx = compose.services.nginx;
        expect(nginx?.ports).toEqual(["9443:9443", "9080:9080"]);
        expect(nginx?.depends_on).toEqual(["app"]);
        expect(compose.services.app?.ports).toBeUndefined();
        expect(compose.services.app?.expose).toEqual(["3000"]);
        const volumes = nginx?.volumes ?? [];
        expect(volumes.length).toBe(4);
        for (const volume of volumes) {
          const [host, container, mode] = volume.split(":");
          expect(mode, volume).toBe("ro");
          if (host === "./nginx/mtls.conf") continue;
          expect(existsSync(host ?? ""), volume).toBe(true);
          expect(container?.startsWith(`${containerCertDir}/`)).toBe(true);
          // The conf names each mounted file at its container path; the CA keys never enter the container.
          expect(conf).toContain(container);
          expect(host).not.toMatch(/-ca\.key$/);
        }
      });
    }
  }

  it("docker compose config accepts the file and refuses a broken one (client only, offline)", async () => {
    const dir = join(out.path, "cli");
    writeFiles(emit("compose", { paths: kit.paths }), dir);
    const file = join(dir, "compose", "compose.yaml");
    const [command, ...args] = composeCli;
    const result = await run(command, [...args, "-f", file, "config", "--quiet"], { timeoutMs: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // The check can fail: the same file with its top-level key misspelt is refused.
    const broken = join(dir, "compose", "broken.yaml");
    writeFileSync(broken, readFileSync(file, "utf8").replace(/^services:/m, "servicez:"));
    expect((await run(command, [...args, "-f", broken, "config", "--quiet"], { timeoutMs: 60_000 })).code).not.toBe(0);
  });
});
