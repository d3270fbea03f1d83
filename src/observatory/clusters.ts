import Supercluster, { type ClusterProperties } from 'supercluster';
import type { Queryable } from '../db/database.js';
import { canViewIncident, type Viewer } from '../incidents/domain/confidentiality.js';
import type { ObservatoryFilter, Scope } from './filters.js';
import { figuresVersion, incidentPoints, type IncidentPoint } from './repository.js';
import { versionedCache } from './versioned-cache.js';

/**
 * Server-built map clusters (PGlite has no ST_AsMVT): one supercluster index per organisation,
 * perimeter, viewer and filter, kept in memory and rebuilt when the organisation's figures
 * version has moved (the roll-up triggers bump it on every change to counted incidents).
 */
interface PointProperties {
  id: number;
  family: string;
  severity: string;
}

interface Entry {
  index: Supercluster<PointProperties>;
  points: number;
  /** Confidential incidents (attacks on staff) the viewer may not see: counted, never placed. */
  hidden: number;
}

/** Who reads the map: the scope of the figures, and the viewer the confidentiality rule judges. */
export interface MapReader {
  scope: Scope;
  viewer: Viewer;
}

/** Per database, then per reader and filter, 32 at most. */
const indexes = versionedCache<Entry>(32);

const CLUSTER_OPTIONS = { radius: 60, maxZoom: 17, minPoints: 2 } as const;

/** Viewers who see the same confidential incidents share an index. */
const visibilityKey = (viewer: Viewer) => (viewer.centralObservatory ? 'all' : `${[...viewer.managedAgencyIds].sort()}|${viewer.userId}`);

const keyOf = ({ scope, viewer }: MapReader, filter: ObservatoryFilter) =>
  `${scope.organisationId}|${JSON.stringify(scope.perimeter)}|${visibilityKey(viewer)}|${JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)))}`;

/**
 * The index of the points a viewer may see (no I/O): what a map request reads from once built.
 * Confidential incidents the viewer may not see are only counted.
 */
export function buildClusterIndex(points: IncidentPoint[], organisationId: number, viewer: Viewer): Entry {
  const visible = points.filter((point) => canViewIncident(viewer, { organisationId, ...point }));
  const index = new Supercluster<PointProperties>(CLUSTER_OPTIONS);
  index.load(visible.map((point) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [point.lon, point.lat] },
    properties: { id: point.id, family: point.family, severity: point.severity },
  })));
  return { index, points: visible.length, hidden: points.length - visible.length };
}

async function build(db: Queryable, reader: MapReader, filter: ObservatoryFilter): Promise<Entry> {
  return buildClusterIndex(await incidentPoints(db, reader.scope, filter), reader.scope.organisationId, reader.viewer);
}

/** The index for this reader and filter, rebuilt if the figures changed since it was built. */
export async function clusterIndex(db: Queryable, reader: MapReader, filter: ObservatoryFilter): Promise<Entry> {
  const version = await figuresVersion(db, reader.scope.organisationId);
  return indexes.get(db, keyOf(reader, filter), String(version), () => build(db, reader, filter));
}

export type BoundingBox = [west: number, south: number, east: number, north: number];

/**
 * The zoom at which a cluster splits. At the deepest clustered zoom it can only be one more: asking
 * the index would list every child (thousands of incidents at one entrance) to find it.
 */
function expansionZoom(index: Supercluster<PointProperties>, clusterId: number, zoom: number): number {
  return zoom >= CLUSTER_OPTIONS.maxZoom ? CLUSTER_OPTIONS.maxZoom + 1 : index.getClusterExpansionZoom(clusterId);
}

/** Clusters and single incidents of a viewport, from a built index (no I/O); single incidents carry their id only when asked. */
export function clusterFeatures(index: Supercluster<PointProperties>, bbox: BoundingBox, zoom: number, withIds: boolean) {
  return index.getClusters(bbox, zoom).map((feature) => {
    const [lon, lat] = feature.geometry.coordinates as [number, number];
    const properties = feature.properties as Partial<ClusterProperties> & Partial<PointProperties>;
    if (properties.cluster) {
      return { kind: 'cluster' as const, lon, lat, count: properties.point_count!, clusterId: properties.cluster_id!, expansionZoom: expansionZoom(index, properties.cluster_id!, zoom) };
    }
    return { kind: 'incident' as const, lon, lat, count: 1, ...(withIds ? { incidentId: properties.id! } : {}), family: properties.family!, severity: properties.severity! };
  });
}

/** Clusters and single incidents of a viewport; single incidents carry their id only for readers of incident records. */
export async function clustersIn(db: Queryable, reader: MapReader, filter: ObservatoryFilter, bbox: BoundingBox, zoom: number, withIds: boolean) {
  const { index, points, hidden } = await clusterIndex(db, reader, filter);
  return { zoom, bbox, indexedPoints: points, hiddenConfidential: hidden, features: clusterFeatures(index, bbox, zoom, withIds) };
}
