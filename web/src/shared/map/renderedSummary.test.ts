import { expect, it } from 'vitest';
import { summarizeRendered } from './renderedSummary.js';

it('counts each cluster and residence once, even when repeated across tiles', () => {
  const cluster = { cluster: true, cluster_id: 7, point_count: 12, dwellings: 340 };
  const residence = { id: 3, dwellings: 25 };
  expect(summarizeRendered([cluster, residence, cluster, { id: 4, dwellings: 1 }, residence])).toEqual({
    residences: 14,
    dwellings: 366,
    clusters: 1,
  });
});
