import { baseDatabase } from '../access/tenant.js';
import type { Queryable } from '../db/database.js';

/**
 * Values computed from the database and kept in memory until a version read from the database
 * moves (the roll-up triggers bump the figures version, patrimony changes the patrimony
 * version): the map's cluster indexes, the places in scope and the dashboard's figures.
 * Entries live per database beneath the request's tenant view (a process may hold several, as
 * the benchmark does), least recently used dropped beyond `maxEntries`; concurrent requests
 * for the same key and version share one computation.
 */
export interface VersionedCache<V> {
  /** The value for `key` at `version`, computed by `build` unless a value of that version is kept. */
  get(db: Queryable, key: string, version: string, build: () => Promise<V>): Promise<V>;
}

export function versionedCache<V>(maxEntries: number): VersionedCache<V> {
  const databases = new WeakMap<Queryable, { entries: Map<string, { version: string; value: V }>; building: Map<string, Promise<V>> }>();
  return {
    async get(db, key, version, build) {
      const base = baseDatabase(db);
      if (!databases.has(base)) databases.set(base, { entries: new Map(), building: new Map() });
      const { entries, building } = databases.get(base)!;
      const cached = entries.get(key);
      if (cached?.version === version) {
        entries.delete(key);
        entries.set(key, cached);
        return cached.value;
      }
      const pendingKey = `${key}@${version}`;
      const pending = building.get(pendingKey) ?? build();
      building.set(pendingKey, pending);
      try {
        const value = await pending;
        entries.delete(key);
        entries.set(key, { version, value });
        while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        return value;
      } finally {
        building.delete(pendingKey);
      }
    },
  };
}
