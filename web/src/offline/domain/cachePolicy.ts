/**
 * The API answers a phone keeps for work without signal: the session, the nomenclature and the
 * agent's patrimony (the server already restricts these to the agent's perimeter). Incident
 * lists and records are never kept: other people's reports stay on the server.
 */
const KEPT_OFFLINE = [
  /^\/api\/auth\/me$/,
  /^\/api\/settings$/,
  /^\/api\/incidents\/categories$/,
  /^\/api\/patrimony\/map\/residences$/,
  /^\/api\/patrimony\/residences\/\d+$/,
];

export const keptOffline = (pathname: string): boolean => KEPT_OFFLINE.some((pattern) => pattern.test(pathname));

/** What the warm-up fetches before the residences' details. */
export const WARM_UP_PATHS = ['/api/auth/me', '/api/settings', '/api/incidents/categories', '/api/patrimony/map/residences'] as const;

export const residencePath = (id: number) => `/api/patrimony/residences/${id}`;
export const isResidencePath = (pathname: string) => /^\/api\/patrimony\/residences\/\d+$/.test(pathname);

/** Address, in the API cache, of the residences' summaries the offline search reads. */
export const OFFLINE_RESIDENCES_KEY = '/offline/residences.json';
/** Address, in the API cache, of whose data the cache holds and when it was filled. */
export const OFFLINE_META_KEY = '/offline/meta.json';
/** A warm-up less than this old is fresh enough: no new one on every page load. */
export const WARM_UP_INTERVAL_MS = 10 * 60_000;
