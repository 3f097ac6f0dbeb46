import { defineProject } from "../../tooling/vitest/shared.js";

export default defineProject("handshake");
