/**
 * The package runs in the browser too (the site decodes captures client-side): no Node built-ins, no
 * process or Buffer in src.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [join(dir, entry.name)] : [],
  );
}

test("src imports no Node built-in and uses no Node global", () => {
  const files = sourceFiles(new URL("../src", import.meta.url).pathname);
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    expect(text, file).not.toMatch(/from\s+["']node:|require\(|\bprocess\.|\bBuffer\b/);
  }
});
