import { Marker, type GeoJSONSource, type Map as MapLibreMap, type GeoJSONFeature } from 'maplibre-gl';

export type DescribeCluster = (count: number) => { text: string; label: string };

interface ClusterMarker {
  marker: Marker;
  button: HTMLButtonElement;
  count: number;
}

/**
 * Cluster counts drawn as HTML buttons over the map rather than as a symbol layer: a symbol
 * layer would need glyphs from a font server, and buttons are reachable with the keyboard.
 */
export class ClusterMarkers {
  private readonly markers = new Map<number, ClusterMarker>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly sourceId: string,
    private readonly describe: DescribeCluster,
  ) {}

  /** Shows one button per rendered cluster and removes those no longer rendered. */
  sync(features: readonly GeoJSONFeature[]): void {
    const seen = new Set<number>();
    for (const { properties, geometry } of features) {
      const id = properties.cluster_id as number | undefined;
      if (!properties.cluster || id === undefined || seen.has(id) || geometry.type !== 'Point') continue;
      seen.add(id);
      const entry = this.markers.get(id) ?? this.create(id, geometry.coordinates as [number, number]);
      entry.count = properties.point_count as number;
      this.label(entry);
    }
    for (const [id, { marker }] of this.markers) {
      if (seen.has(id)) continue;
      marker.remove();
      this.markers.delete(id);
    }
  }

  /** Relabels the buttons, e.g. after a language change. */
  relabel(): void {
    for (const entry of this.markers.values()) this.label(entry);
  }

  removeAll(): void {
    for (const { marker } of this.markers.values()) marker.remove();
    this.markers.clear();
  }

  private label(entry: ClusterMarker): void {
    const { text, label } = this.describe(entry.count);
    entry.button.textContent = text;
    entry.button.setAttribute('aria-label', label);
  }

  private create(clusterId: number, position: [number, number]): ClusterMarker {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'map-cluster';
    button.dataset.clusterId = String(clusterId);
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      void this.zoomInto(clusterId, position);
    });
    const entry = { marker: new Marker({ element: button }).setLngLat(position).addTo(this.map), button, count: 0 };
    this.markers.set(clusterId, entry);
    return entry;
  }

  private async zoomInto(clusterId: number, center: [number, number]): Promise<void> {
    const source = this.map.getSource<GeoJSONSource>(this.sourceId);
    if (!source) return;
    this.map.easeTo({ center, zoom: await source.getClusterExpansionZoom(clusterId) });
  }
}
