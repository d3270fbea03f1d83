/** Messages between the app's pages and its service worker. */
export const PREPARE_OFFLINE = 'vigie-prepare-offline';
export const OFFLINE_READY = 'vigie-offline-ready';
