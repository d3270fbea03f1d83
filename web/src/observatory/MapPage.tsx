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
import { useCan } from '../incidents/useCan.js';
import type { Choropleth, Clusters, Emerging, HallLevels, Heatmap, Hotspots } from './api.js';
import { ChoroplethLegend, EmergingLegend, RateUnitPicker } from './AreaLegends.js';
import { FilterBar, useObservatoryFilters } from './FilterBar.js';
import { filtersQuery, incidentListQuery, type Filters, type ListPlace } from './filters.js';
import { useFigure } from './format.js';
import {
  areaData, EMERGING, EMERGING_CENTRES, emergingData, HALLS, HEAT, hallData, heatData, HOTSPOTS, hotspotData, observatoryLayers, rateColour, RATES, rateCells, rateScaleMax,
  type LayerName, type RateUnit,
} from './layers.js';
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
  const [unit, setUnit] = useState<RateUnit>('agency');
  const cells = useApi<Hotspots>(unit === 'square' ? api('hotspots', filters, `unit=cell&cellSize=${RATE_CELL}`) : null);
  const areas = useApi<Choropleth>(unit === 'square' ? null : api('choropleth', filters, `unit=${unit}`));
  const emerging = useApi<Emerging>(api('emerging', filters));
  const world = useApi<Clusters>(api('clusters', filters, WORLD));
  const ready = <T,>(remote: { state: string; data?: T }) => (remote.state === 'ready' ? remote.data : undefined);
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
      <RateUnitPicker unit={unit} onChange={setUnit} />
      <ObservatoryMap filters={filters} heat={ready(heat)} hotspots={ready(hotspots)} halls={ready(halls)} unit={unit}
        cells={unit === 'square' ? ready(cells) : undefined} areas={unit === 'square' ? undefined : ready(areas)} emerging={ready(emerging)} />
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
  unit: RateUnit;
  /** Gi* cells, whose rates make the choropleth on squares. */
  cells?: Hotspots;
  /** Agencies, communes or hexagons with their rates. */
  areas?: Choropleth;
  emerging?: Emerging;
}

type Period = { from: string; to: string };
/** The period of the answer a source shows, kept on the source for its click handler. */
type SourceWithPeriod = GeoJSONSource & { period?: Period };

function ObservatoryMap({ filters, heat, hotspots, halls, unit, cells, areas, emerging }: MapProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const figure = useFigure();
  const [map, setMap] = useState<MapLibreMap>();
  const canOpen = useCan('read_incident');
  const [visible, setVisible] = useState<Record<LayerName, boolean>>({ clusters: true, heatmap: true, rates: false, hotspots: true, emerging: false, halls: false });
  const fitted = useRef(false);
  const latest = useRef({ filters, visible, t, figure, navigate, canOpen });
  latest.current = { filters, visible, t, figure, navigate, canOpen };
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
    for (const source of [RATES, EMERGING, HEAT, HOTSPOTS, HALLS]) loaded.addSource(source, { type: 'geojson', data: empty });
    for (const layer of observatoryLayers()) loaded.addLayer(layer);
    markers.current = new PointMarkers(loaded, {
      describe: (feature) => {
        const { t: translate, figure: format } = latest.current;
        if (feature.kind === 'cluster') return { text: format(feature.count), label: translate('observatory.map.cluster', { count: feature.count }) };
        return { text: '', label: feature.incidentId === undefined ? translate('observatory.map.incidentNoId') : translate('observatory.map.incident', { id: feature.incidentId }) };
      },
      open: (id) => void latest.current.navigate(incidentPath(id)),
    });
    const openList = (place: Partial<Record<ListPlace, string | number>>, period: Period) =>
      void latest.current.navigate(`${INCIDENTS_PATH}?${incidentListQuery(latest.current.filters, period, place)}`);
    // An area opens the incident list of its agency, commune or buildings, for callers who may read incidents.
    for (const layer of [RATES, EMERGING, EMERGING_CENTRES]) {
      loaded.on('click', layer, (event) => {
        const place = event.features?.[0]?.properties.place as string | undefined;
        const period = (loaded.getSource(layer === RATES ? RATES : EMERGING) as SourceWithPeriod).period;
        if (place && period && latest.current.canOpen) openList(Object.fromEntries(new URLSearchParams(place)), period);
      });
    }
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
    for (const layer of [HOTSPOTS, HALLS, RATES, EMERGING, EMERGING_CENTRES]) {
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
    const source = map?.getSource<GeoJSONSource>(RATES) as SourceWithPeriod | undefined;
    if (!map || !source) return;
    // Partners' cells may be wider than asked: the answer gives the size used.
    const data = cells ? rateCells(cells, cells.cellSize ?? RATE_CELL) : areas ? areaData(areas) : { type: 'FeatureCollection' as const, features: [] };
    source.setData(data);
    source.period = cells?.period ?? areas?.period;
    map.setPaintProperty(RATES, 'fill-color', rateColour(rateScaleMax(data.features.map((feature) => feature.properties.rate))));
  }, [map, cells, areas]);
  useEffect(() => {
    const source = map?.getSource<GeoJSONSource>(EMERGING) as SourceWithPeriod | undefined;
    if (!source || !emerging) return;
    source.setData(emergingData(emerging));
    source.period = emerging.period;
  }, [map, emerging]);
  const rates = cells ? cells.units.map((cell) => cell.ratePer100Dwellings) : (areas?.features ?? []).map((feature) => feature.properties.ratePer100Dwellings);
  const scaleMax = rateScaleMax(rates.filter((rate): rate is number => typeof rate === 'number'));
  useEffect(() => {
    if (!map) return;
    map.setLayoutProperty(RATES, 'visibility', visible.rates ? 'visible' : 'none');
    for (const layer of [EMERGING, EMERGING_CENTRES]) map.setLayoutProperty(layer, 'visibility', visible.emerging ? 'visible' : 'none');
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
        {(['clusters', 'heatmap', 'rates', 'hotspots', 'emerging', 'halls'] as const).map((layer) => (
          <label key={layer}><input type="checkbox" checked={visible[layer]} onChange={() => toggle(layer)} /> {t(`observatory.map.${layer}`)}</label>
        ))}
      </fieldset>
      <MapView label={t('observatory.map.label')} className="map map--large observatory-map" hash="carte" onLoad={onLoad} />
      <figcaption className="map-figure__caption">
        <span className="observatory-legend observatory-legend--hot" /> {t('observatory.map.legendHot')} ·{' '}
        <span className="observatory-legend observatory-legend--cold" /> {t('observatory.map.legendCold')}
        {visible.rates && <ChoroplethLegend unit={unit} max={scaleMax} areas={areas} />}
        {visible.emerging && emerging && <EmergingLegend emerging={emerging} />}
        {(visible.rates || visible.emerging) && canOpen && unit !== 'square' && <p>{t('observatory.map.openArea')}</p>}
      </figcaption>
    </figure>
  );
}
