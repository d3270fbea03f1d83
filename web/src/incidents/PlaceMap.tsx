import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidenceMap } from '../shared/api.js';
import { boundsOf, type Position } from '../shared/map/bounds.js';
import { MapView } from '../shared/map/MapView.js';
import { MAP_COLORS } from '../shared/map/style.js';

const PICKED_SOURCE = 'picked-place';
const pointCollection = (position: Position | null) => ({
  type: 'FeatureCollection' as const,
  features: position ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: position }, properties: {} }] : [],
});

interface PlaceMapProps {
  residences: ResidenceMap;
  /** The snapped place, ringed on the map, which centres on it. */
  picked: Position | null;
  onTap: (lon: number, lat: number) => void;
}

/** Rings the picked place and centres on it, close enough to tell one entrance from the next. */
function showPicked(map: MapLibreMap, picked: Position | null): void {
  (map.getSource(PICKED_SOURCE) as GeoJSONSource | undefined)?.setData(pointCollection(picked));
  if (!picked) return;
  map.jumpTo({ center: picked, zoom: Math.max(map.getZoom(), 17) });
  map.getContainer().dataset.centre = picked.join(',');
}

/** The residences on a map; a tap hands its coordinates over, to be snapped by the API. */
export function PlaceMap({ residences, picked, onTap }: PlaceMapProps) {
  const { t } = useTranslation();
  const mapRef = useRef<MapLibreMap>(undefined);
  const latest = useRef({ onTap, picked });
  latest.current = { onTap, picked };

  const onLoad = useCallback((map: MapLibreMap) => {
    map.addSource('incident-residences', { type: 'geojson', data: residences });
    map.addLayer({
      id: 'incident-residences', type: 'circle', source: 'incident-residences',
      paint: { 'circle-radius': 5, 'circle-color': MAP_COLORS.residence, 'circle-stroke-color': MAP_COLORS.residenceHalo, 'circle-stroke-width': 1.5 },
    });
    map.addSource(PICKED_SOURCE, { type: 'geojson', data: pointCollection(null) });
    map.addLayer({
      id: PICKED_SOURCE, type: 'circle', source: PICKED_SOURCE,
      paint: { 'circle-radius': 10, 'circle-color': MAP_COLORS.building, 'circle-opacity': 0.35, 'circle-stroke-color': MAP_COLORS.building, 'circle-stroke-width': 3 },
    });
    const bounds = boundsOf(residences.features.map((feature) => feature.geometry.coordinates));
    if (bounds) map.fitBounds(bounds, { padding: 24, maxZoom: 16, animate: false });
    map.on('click', (event) => latest.current.onTap(event.lngLat.lng, event.lngLat.lat));
    mapRef.current = map;
    // A place may have been found (search, position) while the map was loading.
    showPicked(map, latest.current.picked);
    return () => {
      mapRef.current = undefined;
    };
  }, [residences]);

  useEffect(() => {
    if (mapRef.current) showPicked(mapRef.current, picked);
  }, [picked]);

  return <MapView label={t('incidents.place.mapLabel')} className="map incident-map" onLoad={onLoad} />;
}
