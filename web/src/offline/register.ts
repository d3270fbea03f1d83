import { OFFLINE_READY, PREPARE_OFFLINE } from './messages.js';
import { sendQueued } from './send.js';

/** How often a phone with drafts waiting tries again, besides the browser's "online" event. */
const RETRY_INTERVAL_MS = 30_000;

type ReadyListener = (residences: number) => void;
const readyListeners = new Set<ReadyListener>();
let readyResidences: number | null = null;

/** Calls `listener` with the number of residences kept offline, now if known and on each warm-up. */
export function onOfflineReady(listener: ReadyListener): () => void {
  readyListeners.add(listener);
  if (readyResidences !== null) listener(readyResidences);
  return () => readyListeners.delete(listener);
}

const sendWaiting = () => {
  if (navigator.onLine) void sendQueued().catch(() => undefined);
};

/**
 * Installs the service worker (app and field data offline), asks it to prepare the agent's
 * data, and sends the queued incidents whenever the network may be back.
 */
export function startOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string; residences?: number }>) => {
    if (event.data?.type !== OFFLINE_READY) return;
    readyResidences = event.data.residences ?? 0;
    readyListeners.forEach((listener) => listener(readyResidences!));
  });
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  const prepare = () => void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ type: PREPARE_OFFLINE }));
  prepare();
  // Back from the field: send what waits, and refresh the kept data if it has aged.
  window.addEventListener('online', () => {
    sendWaiting();
    prepare();
  });
  setInterval(sendWaiting, RETRY_INTERVAL_MS);
  sendWaiting();
}
