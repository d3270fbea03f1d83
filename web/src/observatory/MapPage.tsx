import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { incidentPath, INCIDENTS_PATH } from '../incidents/paths.js';
import { getJson, useApi } from '../shared/api.js';
import { boundsOf } from '../shared/map/bounds.js';
import { MapView } from '../shared/map/MapView.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import type { Clusters, HallLevels, Heatmap, Hotspots } from './api.js';
import { FilterBar, useObservatoryFilters } from './FilterBar.js';
import { filtersQuery, incidentListQuery, type Filters } from './filters.js';
import { useFigure } from './format.js';
import { HALLS, HEAT, hallData, heatData, HOTSPOTS, hotspotData, observatoryLayers, RATES, rateCells, type LayerName } from './layers.js';
import { ObservatoryNav } from './ObservatoryNav.js';
import { PointMarkers } from './pointMarkers.js';
import { SuppressionNote } from './SuppressionNote.js';
import { useDashboard } from './useDashboard.js';

const api = (path: string, filters: Filters, extra = '') => `/api/observatory/${path}?${[filtersQuery(filters), extra].filter(Boolean).join('&')}`;
/** The whole world at zoom 0: every indexed incident in a handful of clusters, to count what the map holds. */
const WORLD = 'bbox=-180,-85,180,85&zoom=0';
/** Side of the choropleth's cells asked for (metres); partners get 500 m at least. */
const RATE_CELL = 200;

export function MapPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('observatory.map.title'));
  const [filters, setFilters] = useObservatoryFilters();
  const { dashboard, agencies, period } = useDashboard(filters);
  const heat = useApi<Heatmap>(api('heatmap', filters));
  const hotspots = useApi<Hotspots>(api('hotspots', filters, 'unit=building'));
  const halls = useApi<HallLevels>(api('hall-levels', filters));
  const cells = useApi<Hotspots>(api('hotspots', filters, `unit=cell&cellSize=${RATE_CELL}`));
  const world = useApi<Clusters>(api('clusters', filters, WORLD));
  return (
    <>
      <ObservatoryNav />
      <h1>{t('observatory.map.title')}</h1>
      <p className="lead">{t('observatory.map.intro')}</p>
      <FilterBar filters={filters} onChange={setFilters} agencies={agencies} period={period} />
      {dashboard.state === 'ready' && <SuppressionNote suppression={dashboard.data.suppression} />}
      <RemoteView remote={world}>
        {(total) => <MapTotal total={total} />}
      </RemoteView>
      <ObservatoryMap filters={filters} heat={heat.state === 'ready' ? heat.data : undefined}
        hotspots={hotspots.state === 'ready' ? hotspots.data : undefined} halls={halls.state === 'ready' ? halls.data : undefined}
        cells={cells.state === 'ready' ? cells.data : undefined} />
    </>
  );
}

function MapTotal({ total }: { total: Clusters }) {
  const { t } = useTranslation();
  const figure = useFigure();
  if (total.withheld) return <p className="observatory-notice">{t('observatory.map.withheld')}</p>;
  const placed = total.features.reduce((sum, feature) => sum + feature.count, 0);
  return (
    <p role="status" data-testid="map-total" data-count={placed + total.hiddenConfidential}>
      {t('observatory.map.total', { count: placed + total.hiddenConfidential, formatted: figure(placed + total.hiddenConfidential) })}
      {total.hiddenConfidential > 0 && ` (${t('observatory.map.hidden', { count: total.hiddenConfidential })})`}
    </p>
  );
}

interface MapProps {
  filters: Filters;
  heat?: Heatmap;
  hotspots?: Hotspots;
  halls?: HallLevels;
  /** Gi* cells, whose rates make the choropleth. */
  cells?: Hotspots;
}

