/** x509's lint warnings as lines of the Problems panel, each with its fix and Learn chapter. */
import type { LintWarning } from "@mtls-lab/x509";
import type { Problem } from "./workbench-state";

/** Problems for the warnings of one opened input; `source` groups them so reopening replaces them. */
export function lintProblems(idPrefix: string, source: string, warnings: readonly LintWarning[]): Problem[] {
  return warnings.map((w, i) => ({
    id: `${idPrefix}-lint-${i}`,
    severity: w.severity,
    source: w.file ? `${source}/${w.file}` : source,
    message: `${w.subject}: ${w.message}`,
    fix: w.fix,
    learn: w.learn,
  }));
}
