import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { getJson, type Settings } from '../api.js';
import { baseStyle } from './style.js';

let settings: Promise<Settings> | undefined;
/** Settings change only with a redeploy: fetched once per visit. */
const loadSettings = () => (settings ??= getJson<Settings>('/api/settings').catch(() => ({ basemapUrl: null })));

interface MapViewProps {
  /** Accessible name of the map. */
  label: string;
  className?: string;
  interactive?: boolean;
  /** Adds the caller's sources and layers once the base style is loaded; returns a cleanup. */
  onLoad: (map: MapLibreMap) => void | (() => void);
}

/** A MapLibre map on Vigie's offline base style, with the optional configured basemap. */
export function MapView({ label, className, interactive = true, onLoad }: MapViewProps) {
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
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
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
  }, [interactive]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label);
  }, [label]);

  return <div ref={container} className={className} />;
}
