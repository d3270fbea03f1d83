import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A session token: 256 random bits, base64url in the cookie. */
export const newSessionToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its sha256, so a leaked table yields no usable cookie. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The CSRF token of a session, derived from the session token (which is HttpOnly): a page of
 * another origin can neither read the cookie nor compute the token (signed double-submit).
 */
export const csrfTokenFor = (sessionToken: string) => createHmac('sha256', sessionToken).update('vigie-csrf').digest('base64url');

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A one-time password: 18 random bytes = 24 base64url characters (144 bits). */
export const newOneTimePassword = () => randomBytes(18).toString('base64url');
