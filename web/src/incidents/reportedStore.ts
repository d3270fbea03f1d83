import { parseReported, withReported } from './domain/reported.js';

/**
 * Until accounts exist, "my reports" are the incidents recorded from this browser: their ids
 * are kept in its local storage (ids only, nothing of the facts).
 */
const STORAGE_KEY = 'vigie.incidents.reported';

export const reportedIds = (): number[] => parseReported(localStorage.getItem(STORAGE_KEY));

export function rememberReported(id: number): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(withReported(reportedIds(), id)));
}
