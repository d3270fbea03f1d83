import { useEffect, useState } from 'react';
import { onOutboxChanged } from './outboxEvents.js';
import { onOfflineReady } from './register.js';
import { queuedIncidents, type QueuedIncident } from './store.js';

/** The incidents queued on this phone, kept current across tabs. */
export function useOutbox(): QueuedIncident[] {
  const [entries, setEntries] = useState<QueuedIncident[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => void queuedIncidents().then((all) => live && setEntries(all), () => undefined);
    load();
    const stop = onOutboxChanged(load);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return entries;
}

/** Whether the browser believes it has a network. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** How many residences the service worker keeps for offline work (null until it says). */
export function useOfflineReady(): number | null {
  const [residences, setResidences] = useState<number | null>(null);
  useEffect(() => onOfflineReady(setResidences), []);
  return residences;
}
