import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidenceDetail } from '../shared/api.js';
import { boundsOf, type Position } from '../shared/map/bounds.js';
import { MapView } from '../shared/map/MapView.js';
import { MAP_COLORS } from '../shared/map/style.js';

const point = (coordinates: Position, kind: 'residence' | 'building') => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates },
  properties: { kind },
});

/** A small static map: the buildings, and the residence position ringed above them. */
export function ResidenceMiniMap({ residence }: { residence: ResidenceDetail }) {
  const { t } = useTranslation();
  const onLoad = useCallback((map: MapLibreMap) => {
    const positions: Position[] = residence.buildings.map((b) => [b.lon, b.lat]);
    const features = residence.buildings.map((b) => point([b.lon, b.lat], 'building'));
    if (residence.lon !== null && residence.lat !== null) {
      positions.push([residence.lon, residence.lat]);
      features.unshift(point([residence.lon, residence.lat], 'residence'));
    }
    map.addSource('residence', { type: 'geojson', data: { type: 'FeatureCollection', features } });
    map.addLayer({
      id: 'building-positions', type: 'circle', source: 'residence', filter: ['==', ['get', 'kind'], 'building'],
      paint: { 'circle-radius': 5, 'circle-color': MAP_COLORS.building, 'circle-stroke-color': MAP_COLORS.residenceHalo, 'circle-stroke-width': 1.5 },
    });
    map.addLayer({
      id: 'residence-position', type: 'circle', source: 'residence', filter: ['==', ['get', 'kind'], 'residence'],
      paint: { 'circle-radius': 14, 'circle-color': MAP_COLORS.residence, 'circle-opacity': 0.2, 'circle-stroke-color': MAP_COLORS.residence, 'circle-stroke-width': 2 },
    });
    const bounds = boundsOf(positions);
    if (bounds) map.fitBounds(bounds, { padding: 40, maxZoom: 16, animate: false });
  }, [residence]);
  return <MapView label={t('map.residenceLabel', { name: residence.name })} className="map map--small" interactive={false} onLoad={onLoad} />;
}
