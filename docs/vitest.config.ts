import { defineProject } from "../tooling/vitest/shared.js";

// docs: the doc-test runner (docs/test) executes the Learn chapters' runnable blocks with the built CLI.
export default defineProject("docs", { timeoutMs: 120_000 });
