/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { ResidenceDetail } from '../shared/api.js';
import { isResidencePath, keptOffline, OFFLINE_RESIDENCES_KEY } from './domain/cachePolicy.js';
import { nearestOffline } from './domain/offlineNearest.js';
import { searchOffline, type SearchableResidence } from './domain/offlineSearch.js';
import { PREPARE_OFFLINE } from './messages.js';
import { warmUp } from './warmUp.js';
import { API_CACHE, wipeLocalData } from './wipe.js';

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The app itself (scripts, styles, icons, index.html), stored at install.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every page of the app is index.html: offline, any address of the app opens.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

// A new version takes over at once: the queue lives in IndexedDB, not in the worker.
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim().then(() => void warmUp(self.clients))));

const sameOrigin = (url: URL) => url.origin === self.location.origin;

/** The network when it answers; the kept answer when it does not (cellar, car park). */
async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(API_CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

/** Offline, the search runs over the agent's residences kept at warm-up. */
async function searchWithFallback(request: Request, url: URL): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await (await caches.open(API_CACHE)).match(OFFLINE_RESIDENCES_KEY);
    if (!kept) throw error;
    const residences = (await kept.json()) as SearchableResidence[];
    const limit = Number(url.searchParams.get('limit') ?? 20);
    return Response.json(searchOffline(residences, url.searchParams.get('q') ?? '', limit));
  }
}

/** Offline, a tap on the map snaps to the kept residences' buildings and entrances. */
async function nearestWithFallback(request: Request, url: URL): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(API_CACHE);
    const details = (await cache.keys()).filter((kept) => isResidencePath(new URL(kept.url).pathname));
    if (details.length === 0) throw error;
    const residences = await Promise.all(details.map(async (kept) => (await (await cache.match(kept))!.json()) as ResidenceDetail));
    return Response.json(nearestOffline(residences, Number(url.searchParams.get('lon')), Number(url.searchParams.get('lat'))));
  }
}

registerRoute(({ url }) => sameOrigin(url) && keptOffline(url.pathname), ({ request }) => networkFirst(request));
registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/incidents/places/nearest', ({ request, url }) => nearestWithFallback(request, url));
registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/patrimony/search', ({ request, url }) => searchWithFallback(request, url));

// After a sign-in, the agent's patrimony and the nomenclature are fetched for the field.
registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/auth/login', async ({ request }) => {
  const response = await fetch(request);
  if (response.ok) void warmUp(self.clients);
  return response;
}, 'POST');

// A logout leaves nothing behind, even when the server cannot be reached to end the session.
registerRoute(({ url }) => sameOrigin(url) && url.pathname === '/api/auth/logout', async ({ request }) => {
  try {
    return await fetch(request);
  } finally {
    await wipeLocalData();
  }
}, 'POST');

// The page asks when it opens (and the phone may have been signed in before this worker ran).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === PREPARE_OFFLINE) event.waitUntil(warmUp(self.clients));
});
