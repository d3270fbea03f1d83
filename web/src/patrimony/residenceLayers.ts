import type { CircleLayerSpecification, ExpressionSpecification, GeoJSONSourceSpecification } from 'maplibre-gl';
import type { ResidenceMap } from '../shared/api.js';
import { MAP_COLORS } from '../shared/map/style.js';

export const RESIDENCES_SOURCE = 'residences';
export const RESIDENCE_POINTS_LAYER = 'residence-points';

/** Area grows with the number of dwellings (radius with its square root). */
const radiusByDwellings = (stops: number[]): ExpressionSpecification =>
  ['interpolate', ['linear'], ['sqrt', ['get', 'dwellings']], ...stops] as ExpressionSpecification;

/** Residences clustered by proximity; each cluster carries the sum of its dwellings. */
export function residencesSource(data: ResidenceMap): GeoJSONSourceSpecification {
  return {
    type: 'geojson',
    data,
    cluster: true,
    clusterRadius: 48,
    clusterMaxZoom: 13,
    clusterProperties: { dwellings: ['+', ['get', 'dwellings']] },
  };
}

export function residenceLayers(): CircleLayerSpecification[] {
  return [
    {
      id: 'residence-clusters',
      type: 'circle',
      source: RESIDENCES_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': MAP_COLORS.residence,
        'circle-opacity': 0.18,
        'circle-stroke-color': MAP_COLORS.residence,
        'circle-stroke-width': 1.5,
        'circle-radius': radiusByDwellings([0, 16, 30, 26, 100, 42]),
      },
    },
    {
      id: RESIDENCE_POINTS_LAYER,
      type: 'circle',
      source: RESIDENCES_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': MAP_COLORS.residence,
        'circle-opacity': 0.85,
        'circle-stroke-color': MAP_COLORS.residenceHalo,
        'circle-stroke-width': 1.5,
        'circle-radius': radiusByDwellings([1, 5, 10, 10, 20, 15, 40, 24]),
      },
    },
  ];
}
