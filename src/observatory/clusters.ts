import Supercluster, { type ClusterProperties } from 'supercluster';
import type { Queryable } from '../db/database.js';
import type { ObservatoryFilter } from './filters.js';
import { figuresVersion, incidentPoints } from './repository.js';

/**
 * Server-built map clusters (PGlite has no ST_AsMVT): one supercluster index per organisation
 * and filter, kept in memory and rebuilt when the organisation's figures version has moved
 * (the roll-up triggers bump it on every change to counted incidents).
 */
interface PointProperties {
  id: number;
  family: string;
  severity: string;
}

interface Entry {
  version: number;
  index: Supercluster<PointProperties>;
  points: number;
}

const MAX_INDEXES = 32;
/** Per database (a process may hold several, as the benchmark does), then per organisation and filter. */
const databases = new WeakMap<Queryable, { indexes: Map<string, Entry>; building: Map<string, Promise<Entry>> }>();

const CLUSTER_OPTIONS = { radius: 60, maxZoom: 17, minPoints: 2 } as const;

const keyOf = (organisationId: number, filter: ObservatoryFilter) =>
  `${organisationId}|${JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)))}`;

async function build(db: Queryable, organisationId: number, filter: ObservatoryFilter, version: number): Promise<Entry> {
  const points = await incidentPoints(db, organisationId, filter);
  const index = new Supercluster<PointProperties>(CLUSTER_OPTIONS);
  index.load(points.map((point) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [point.lon, point.lat] },
    properties: { id: point.id, family: point.family, severity: point.severity },
  })));
  return { version, index, points: points.length };
}

/** The index for this filter, rebuilt if the figures changed since it was built. */
export async function clusterIndex(db: Queryable, organisationId: number, filter: ObservatoryFilter): Promise<Entry> {
  const key = keyOf(organisationId, filter);
  if (!databases.has(db)) databases.set(db, { indexes: new Map(), building: new Map() });
  const { indexes, building } = databases.get(db)!;
  const version = await figuresVersion(db, organisationId);
  const cached = indexes.get(key);
  if (cached && cached.version === version) {
    indexes.delete(key);
    indexes.set(key, cached);
    return cached;
  }
  const pending = building.get(`${key}@${version}`) ?? build(db, organisationId, filter, version);
  building.set(`${key}@${version}`, pending);
  try {
    const entry = await pending;
    indexes.delete(key);
    indexes.set(key, entry);
    while (indexes.size > MAX_INDEXES) indexes.delete(indexes.keys().next().value!);
    return entry;
  } finally {
    building.delete(`${key}@${version}`);
  }
}

export type BoundingBox = [west: number, south: number, east: number, north: number];

export async function clustersIn(db: Queryable, organisationId: number, filter: ObservatoryFilter, bbox: BoundingBox, zoom: number) {
  const { index, points } = await clusterIndex(db, organisationId, filter);
  const features = index.getClusters(bbox, zoom).map((feature) => {
    const [lon, lat] = feature.geometry.coordinates as [number, number];
    const properties = feature.properties as Partial<ClusterProperties> & Partial<PointProperties>;
    return properties.cluster
      ? { kind: 'cluster' as const, lon, lat, count: properties.point_count!, clusterId: properties.cluster_id!, expansionZoom: index.getClusterExpansionZoom(properties.cluster_id!) }
      : { kind: 'incident' as const, lon, lat, count: 1, incidentId: properties.id!, family: properties.family!, severity: properties.severity! };
  });
  return { zoom, bbox, indexedPoints: points, features };
}
