import { defineProject } from "../../tooling/vitest/shared.js";

export default defineProject("web", { timeoutMs: 60_000 });
