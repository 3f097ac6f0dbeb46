import { defineProject } from "../../tooling/vitest/shared.js";

// Browser tests share two cores with every other suite in CI: timeouts only guard against hangs.
const config = defineProject("web", { timeoutMs: 180_000 });
// expect.poll waits for the page (a worker decoding, a key being generated): 1 s by default is too short under load.
config.test = { ...config.test, expect: { poll: { timeout: 30_000, interval: 100 } } };

export default config;
