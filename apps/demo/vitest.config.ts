import { defineProject } from "../../tooling/vitest/shared.js";

export default defineProject("demo", { timeoutMs: 60_000 });
