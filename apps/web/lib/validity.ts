/** The expiry badge of a certificate summary, from the decoder's dates and flags. */

export const ValidityBadge = { valid: "valid", expiring: "expiring", expired: "expired", notYetValid: "not yet valid" } as const;
export type ValidityBadge = (typeof ValidityBadge)[keyof typeof ValidityBadge];

/** 30 days: the warning window most monitoring (and Let's Encrypt's expiry mail) uses. */
export const EXPIRING_DAYS = 30;

const DAY = 24 * 60 * 60 * 1000;

/** The badge for a validity period at time `now`. */
export function validityBadge(notBefore: string, notAfter: string, now: Date): ValidityBadge {
  const start = Date.parse(notBefore);
  const end = Date.parse(notAfter);
  if (now.getTime() < start) return ValidityBadge.notYetValid;
  if (now.getTime() > end) return ValidityBadge.expired;
  return end - now.getTime() <= EXPIRING_DAYS * DAY ? ValidityBadge.expiring : ValidityBadge.valid;
}

/** Whole days between two ISO dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY);
}
