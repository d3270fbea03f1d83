const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

/** Refuses any key a store could resolve outside its root ("..", absolute paths, odd characters). */
export function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key) || key.includes('..')) throw new Error(`Invalid attachment key: ${key}`);
  return key;
}

/** One key per stored file: the organisation first, so a tenant's files can be listed or moved together. */
export function attachmentKey(organisationId: number, ...parts: (string | number)[]): string {
  return checkKey([`org-${organisationId}`, ...parts.map(String)].join('/'));
}
