/**
 * The bundled sample captures, copied from packages/handshake/samples at build time: a static route
 * handler writes each as out/handshake/samples/NAME.json, fetched by "Open the sample capture".
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const dynamic = "force-static";
export const dynamicParams = false;

/** packages/handshake/samples, from apps/web (next build) or the repository root. */
function samplesDir(): string {
  const cwd = process.cwd();
  const atRoot = join(cwd, "packages", "handshake", "samples");
  return existsSync(atRoot) ? atRoot : join(cwd, "..", "..", "packages", "handshake", "samples");
}

export function generateStaticParams(): { name: string }[] {
  const dir = samplesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /^[a-z0-9-]+\.json$/.test(n))
    .map((name) => ({ name }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await params;
  const text = readFileSync(join(samplesDir(), name), "utf8");
  return new Response(text, { headers: { "content-type": "application/json" } });
}
