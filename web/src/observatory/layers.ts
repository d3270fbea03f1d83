import type { FeatureCollection, Point, Polygon } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { HallLevels, Heatmap, Hotspots } from './api.js';

/** The observatory map's sources and layers (clusters are HTML buttons, see pointMarkers.ts). */
export const HEAT = 'observatory-heat';
export const HOTSPOTS = 'observatory-hotspots';
export const HALLS = 'observatory-halls';
export const RATES = 'observatory-rates';
export type LayerName = 'clusters' | 'heatmap' | 'rates' | 'hotspots' | 'halls';

/** Metres of one degree of latitude (and of longitude at the equator). */
const DEGREE = 111_320;

/**
 * The choropleth of rates per 100 dwellings on the hotspot cells (squares of `cellSize` metres
 * around each centre, drawn in degrees at that latitude); hidden rates are not drawn.
 */
export function rateCells(cells: Hotspots, cellSize: number): FeatureCollection<Polygon, { rate: number }> {
  return {
    type: 'FeatureCollection',
    features: cells.units.flatMap((unit) => {
      if (typeof unit.ratePer100Dwellings !== 'number') return [];
      const half = { lat: cellSize / 2 / DEGREE, lon: cellSize / 2 / (DEGREE * Math.cos((unit.lat * Math.PI) / 180)) };
      const ring = [[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]].map(([x, y]) => [unit.lon + x! * half.lon, unit.lat + y! * half.lat]);
      return [{ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] }, properties: { rate: unit.ratePer100Dwellings } }];
    }),
  };
}

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
      paint: {
        'fill-color': ['interpolate', ['linear'], ['get', 'rate'], 0, '#fff5eb', 5, '#fdae6b', 15, '#e6550d', 40, '#7f2704'],
        'fill-opacity': 0.6,
        'fill-outline-color': 'rgba(0,0,0,0.15)',
      },
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
