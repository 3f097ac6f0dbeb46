/**
 * Arrow-key movement in lists and trees (explorer, palette, ASN.1 tree), as pure functions of the
 * current index so components only dispatch the result.
 */

export const NavKey = { up: "ArrowUp", down: "ArrowDown", home: "Home", end: "End", left: "ArrowLeft", right: "ArrowRight" } as const;

/** The next index in a list of `count` items for `key`, or `index` unchanged for other keys. */
export function moveIndex(index: number, count: number, key: string): number {
  if (count <= 0) return -1;
  switch (key) {
    case NavKey.up:
      return Math.max(0, index - 1);
    case NavKey.down:
      return Math.min(count - 1, index + 1);
    case NavKey.home:
      return 0;
    case NavKey.end:
      return count - 1;
    default:
      return Math.min(Math.max(index, 0), count - 1);
  }
}
