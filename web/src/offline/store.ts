import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CreatedIncident, IncidentDraft } from './types.js';

/** A refusal the agent must see, as the API worded it. */
export interface Refusal {
  status: number;
  detail: string;
  errors: { field: string; message: string }[];
}

export interface QueuedPhoto {
  /** Sent as the Idempotency-Key header: a retry answers with the photo already stored. */
  key: string;
  blob: Blob;
  name: string;
  sent: boolean;
  refusal: Refusal | null;
}

/** An incident recorded on this phone and not yet entirely on the server, with its photos. */
export interface QueuedIncident {
  /** The incident's idempotency key, also the entry's key. */
  key: string;
  /** Who recorded it: only their session sends it (a phone may change hands). */
  ownerId: number;
  draft: IncidentDraft;
  /** What the form showed for the place (the draft holds only its id). */
  placeLabel: string;
  queuedAt: string;
  photos: QueuedPhoto[];
  /** Set once the server has recorded the incident; the photos follow. */
  created: CreatedIncident | null;
  refusal: Refusal | null;
}

interface OutboxSchema extends DBSchema {
  incidents: { key: string; value: QueuedIncident };
}

export const OUTBOX_DATABASE = 'vigie-outbox';

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(OUTBOX_DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore('incidents', { keyPath: 'key' });
    },
    // A wipe (logout) in another tab or in the service worker: let it delete the database.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      opened = null;
    },
    terminated() {
      opened = null;
    },
  });
  return opened;
}

export async function queuedIncidents(): Promise<QueuedIncident[]> {
  const all = await (await database()).getAll('incidents');
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function queuedIncident(key: string): Promise<QueuedIncident | undefined> {
  return (await database()).get('incidents', key);
}

export async function saveQueued(entry: QueuedIncident): Promise<void> {
  await (await database()).put('incidents', entry);
}

export async function removeQueued(key: string): Promise<void> {
  await (await database()).delete('incidents', key);
}

/** Deletes the queue; the open connection of this context closes first. */
export async function deleteOutbox(): Promise<void> {
  if (opened) (await opened).close();
  opened = null;
  await deleteDB(OUTBOX_DATABASE);
}
