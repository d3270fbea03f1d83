import type { FeatureCollection, Geometry, Point, Polygon } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { Choropleth, Emerging, HallLevels, Heatmap, Hotspots } from './api.js';

/** The observatory map's sources and layers (clusters are HTML buttons, see pointMarkers.ts). */
export const HEAT = 'observatory-heat';
export const HOTSPOTS = 'observatory-hotspots';
export const HALLS = 'observatory-halls';
export const RATES = 'observatory-rates';
export const EMERGING = 'observatory-emerging';
/** The same emerging hexagons as circles at their centres, visible at the scale of the landlord. */
export const EMERGING_CENTRES = 'observatory-emerging-centres';
export type LayerName = 'clusters' | 'heatmap' | 'rates' | 'hotspots' | 'emerging' | 'halls';
/** What the rate choropleth is drawn on: agencies, communes and hexagons from the API, or the 200 m squares of the hotspot analysis. */
export type RateUnit = 'agency' | 'commune' | 'hexagon' | 'square';

/** Metres of one degree of latitude (and of longitude at the equator). */
const DEGREE = 111_320;

/**
 * The choropleth of rates per 100 dwellings on the hotspot cells (squares of `cellSize` metres
 * around each centre, drawn in degrees at that latitude); hidden rates are not drawn.
 */
export function rateCells(cells: Hotspots, cellSize: number): FeatureCollection<Polygon, AreaProperties> {
  return {
    type: 'FeatureCollection',
    features: cells.units.flatMap((unit) => {
      if (typeof unit.ratePer100Dwellings !== 'number') return [];
      const half = { lat: cellSize / 2 / DEGREE, lon: cellSize / 2 / (DEGREE * Math.cos((unit.lat * Math.PI) / 180)) };
      const ring = [[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]].map(([x, y]) => [unit.lon + x! * half.lon, unit.lat + y! * half.lat]);
      return [{ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] }, properties: { rate: unit.ratePer100Dwellings, place: '' } }];
    }),
  };
}

/** Drawn areas: the rate (−1 when hidden from a partner) and the incident-list filter the area opens ('' for none). */
export interface AreaProperties {
  rate: number;
  place: string;
}

/** The list filter of an area: its agency, its commune, or the buildings of a hexagon. */
function placeOf(unit: Choropleth['unit'], properties: { key: string; buildingIds?: number[] }): string {
  if (unit === 'agency') return `agencyId=${properties.key}`;
  if (unit === 'commune') return `commune=${properties.key}`;
  return properties.buildingIds?.length ? `buildingIds=${properties.buildingIds.join(',')}` : '';
}

export const areaData = (answer: Choropleth): FeatureCollection<Geometry, AreaProperties> => ({
  type: 'FeatureCollection',
  features: answer.features.map((feature) => ({
    type: 'Feature',
    geometry: feature.geometry as Geometry,
    properties: { rate: typeof feature.properties.ratePer100Dwellings === 'number' ? feature.properties.ratePer100Dwellings : -1, place: placeOf(answer.unit, feature.properties) },
  })),
});

/** Emerging hexagons, each also as a point at its centre: a 125 m hexagon is a speck until zoomed in. */
export const emergingData = (answer: Emerging): FeatureCollection<Geometry, { category: string; place: string }> => ({
  type: 'FeatureCollection',
  features: answer.features.flatMap((feature) => {
    const properties = { category: feature.properties.category, place: placeOf('hexagon', feature.properties) };
    const corners = (feature.geometry.coordinates[0] as [number, number][]).slice(0, -1);
    const centre = [0, 1].map((axis) => corners.reduce((sum, corner) => sum + corner[axis]!, 0) / corners.length);
    return [
      { type: 'Feature' as const, geometry: feature.geometry as Geometry, properties },
      { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: centre }, properties },
    ];
  }),
});

