import type { CreatedIncident } from '../incidents/api.js';

/**
 * The body of POST /api/incidents as the recording form builds it; the queue needs only its
 * idempotency key and sends the rest as it is (the server validates it).
 */
export type IncidentDraft = { idempotencyKey: string } & Record<string, unknown>;
export type { CreatedIncident };
