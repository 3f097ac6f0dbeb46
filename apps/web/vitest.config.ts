import { defineProject } from "../../tooling/vitest/shared.js";

// Browser tests share two cores with every other suite in CI: the timeout only guards against hangs.
export default defineProject("web", { timeoutMs: 180_000 });
