import { expect, it } from 'vitest';
import { tenantDatabase } from '../access/tenant.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { versionedCache } from './versioned-cache.js';

describeEachEngine('versioned cache', (database) => {
  it('keeps a value across requests and their transactions until its version moves', async () => {
    const cache = versionedCache<number>(4);
    let builds = 0;
    const build = async () => ++builds;
    // Two requests, each with its own tenant view, each reading inside its own transaction.
    const first = tenantDatabase(database(), 1);
    const second = tenantDatabase(database(), 1);
    expect(await first.transaction((tx) => cache.get(tx, 'figures', 'v1', build))).toBe(1);
    expect(await second.transaction((tx) => cache.get(tx, 'figures', 'v1', build))).toBe(1);
    expect(await second.transaction((tx) => cache.get(tx, 'figures', 'v2', build))).toBe(2);
    expect(await first.transaction((tx) => cache.get(tx, 'figures', 'v2', build))).toBe(2);
    expect(builds).toBe(2);
  });

  it('drops the least recently used key beyond its size, and shares one computation between concurrent requests', async () => {
    const cache = versionedCache<string>(2);
    let builds = 0;
    const build = (value: string) => async () => (builds++, value);
    const db = tenantDatabase(database(), 1);
    const [a, b] = await Promise.all([cache.get(db, 'a', 'v1', build('a')), cache.get(db, 'a', 'v1', build('a'))]);
    expect([a, b, builds]).toEqual(['a', 'a', 1]);
    await cache.get(db, 'b', 'v1', build('b'));
    await cache.get(db, 'a', 'v1', build('a'));
    await cache.get(db, 'c', 'v1', build('c'));
    expect(builds).toBe(3);
    await cache.get(db, 'a', 'v1', build('a'));
    expect(builds).toBe(3);
    await cache.get(db, 'b', 'v1', build('b'));
    expect(builds).toBe(4);
  });
});
