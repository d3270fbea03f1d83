/** The menu's entry: it stays lit on both pages below it. */
export const ADMIN_PATH = '/administration';
export const USERS_PATH = `${ADMIN_PATH}/comptes`;
export const AUDIT_PATH = `${ADMIN_PATH}/journal`;

/** The audit log's filters as the page's address carries them (French names) and as the API takes them. */
export const AUDIT_FILTERS = [
  ['action', 'action'],
  ['objet', 'objectType'],
  ['numero', 'objectId'],
  ['utilisateur', 'user'],
  ['du', 'from'],
  ['au', 'to'],
] as const;

/** The API query of the page's address: the filters, and `avant` as the keyset cursor. */
export function auditQuery(search: URLSearchParams, withCursor: boolean): string {
  const query = new URLSearchParams();
  for (const [page, api] of AUDIT_FILTERS) {
    const value = search.get(page)?.trim();
    if (value) query.set(api, value);
  }
  const before = search.get('avant');
  if (withCursor && before) query.set('before', before);
  return query.toString();
}
