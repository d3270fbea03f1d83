import { randomBytes } from 'node:crypto';
import { notFound, validationError, type FieldError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../http/context.js';
import * as keys from './api-keys-repository.js';
import { auditWrite } from './audit.js';
import { hashToken } from './domain/tokens.js';
import { patrimonyCommunes } from './repository.js';
import { withTenant } from './tenant.js';

/**
 * Partner API keys (Open311, docs/observatory.md): 256 random bits shown once, kept as their
 * sha256. A key stands for a partner over communes: it resolves to an actor holding the partner
 * role over them, so the one access check (`perimeterFor`, Row-Level Security) applies unchanged.
 */

/** The prefix lets secret scanners and readers recognise a Vigie key. */
const KEY_PREFIX = 'vigie_pk_';
const newApiKey = () => `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;

export interface ApiKeyInput {
  label: string;
  communes: readonly string[];
}

/** Creates a key for `actor`'s organisation; the clear key is returned here and never again. */
export async function addApiKey(db: Database, actor: Actor, input: ApiKeyInput): Promise<{ id: number; key: string }> {
  const label = input.label.trim();
  const communes = [...new Set(input.communes.map((code) => code.trim()).filter(Boolean))];
  const key = newApiKey();
  const id = await withTenant(db, actor.organisationId, async (tx) => {
    const errors: FieldError[] = [];
    if (label.length === 0 || label.length > 200) errors.push({ field: 'label', message: 'Libellé requis, 200 caractères au plus (1 to 200 characters)' });
    if (communes.length === 0) errors.push({ field: 'communes', message: 'Au moins une commune INSEE (at least one commune)' });
    // As for a partner account: only communes where the landlord holds housing.
    const held = await patrimonyCommunes(tx, actor.organisationId, communes);
    for (const code of communes.filter((candidate) => !held.includes(candidate))) {
      errors.push({ field: 'communes', message: `Pas de patrimoine dans la commune INSEE ${code} (no housing of the organisation there)` });
    }
    if (errors.length > 0) throw validationError('Invalid API key', errors);
    const created = await keys.insertApiKey(tx, actor.organisationId, {
      keyHash: hashToken(key), label, communes, createdBy: actor.userId ?? null, createdByLabel: actor.label ?? 'system',
    });
    await auditWrite(tx, actor, { action: 'api_key.add', objectType: 'api_key', objectId: created, after: { label, communes } });
    return created;
  });
  return { id, key };
}

export function listApiKeys(db: Database, organisationId: number): Promise<keys.ApiKeyRow[]> {
  return withTenant(db, organisationId, (tx) => keys.listApiKeys(tx, organisationId));
}

/** Revokes a key at once: the next request with it answers 401. Revoking twice changes nothing. */
export async function revokeApiKey(db: Database, actor: Actor, id: number): Promise<keys.ApiKeyRow> {
  return withTenant(db, actor.organisationId, async (tx) => {
    const found = await keys.findApiKey(tx, actor.organisationId, id);
    if (!found) throw notFound(`Clé d’API ${id} (API key)`);
    if (found.revokedAt) return found;
    await keys.revokeApiKey(tx, actor.organisationId, id);
    const revoked = (await keys.findApiKey(tx, actor.organisationId, id))!;
    await auditWrite(tx, actor, { action: 'api_key.revoke', objectType: 'api_key', objectId: id, before: { label: found.label, revokedAt: null }, after: { label: found.label, revokedAt: revoked.revokedAt } });
    return revoked;
  });
}

/** The actor a live key stands for, or undefined for an unknown or revoked key. */
export async function resolveApiKey(db: Database, key: string): Promise<Actor | undefined> {
  const owner = await keys.apiKeyOwner(db, hashToken(key));
  if (!owner) return undefined;
  return withTenant(db, owner.organisationId, async (tx) => {
    const found = await keys.findApiKey(tx, owner.organisationId, owner.keyId);
    if (!found || found.revokedAt) return undefined;
    await keys.touchApiKey(tx, owner.organisationId, found.id);
    return {
      organisationId: owner.organisationId,
      label: `api_key:${found.id} ${found.label}`,
      grants: [{ role: 'partner', perimeter: { wholeOrganisation: false, agencyIds: [], directorateIds: [], communes: found.communes } }],
    };
  });
}
