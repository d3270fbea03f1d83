import { ProblemError } from '../shared/api.js';
import { sendNow } from './send.js';
import { signedInUserId } from './session.js';
import { removeQueued, saveQueued, type QueuedIncident } from './store.js';
import type { CreatedIncident, IncidentDraft } from './types.js';

export type Recorded = { created: CreatedIncident } | { queued: true };

/**
 * Records an incident from the form: first on the phone (so that nothing is lost if the
 * network or the app goes away), then on the server at once when it can be reached. Without
 * network it stays queued and the queue sends it later. A refusal from the server comes back
 * to the form, which still holds the draft; it does not stay in the queue.
 */
export async function recordIncident(draft: IncidentDraft, placeLabel: string, photos: readonly File[]): Promise<Recorded> {
  const ownerId = await signedInUserId();
  if (ownerId === null) throw new ProblemError(401, 'Connexion requise (sign-in required)', []);
  const entry: QueuedIncident = {
    key: draft.idempotencyKey,
    ownerId,
    draft,
    placeLabel,
    queuedAt: new Date().toISOString(),
    photos: photos.map((photo) => ({ key: crypto.randomUUID(), blob: photo, name: photo.name, sent: false, refusal: null })),
    created: null,
    refusal: null,
  };
  await saveQueued(entry);
  const { entry: after } = await sendNow(entry);
  if (after.created) return { created: after.created };
  if (after.refusal) {
    await removeQueued(after.key);
    throw new ProblemError(after.refusal.status, after.refusal.detail, after.refusal.errors);
  }
  return { queued: true };
}
