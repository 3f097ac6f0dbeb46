/**
 * Fuzzy filtering for the command palette and quick open: every character of the query must appear
 * in order; earlier, contiguous and word-start matches rank higher.
 */

/** A score for `text` against `query`, or null when it does not match. Higher is better. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === "") return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === " ") continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    score += at === previous + 1 ? 5 : 1;
    if (at === 0 || /[\s\-_./:]/.test(t[at - 1] ?? "")) score += 3;
    previous = at;
    from = at + 1;
  }
  return score - t.length / 100;
}

/** Items matching `query`, best first; stable for equal scores. */
export function fuzzyFilter<T>(items: readonly T[], query: string, label: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, label(item)) }))
    .filter((x): x is { item: T; index: number; score: number } => x.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}
