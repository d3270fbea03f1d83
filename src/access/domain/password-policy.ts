import type { FieldError } from '../../core/errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * Password policy after ANSSI, « Recommandations relatives à l'authentification multifacteur et
 * aux mots de passe » (v2.0, 2021): a minimum length rather than composition rules, a refusal
 * of common passwords, no forced periodic renewal. With the account lockout of Vigie, 12
 * characters also exceed the entropy the CNIL asks for (délibération n° 2022-100, case with
 * access restriction).
 */
export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the hashing work an attacker can request. */
export const MAX_PASSWORD_LENGTH = 256;

const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

export function passwordErrors(password: string, email: string, field = 'password'): FieldError[] {
  const length = [...password].length;
  const lowered = normalise(password);
  const localPart = normalise(email).split('@')[0] ?? '';
  const problems: string[] = [];
  if (length < MIN_PASSWORD_LENGTH) problems.push(`Au moins ${MIN_PASSWORD_LENGTH} caractères (at least ${MIN_PASSWORD_LENGTH} characters)`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`Au plus ${MAX_PASSWORD_LENGTH} caractères (at most ${MAX_PASSWORD_LENGTH} characters)`);
  if (COMMON_PASSWORDS.has(lowered) || isRepetition(lowered)) problems.push('Mot de passe trop courant (too common a password)');
  if (localPart.length >= 3 && lowered.includes(localPart)) problems.push("Ne doit pas contenir l'adresse e-mail (must not contain the email)");
  return problems.map((message) => ({ field, message }));
}

/** "aaaaaaaaaaaa", "abcabcabcabc": one short pattern repeated. */
function isRepetition(text: string): boolean {
  for (let size = 1; size <= 4; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true;
  }
  return false;
}
