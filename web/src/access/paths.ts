import { LOGIN_PATH } from '../shared/api.js';

export { LOGIN_PATH };
export const PASSWORD_PATH = '/mot-de-passe';

/** The page to go back to after sign-in: only a path of this site (never another origin). */
export function safeReturn(retour: string | null): string {
  return retour && retour.startsWith('/') && !retour.startsWith('//') && !retour.startsWith('/\\') ? retour : '/';
}

export const withReturn = (path: string, retour: string) => (retour === '/' ? path : `${path}?retour=${encodeURIComponent(retour)}`);
