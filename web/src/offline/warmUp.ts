/// <reference lib="webworker" />
import type { ResidenceDetail, ResidenceMap } from '../shared/api.js';
import { OFFLINE_META_KEY, OFFLINE_RESIDENCES_KEY, residencePath, WARM_UP_INTERVAL_MS, WARM_UP_PATHS } from './domain/cachePolicy.js';
import type { SearchableResidence } from './domain/offlineSearch.js';
import { OFFLINE_READY } from './messages.js';
import { API_CACHE, wipeLocalData } from './wipe.js';

/** Whose data the API cache holds, since when, and how much. */
export interface OfflineMeta {
  userId: number;
  warmedAt: number;
  residences: number;
}

const PARALLEL_FETCHES = 4;

async function keep(cache: Cache, path: string): Promise<Response> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  await cache.put(path, response.clone());
  return response;
}

async function keepResidences(cache: Cache, ids: number[]): Promise<SearchableResidence[]> {
  const summaries: SearchableResidence[] = [];
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const { buildings: _buildings, dwellings: _dwellings, ...summary } = (await (await keep(cache, residencePath(id))).json()) as ResidenceDetail;
      summaries.push(summary);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_FETCHES }, worker));
  return summaries;
}

async function readMeta(cache: Cache): Promise<OfflineMeta | null> {
  const kept = await cache.match(OFFLINE_META_KEY);
  return kept ? ((await kept.json()) as OfflineMeta) : null;
}

/**
 * Fetches what the recording form needs without signal — session, settings, nomenclature, the
 * agent's residences (the server gives only those of the agent's perimeter) with their buildings
 * and entrances — into the API cache. Another user's data is wiped first.
 */
async function fill(): Promise<OfflineMeta | null> {
  const session = await fetch('/api/auth/me', { headers: { accept: 'application/json' } }).catch(() => null);
  if (!session || session.status !== 200) return null;
  const { user } = (await session.json()) as { user: { id: number } };
  let cache = await caches.open(API_CACHE);
  const meta = await readMeta(cache);
  if (meta && meta.userId !== user.id) {
    await wipeLocalData();
    cache = await caches.open(API_CACHE);
  } else if (meta && Date.now() - meta.warmedAt < WARM_UP_INTERVAL_MS) {
    return meta;
  }
  const [, , , map] = await Promise.all(WARM_UP_PATHS.map((path) => keep(cache, path)));
  const ids = ((await map!.json()) as ResidenceMap).features.map((feature) => feature.properties.id);
  const summaries = await keepResidences(cache, ids);
  await cache.put(OFFLINE_RESIDENCES_KEY, Response.json(summaries));
  const filled: OfflineMeta = { userId: user.id, warmedAt: Date.now(), residences: summaries.length };
  await cache.put(OFFLINE_META_KEY, Response.json(filled));
  return filled;
}

let running: Promise<OfflineMeta | null> | null = null;

/** One warm-up at a time; the pages hear when the data is ready. */
export function warmUp(clients: Clients): Promise<void> {
  running ??= fill().catch(() => null).finally(() => (running = null));
  return running.then(async (meta) => {
    if (!meta) return;
    for (const client of await clients.matchAll({ type: 'window' })) client.postMessage({ type: OFFLINE_READY, residences: meta.residences });
  });
}
