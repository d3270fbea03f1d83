import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, type Settings } from '../api.js';
import { baseStyle } from './style.js';

// MapLibre cannot find its worker inside a bundle: Vite emits it as an asset of our own.
setWorkerUrl(workerUrl);

let settings: Promise<Settings> | undefined;
/** Settings change only with a redeploy: fetched once per visit. */
const loadSettings = () => (settings ??= getJson<Settings>('/api/settings').catch(() => ({ basemapUrl: null })));

interface MapViewProps {
  /** Accessible name of the map. */
  label: string;
  className?: string;
  interactive?: boolean;
  /** Keeps the view in the URL fragment under this name (`#name=zoom/lat/lon`), to share or return to it. */
  hash?: string;
  /** Adds the caller's sources and layers once the base style is loaded; returns a cleanup. */
  onLoad: (map: MapLibreMap) => void | (() => void);
}

/** A MapLibre map on Vigie's offline base style, with the optional configured basemap. */
export function MapView({ label, className, interactive = true, hash, onLoad }: MapViewProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap>(undefined);
  const latest = useRef({ onLoad, label });
  latest.current = { onLoad, label };

  useEffect(() => {
    let map: MapLibreMap | undefined;
    let cleanup: void | (() => void);
    let cancelled = false;
    void loadSettings().then(({ basemapUrl }) => {
      if (cancelled || !container.current) return;
      map = new MapLibreMap({
        container: container.current,
        style: baseStyle(basemapUrl),
        center: [2.35, 46.6],
        zoom: 4.5,
        interactive,
        hash: hash ?? false,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        locale: { 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut') },
      });
      if (interactive) map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      mapRef.current = map;
      map.getCanvas().setAttribute('aria-label', latest.current.label);
      map.once('load', () => {
        if (map) cleanup = latest.current.onLoad(map);
      });
    });
    return () => {
      cancelled = true;
      cleanup?.();
      map?.remove();
      mapRef.current = undefined;
    };
    // MapLibre reads its control labels once: a new language means a new map.
  }, [interactive, hash, i18n.language]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label);
  }, [label]);

  return <div ref={container} className={className} />;
}