/** The top of the rate colour scale: the largest rate shown, rounded up to a readable step. */
export function rateScaleMax(rates: readonly number[]): number {
  const max = Math.max(0, ...rates);
  if (max === 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

/** Rate colours from pale to dark up to `max`; hidden rates grey. */
export const RATE_RAMP = ['#fff5eb', '#fdae6b', '#e6550d', '#7f2704'] as const;
export function rateColour(max: number): ExpressionSpecification {
  return ['case', ['<', ['get', 'rate'], 0], '#bdbdbd',
    ['interpolate', ['linear'], ['get', 'rate'], 0, RATE_RAMP[0], max / 4, RATE_RAMP[1], max / 2, RATE_RAMP[2], max, RATE_RAMP[3]]];
}

/** Emerging hot spot classes: hot ones warm (newest lightest), cold ones blue, as in ArcGIS Pro's legend order. */
export const EMERGING_COLOURS: Record<string, string> = {
  new_hot_spot: '#fdd49e', consecutive_hot_spot: '#fdbb84', intensifying_hot_spot: '#b30000', persistent_hot_spot: '#e34a33',
  diminishing_hot_spot: '#fc8d59', sporadic_hot_spot: '#f768a1', oscillating_hot_spot: '#ae017e', historical_hot_spot: '#969696',
  new_cold_spot: '#deebf7', consecutive_cold_spot: '#c6dbef', intensifying_cold_spot: '#08519c', persistent_cold_spot: '#3182bd',
  diminishing_cold_spot: '#6baed6', sporadic_cold_spot: '#9ecae1', oscillating_cold_spot: '#54278f', historical_cold_spot: '#bdbdbd',
};

const EMERGING_FILL = ['match', ['get', 'category'], ...Object.entries(EMERGING_COLOURS).flat(), '#cccccc'] as never;

const points = <P>(items: readonly { lon: number; lat: number }[], properties: (index: number) => P): FeatureCollection<Point, P> => ({
  type: 'FeatureCollection',
  features: items.map((item, index) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [item.lon, item.lat] }, properties: properties(index) })),
});

export const heatData = (heat: Heatmap) => points(heat.points, (index) => ({ weight: heat.points[index]!.weight }));
export const hotspotData = (hot: Hotspots) =>
  points(hot.units.filter((unit) => unit.bin !== 0), (index) => {
    const unit = hot.units.filter((candidate) => candidate.bin !== 0)[index]!;
    return { id: unit.id, bin: unit.bin, incidents: String(unit.incidents), rate: String(unit.ratePer100Dwellings) };
  });
export const hallData = (halls: HallLevels) =>
  points(halls.entrances, (index) => {
    const hall = halls.entrances[index]!;
    return { id: hall.entranceId, level: hall.current.level, name: hall.name, residence: hall.residenceName };
  });

/** Hot in reds, cold in blues, darker with confidence (bins ±1 90 %, ±2 95 %, ±3 99 %). */
const BIN_COLOURS = ['match', ['get', 'bin'], 3, '#a50f15', 2, '#de2d26', 1, '#fc9272', -1, '#9ecae1', -2, '#3182bd', -3, '#08519c', '#cccccc'];
/** The hall level colours of the incidents pages, outlined for contrast on the base map. */
const LEVEL_COLOURS = ['match', ['get', 'level'], 'red', '#c00000', 'orange', '#e06c00', 'yellow', '#e0b000', '#2e8540'];

export function observatoryLayers(): LayerSpecification[] {
  return [
    {
      id: RATES, type: 'fill', source: RATES,
      paint: { 'fill-color': rateColour(40), 'fill-opacity': 0.6, 'fill-outline-color': 'rgba(0,0,0,0.2)' },
    },
    {
      id: EMERGING, type: 'fill', source: EMERGING, filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': EMERGING_FILL, 'fill-opacity': 0.75, 'fill-outline-color': '#444' },
    },
    {
      id: EMERGING_CENTRES, type: 'circle', source: EMERGING, filter: ['==', ['geometry-type'], 'Point'], maxzoom: 14,
      paint: { 'circle-radius': 6, 'circle-color': EMERGING_FILL, 'circle-stroke-color': '#222', 'circle-stroke-width': 1.5 } as never,
    },
    {
      id: HEAT, type: 'heatmap', source: HEAT,
      paint: {
        'heatmap-weight': ['interpolate', ['linear'], ['get', 'weight'], 0, 0, 20, 1],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 12, 15, 40],
        'heatmap-opacity': 0.75,
      },
    },
    {
      id: HOTSPOTS, type: 'circle', source: HOTSPOTS,
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 16, 12], 'circle-color': BIN_COLOURS, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } as never,
    },
    {
      id: HALLS, type: 'circle', source: HALLS, filter: ['!=', ['get', 'level'], 'green'],
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 17, 9], 'circle-color': LEVEL_COLOURS, 'circle-stroke-color': '#222', 'circle-stroke-width': 1 } as never,
    },
  ];
}
