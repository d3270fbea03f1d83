import Supercluster from 'supercluster';
import { describe, expect, it } from 'vitest';
import { buildClusterIndex, clusterFeatures } from './clusters.js';
import type { IncidentPoint } from './repository.js';

const central = { organisationId: 1, userId: null, centralObservatory: true, managedAgencyIds: [] };
const point = (id: number, lon: number, lat: number, family: IncidentPoint['family'] = 'D'): IncidentPoint =>
  ({ id, lon, lat, family, severity: 'G2', agencyId: 7, recordedBy: null, day: 0 });
/** Forty incidents at one entrance (the same position), twenty at another one 500 m east. */
const points = [
  ...Array.from({ length: 40 }, (_, id) => point(id, 2.7, 50.2)),
  ...Array.from({ length: 20 }, (_, id) => point(100 + id, 2.707, 50.2)),
];
const world: [number, number, number, number] = [-180, -85, 180, 85];

describe('map clusters from the in-memory index', () => {
  it('counts every point once, whatever the zoom', () => {
    const { index, points: indexed, hidden } = buildClusterIndex(points, 1, central);
    expect({ indexed, hidden }).toEqual({ indexed: 60, hidden: 0 });
    for (const zoom of [0, 8, 12, 16, 17, 20]) {
      expect(clusterFeatures(index, world, zoom, true).reduce((sum, feature) => sum + feature.count, 0)).toBe(60);
    }
  });

  it('gives the expansion zoom the index computes, and past the deepest clustered zoom one more without listing the children', () => {
    const { index } = buildClusterIndex(points, 1, central);
    const reference = new Supercluster({ radius: 60, maxZoom: 17, minPoints: 2 });
    reference.load(points.map((p) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] }, properties: {} })));
    for (const zoom of [8, 12, 17]) {
      const clusters = clusterFeatures(index, world, zoom, false).filter((feature) => feature.kind === 'cluster');
      expect(clusters.length).toBeGreaterThan(0);
      for (const cluster of clusters) {
        expect(cluster.kind === 'cluster' && cluster.expansionZoom).toBe(reference.getClusterExpansionZoom(cluster.kind === 'cluster' ? cluster.clusterId : -1));
      }
    }
    expect(clusterFeatures(index, world, 17, false).map((feature) => feature.count).sort()).toEqual([20, 40]);
  });

  it('counts the attacks on staff a viewer may not see without placing them', () => {
    const staffAttack = point(500, 2.7, 50.2, 'E');
    const outsider = { organisationId: 1, userId: 9, centralObservatory: false, managedAgencyIds: [] };
    const { points: indexed, hidden } = buildClusterIndex([...points, staffAttack], 1, outsider);
    expect({ indexed, hidden }).toEqual({ indexed: 60, hidden: 1 });
  });
});
