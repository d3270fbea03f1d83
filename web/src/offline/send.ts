import { csrfHeaders } from '../shared/api.js';
import { deliveryOf, type Delivery } from './domain/delivery.js';
import { notifyOutboxChanged } from './outboxEvents.js';
import { signedInUserId } from './session.js';
import { queuedIncident, queuedIncidents, removeQueued, saveQueued, type QueuedIncident, type QueuedPhoto, type Refusal } from './store.js';
import type { CreatedIncident } from './types.js';

/** An answer, or `offline` when the request never got one (no network, connection cut). */
type Answer = { delivery: Delivery; status: number; payload: unknown } | { delivery: 'offline' };

async function post(path: string, init: { body: BodyInit; headers: Record<string, string> }): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: init.body, headers: { accept: 'application/json', ...csrfHeaders(), ...init.headers } });
  } catch {
    return { delivery: 'offline' };
  }
  const payload: unknown = await response.json().catch(() => ({}));
  return { delivery: deliveryOf(response.status), status: response.status, payload };
}

function refusalOf(status: number, payload: unknown): Refusal {
  const problem = payload as { detail?: string; title?: string; errors?: Refusal['errors'] };
  return { status, detail: problem.detail ?? problem.title ?? String(status), errors: problem.errors ?? [] };
}

const postIncident = (entry: QueuedIncident) =>
  post('/api/incidents', { body: JSON.stringify(entry.draft), headers: { 'content-type': 'application/json' } });

function postPhoto(incidentId: number, photo: QueuedPhoto): Promise<Answer> {
  const form = new FormData();
  form.append('photo', photo.blob, photo.name);
  return post(`/api/incidents/${incidentId}/photos`, { body: form, headers: { 'idempotency-key': photo.key } });
}

/** Why a pass over the queue stopped early: the next attempt waits for the network or a sign-in. */
export type Halt = 'offline' | 'signin' | 'later';

/**
 * Sends one queued incident, then its photos, saving progress after each request so that a
 * closed app or a cut connection resumes where it was. A refusal is kept on the entry.
 */
async function deliver(entry: QueuedIncident): Promise<{ halt: Halt | null; entry: QueuedIncident }> {
  if (!entry.created) {
    const answer = await postIncident(entry);
    if (answer.delivery === 'conflict') {
      entry = { ...entry, refusal: refusalOf(answer.status, answer.payload) };
      await saveQueued(entry);
      return { halt: null, entry };
    }
    if (answer.delivery !== 'done') return { halt: answer.delivery, entry };
    entry = { ...entry, created: answer.payload as CreatedIncident };
    await saveQueued(entry);
  }
  const incidentId = entry.created!.incident.id;
  for (const [index, photo] of entry.photos.entries()) {
    if (photo.sent || photo.refusal) continue;
    const answer = await postPhoto(incidentId, photo);
    if (answer.delivery === 'offline' || answer.delivery === 'signin' || answer.delivery === 'later') return { halt: answer.delivery, entry };
    const photos = entry.photos.with(index, answer.delivery === 'done' ? { ...photo, sent: true } : { ...photo, refusal: refusalOf(answer.status, answer.payload) });
    entry = { ...entry, photos };
    await saveQueued(entry);
  }
  if (entry.photos.every((photo) => photo.sent)) await removeQueued(entry.key);
  return { halt: null, entry };
}

/** One pass at a time across the app's tabs: two tabs must not send the same draft at once. */
async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await navigator.locks.request('vigie-outbox', async () => {
    result = await work();
  });
  return result as T;
}

/**
 * Sends every waiting entry of the signed-in user, oldest first, until the queue is empty or
 * the network fails.
 */
export function sendQueued(): Promise<Halt | null> {
  return exclusively(async () => {
    try {
      const waiting = (await queuedIncidents()).filter((entry) => !entry.refusal);
      if (waiting.length === 0) return null;
      const userId = await signedInUserId();
      if (userId === null) return 'signin';
      for (const entry of waiting.filter((candidate) => candidate.ownerId === userId)) {
        const { halt } = await deliver(entry);
        if (halt) return halt;
      }
      return null;
    } finally {
      notifyOutboxChanged();
    }
  });
}

/** Sends one entry now (the form's submission); answers the entry as it then stands. */
export function sendNow(entry: QueuedIncident): Promise<{ halt: Halt | null; entry: QueuedIncident }> {
  return exclusively(async () => {
    try {
      // Another tab may have sent it meanwhile.
      const current = await queuedIncident(entry.key);
      return current ? await deliver(current) : { halt: null, entry };
    } finally {
      notifyOutboxChanged();
    }
  });
}
