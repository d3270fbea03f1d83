import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ResidenceMap } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';
import { boundsOf } from '../shared/map/bounds.js';
import { ClusterMarkers, type DescribeCluster } from '../shared/map/clusterMarkers.js';
import { MapView } from '../shared/map/MapView.js';
import { summarizeRendered, type RenderedProperties, type RenderedSummary } from '../shared/map/renderedSummary.js';
import { RESIDENCE_POINTS_LAYER, RESIDENCES_SOURCE, residenceLayers, residencesSource } from './residenceLayers.js';
import { residencePath } from './paths.js';

const MAP_HASH = 'carte';
/** A view given in the URL (a shared link, or back from a residence) wins over fitting the data. */
const hasSharedView = () => new URLSearchParams(window.location.hash.slice(1)).has(MAP_HASH);

/** The patrimony map: clustered residences fitted to their extent; a click opens a residence. */
export function ResidencesMap({ data }: { data: ResidenceMap }) {
  const { t, i18n } = useTranslation();
  const formatNumber = useFormatNumber();
  const navigate = useNavigate();
  const [summary, setSummary] = useState<RenderedSummary>();
  const markers = useRef<ClusterMarkers>(undefined);
  // Decided before MapLibre writes its own view into the URL; a map rebuilt later keeps that view.
  const keepView = useRef(hasSharedView());
  const describe: DescribeCluster = (count) => ({ text: formatNumber(count), label: t('map.cluster', { count }) });
  const latestDescribe = useRef(describe);
  latestDescribe.current = describe;

  useEffect(() => markers.current?.relabel(), [i18n.language]);

  const onLoad = useCallback(
    (map: MapLibreMap) => {
      map.addSource(RESIDENCES_SOURCE, residencesSource(data));
      for (const layer of residenceLayers()) map.addLayer(layer);
      const bounds = boundsOf(data.features.map((feature) => feature.geometry.coordinates));
      if (bounds && !keepView.current) map.fitBounds(bounds, { padding: 48, maxZoom: 14, animate: false });
      keepView.current = true;

      const clusterMarkers = new ClusterMarkers(map, RESIDENCES_SOURCE, (count) => latestDescribe.current(count));
      markers.current = clusterMarkers;
      map.on('idle', () => {
        const features = map.querySourceFeatures(RESIDENCES_SOURCE);
        clusterMarkers.sync(features);
        setSummary(summarizeRendered(features.map((feature) => feature.properties as RenderedProperties)));
      });

      const popup = new Popup({ closeButton: false, closeOnClick: false, offset: 12 });
      map.on('mousemove', RESIDENCE_POINTS_LAYER, (event) => {
        const feature = event.features?.[0];
        if (!feature || feature.geometry.type !== 'Point') return;
        map.getCanvas().style.cursor = 'pointer';
        const { name, communeName } = feature.properties as { name: string; communeName: string };
        popup.setLngLat(feature.geometry.coordinates as [number, number]).setText(`${name} — ${communeName}`).addTo(map);
      });
      map.on('mouseleave', RESIDENCE_POINTS_LAYER, () => {
        map.getCanvas().style.cursor = '';
        popup.remove();
      });
      map.on('click', RESIDENCE_POINTS_LAYER, (event) => {
        const id = event.features?.[0]?.properties.id as number | undefined;
        if (id !== undefined) void navigate(residencePath(id));
      });
      return () => {
        clusterMarkers.removeAll();
        markers.current = undefined;
      };
    },
    [data, navigate],
  );

  if (data.features.length === 0) return <p>{t('map.empty')}</p>;
  return (
    <figure className="map-figure">
      <MapView label={t('map.label')} className="map map--large" hash={MAP_HASH} onLoad={onLoad} />
      <figcaption className="map-figure__caption" aria-live="polite" data-testid="map-summary"
        data-residences={summary?.residences} data-clusters={summary?.clusters}>
        {summary ? t('map.summary', { count: summary.residences, dwellings: formatNumber(summary.dwellings) }) : t('common.loading')}
      </figcaption>
    </figure>
  );
}
