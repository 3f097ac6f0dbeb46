import { defineConfig } from "vitest/config";

/**
 * One vitest shape for every workspace package: tests beside the code and in test/,
 * workspace packages resolved to their TypeScript source through the "source" export condition
 * (so a test never needs a stale build of a sibling package).
 */
export function defineProject(name: string, options: { timeoutMs?: number; setupFiles?: string[] } = {}) {
  return defineConfig({
    resolve: { conditions: ["source"] },
    ssr: { resolve: { conditions: ["source"] } },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts", "lib/**/*.test.ts", "e2e/**/*.test.ts"],
      testTimeout: options.timeoutMs ?? 30_000,
      hookTimeout: 120_000,
      setupFiles: options.setupFiles ?? [],
    },
  });
}
