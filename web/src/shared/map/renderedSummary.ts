/** The properties MapLibre gives a rendered feature of a clustered residence source. */
export interface RenderedProperties {
  cluster?: boolean;
  cluster_id?: number;
  point_count?: number;
  id?: number;
  dwellings?: number;
}

export interface RenderedSummary {
  residences: number;
  dwellings: number;
  clusters: number;
}

/**
 * Totals over the features a clustered source has rendered. A feature spanning several
 * tiles is returned once per tile, so clusters and residences are counted once by id.
 */
export function summarizeRendered(features: readonly RenderedProperties[]): RenderedSummary {
  const clusters = new Map<number, RenderedProperties>();
  const residences = new Map<number, RenderedProperties>();
  for (const feature of features) {
    if (feature.cluster && feature.cluster_id !== undefined) clusters.set(feature.cluster_id, feature);
    else if (feature.id !== undefined) residences.set(feature.id, feature);
  }
  const sum = (items: Iterable<RenderedProperties>, value: (item: RenderedProperties) => number) =>
    [...items].reduce((total, item) => total + value(item), 0);
  return {
    residences: residences.size + sum(clusters.values(), (cluster) => cluster.point_count ?? 0),
    dwellings: sum(residences.values(), (r) => r.dwellings ?? 0) + sum(clusters.values(), (c) => c.dwellings ?? 0),
    clusters: clusters.size,
  };
}
