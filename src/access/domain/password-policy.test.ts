import { describe, expect, it } from 'vitest';
import { passwordErrors } from './password-policy.js';

const messages = (password: string, email = 'marie.dupont@habitat.fr') => passwordErrors(password, email).map((error) => error.message);

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordErrors('cheval correct agrafe pile', 'marie.dupont@habitat.fr')).toEqual([]);
  });

  it('counts characters, not bytes, against the 12 minimum', () => {
    expect(messages('éléphantrose')).toEqual([]);
    expect(messages('éléphantros')).toHaveLength(1);
    expect(messages('éléphantros')[0]).toMatch(/12/);
  });

  it('refuses common passwords whatever their case, and repeated patterns', () => {
    expect(messages('AZERTYUIOP123')[0]).toMatch(/courant/);
    expect(messages('MotDePasse123')[0]).toMatch(/courant/);
    expect(messages('abcabcabcabc')[0]).toMatch(/courant/);
    expect(messages('zzzzzzzzzzzzzzzz')[0]).toMatch(/courant/);
  });

  it('refuses a password containing the email’s local part, and names the field', () => {
    expect(passwordErrors('x-Marie.Dupont-2025', 'marie.dupont@habitat.fr')).toEqual([
      { field: 'password', message: "Ne doit pas contenir l'adresse e-mail (must not contain the email)" },
    ]);
    expect(passwordErrors('short', 'a@b.fr', 'newPassword').map((error) => error.field)).toEqual(['newPassword']);
  });
});
