import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { Clusters } from './api.js';

type Feature = Clusters['features'][number];

export interface PointActions {
  describe: (feature: Feature) => { text: string; label: string };
  /** A single incident with an id: opens it. */
  open: (incidentId: number) => void;
}

/**
 * The server's clusters and single incidents as HTML buttons over the map (no glyph server is
 * needed, and buttons are reachable with the keyboard). Each answer replaces the previous one.
 */
export class PointMarkers {
  private markers: Marker[] = [];

  constructor(private readonly map: MapLibreMap, private readonly actions: PointActions) {}

  show(features: readonly Feature[]): void {
    this.clear();
    this.markers = features.map((feature) => new Marker({ element: this.button(feature) }).setLngLat([feature.lon, feature.lat]).addTo(this.map));
  }

  clear(): void {
    for (const marker of this.markers) marker.remove();
    this.markers = [];
  }

  private button(feature: Feature): HTMLElement {
    const { text, label } = this.actions.describe(feature);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = feature.kind === 'cluster' ? 'map-cluster' : `observatory-point observatory-point--${feature.family ?? ''}`;
    button.textContent = text;
    button.setAttribute('aria-label', label);
    button.dataset.count = String(feature.count);
    if (feature.kind === 'incident' && feature.incidentId === undefined) button.disabled = true;
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      if (feature.kind === 'cluster') this.map.easeTo({ center: [feature.lon, feature.lat], zoom: feature.expansionZoom ?? this.map.getZoom() + 2 });
      else if (feature.incidentId !== undefined) this.actions.open(feature.incidentId);
    });
    return button;
  }
}