function ObservatoryMap({ filters, heat, hotspots, halls, cells }: MapProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const figure = useFigure();
  const [map, setMap] = useState<MapLibreMap>();
  const [visible, setVisible] = useState<Record<LayerName, boolean>>({ clusters: true, heatmap: true, rates: false, hotspots: true, halls: false });
  const fitted = useRef(false);
  const latest = useRef({ filters, visible, t, figure, navigate });
  latest.current = { filters, visible, t, figure, navigate };
  const markers = useRef<PointMarkers>(undefined);

  const refreshClusters = useCallback(async (target: MapLibreMap) => {
    const { filters: current, visible: shown } = latest.current;
    if (!shown.clusters) return markers.current?.clear();
    const bounds = target.getBounds();
    const bbox = [bounds.getWest(), Math.max(bounds.getSouth(), -85), bounds.getEast(), Math.min(bounds.getNorth(), 85)].map((value) => value.toFixed(5)).join(',');
    const answer = await getJson<Clusters>(api('clusters', current, `bbox=${bbox}&zoom=${Math.floor(target.getZoom())}`)).catch(() => undefined);
    if (answer && latest.current.filters === current) markers.current?.show(answer.features);
  }, []);

  const onLoad = useCallback((loaded: MapLibreMap) => {
    const empty = { type: 'FeatureCollection' as const, features: [] };
    for (const source of [RATES, HEAT, HOTSPOTS, HALLS]) loaded.addSource(source, { type: 'geojson', data: empty });
    for (const layer of observatoryLayers()) loaded.addLayer(layer);
    markers.current = new PointMarkers(loaded, {
      describe: (feature) => {
        const { t: translate, figure: format } = latest.current;
        if (feature.kind === 'cluster') return { text: format(feature.count), label: translate('observatory.map.cluster', { count: feature.count }) };
        return { text: '', label: feature.incidentId === undefined ? translate('observatory.map.incidentNoId') : translate('observatory.map.incident', { id: feature.incidentId }) };
      },
      open: (id) => void latest.current.navigate(incidentPath(id)),
    });
    const openList = (place: { buildingId?: number; entranceId?: number }, period: { from: string; to: string }) =>
      void latest.current.navigate(`${INCIDENTS_PATH}?${incidentListQuery(latest.current.filters, period, place)}`);
    loaded.on('click', HOTSPOTS, (event) => {
      const feature = event.features?.[0];
      const period = (feature && (loaded.getSource(HOTSPOTS) as GeoJSONSource & { period?: { from: string; to: string } }).period) || undefined;
      if (feature && period) openList({ buildingId: feature.properties.id as number }, period);
    });
    loaded.on('click', HALLS, (event) => {
      const feature = event.features?.[0];
      const period = (loaded.getSource(HALLS) as GeoJSONSource & { period?: { from: string; to: string } }).period;
      if (feature && period) openList({ entranceId: feature.properties.id as number }, period);
    });
    for (const layer of [HOTSPOTS, HALLS]) {
      loaded.on('mouseenter', layer, () => (loaded.getCanvas().style.cursor = 'pointer'));
      loaded.on('mouseleave', layer, () => (loaded.getCanvas().style.cursor = ''));
    }
    loaded.on('moveend', () => void refreshClusters(loaded));
    setMap(loaded);
    return () => markers.current?.clear();
  }, [refreshClusters]);

  useEffect(() => {
    if (!map || !heat) return;
    map.getSource<GeoJSONSource>(HEAT)?.setData(heatData(heat));
    const bounds = boundsOf(heat.points.map((point) => [point.lon, point.lat]));
    if (bounds && !fitted.current) map.fitBounds(bounds, { padding: 48, maxZoom: 14, animate: false });
    fitted.current ||= bounds !== null;
  }, [map, heat]);
  useEffect(() => {
    if (!map || !hotspots) return;
    const source = map.getSource<GeoJSONSource>(HOTSPOTS) as (GeoJSONSource & { period?: unknown }) | undefined;
    source?.setData(hotspotData(hotspots));
    if (source) source.period = hotspots.period;
  }, [map, hotspots]);
  useEffect(() => {
    if (!map || !halls) return;
    const source = map.getSource<GeoJSONSource>(HALLS) as (GeoJSONSource & { period?: unknown }) | undefined;
    source?.setData(hallData(halls));
    if (source) source.period = halls.quarter;
  }, [map, halls]);
  useEffect(() => {
    if (!map || !cells) return;
    // Partners' cells may be wider than asked: the answer gives the size used.
    map.getSource<GeoJSONSource>(RATES)?.setData(rateCells(cells, cells.cellSize ?? RATE_CELL));
  }, [map, cells]);
  useEffect(() => {
    if (!map) return;
    map.setLayoutProperty(RATES, 'visibility', visible.rates ? 'visible' : 'none');
    map.setLayoutProperty(HEAT, 'visibility', visible.heatmap ? 'visible' : 'none');
    map.setLayoutProperty(HOTSPOTS, 'visibility', visible.hotspots ? 'visible' : 'none');
    map.setLayoutProperty(HALLS, 'visibility', visible.halls ? 'visible' : 'none');
    void refreshClusters(map);
  }, [map, visible, filters, refreshClusters]);

  const toggle = (layer: LayerName) => setVisible((current) => ({ ...current, [layer]: !current[layer] }));
  return (
    <figure className="map-figure">
      <fieldset className="observatory-layers">
        <legend>{t('observatory.map.layers')}</legend>
        {(['clusters', 'heatmap', 'rates', 'hotspots', 'halls'] as const).map((layer) => (
          <label key={layer}><input type="checkbox" checked={visible[layer]} onChange={() => toggle(layer)} /> {t(`observatory.map.${layer}`)}</label>
        ))}
      </fieldset>
      <MapView label={t('observatory.map.label')} className="map map--large observatory-map" hash="carte" onLoad={onLoad} />
      <figcaption className="map-figure__caption">
        <span className="observatory-legend observatory-legend--hot" /> {t('observatory.map.legendHot')} ·{' '}
        <span className="observatory-legend observatory-legend--cold" /> {t('observatory.map.legendCold')}
      </figcaption>
    </figure>
  );
}
