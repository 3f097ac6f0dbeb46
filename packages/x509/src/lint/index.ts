/**
 * Lint: mTLS-specific warnings for certificates and kits, each with an id and a fix.
 */
export { lint, looksLikeLeaf, type LintOptions } from "./lint.js";
export { LintId, MAX_LEAF_DAYS, type LintWarning } from "./rules.js";
