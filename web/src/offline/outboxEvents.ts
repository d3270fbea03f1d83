/** Tells every tab of the app (and this one) that the queue changed, so each shows it anew. */
const CHANNEL = 'vigie-outbox';
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
const listeners = new Set<() => void>();

channel?.addEventListener('message', () => listeners.forEach((listener) => listener()));

export function notifyOutboxChanged(): void {
  listeners.forEach((listener) => listener());
  channel?.postMessage('changed');
}

export function onOutboxChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
