import { defineConfig } from "vitest/config";

// Every package and app is a vitest project with its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "docs"],
  },
});
