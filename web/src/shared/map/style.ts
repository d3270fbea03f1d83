import type { StyleSpecification } from 'maplibre-gl';

export const MAP_COLORS = {
  background: '#eef1f6',
  residence: '#000091',
  residenceHalo: '#ffffff',
  building: '#c9191e',
} as const;

/**
 * The map style is built here rather than fetched: a plain background, then (when the
 * deployment configures one) a raster basemap such as IGN Plan. No glyphs or sprites are
 * declared, so the map never calls the internet on its own.
 */
export function baseStyle(basemapUrl: string | null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.background } }],
  };
  if (basemapUrl) {
    style.sources.basemap = { type: 'raster', tiles: [basemapUrl], tileSize: 256, maxzoom: 19 };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  return style;
}
