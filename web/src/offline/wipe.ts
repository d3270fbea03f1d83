import { deleteOutbox, queuedIncidents } from './store.js';

/** The cache of API answers kept for offline work (the service worker fills it). */
export const API_CACHE = 'vigie-api';

/**
 * Leaves nothing of the agent's work on the phone: the queue of unsent incidents and the kept
 * API answers. Called on logout (by the page and by the service worker, whichever runs first).
 */
export async function wipeLocalData(): Promise<void> {
  await Promise.all([deleteOutbox(), caches.delete(API_CACHE)]);
}

/** How many reports recorded on this phone have not entirely reached the server. */
export async function unsentReports(): Promise<number> {
  return (await queuedIncidents()).length;
}
