import { recordAudit } from '../access/audit.js';
import type { Database, Queryable } from '../db/database.js';
import { deletePhotosOlderThan } from '../incidents/photos/service.js';
import { systemActor } from '../access/system-actor.js';
import type { AttachmentStore } from '../storage/attachment-store.js';
import { cutoffs, effectivePolicy, RETENTION_RULES, type RetentionPolicy, type RetentionRule } from './domain/policy.js';
import * as repository from './retention-repository.js';

export interface OrganisationPurge {
  organisationId: number;
  policy: RetentionPolicy;
  /** Records each rule removes or anonymises (would, in a dry run). */
  counts: Record<RetentionRule, number>;
}

export interface PurgeOptions {
  dryRun: boolean;
  now?: Date;
  /** Only this organisation (SIREN); every organisation otherwise. */
  siren?: string;
  /** Where photo bytes live. */
  store: AttachmentStore;
  /** How the audit log names whoever ran it. */
  label?: string;
}

export async function loadPolicy(db: Queryable, organisationId: number): Promise<RetentionPolicy> {
  return effectivePolicy(await repository.policyOverrides(db, organisationId));
}

/**
 * Applies (or, in a dry run, counts) every retention rule, one transaction per organisation,
 * audited there. Photos are deleted afterwards by the photos module (files live outside the
 * database), in their own audited transaction. Runs on the owner database.
 */
export async function purge(db: Database, options: PurgeOptions): Promise<OrganisationPurge[]> {
  const now = options.now ?? new Date();
  const results: OrganisationPurge[] = [];
  for (const organisationId of await repository.organisationIds(db, options.siren)) {
    const policy = await loadPolicy(db, organisationId);
    const until = cutoffs(policy, now);
    const counts = await db.transaction(async (tx) => {
      const incidents = await repository.incidentsToAnonymise(tx, organisationId, until.incident_anonymise);
      const apply = !options.dryRun;
      if (apply && incidents.length > 0) await repository.anonymiseIncidents(tx, organisationId, incidents);
      const closedFiles = await repository.expiredFiles(tx, organisationId, until.pre_litigation_closed, 'closed', apply);
      const timeBarredFiles = await repository.expiredFiles(tx, organisationId, until.pre_litigation_limitation, 'time_barred', apply);
      const found = {
        incident_anonymise: incidents.length,
        incident_photos: await repository.countPhotos(tx, organisationId, until.incident_photos),
        sessions: await repository.expiredSessions(tx, organisationId, until.sessions, apply),
        pre_litigation_closed: closedFiles.length,
        pre_litigation_limitation: timeBarredFiles.length,
      };
      const changed = RETENTION_RULES.some((rule) => rule !== 'incident_photos' && found[rule] > 0);
      if (apply && changed) {
        await recordAudit(tx, {
          organisationId, actorUserId: null, actorLabel: options.label ?? 'cli:purge', action: 'retention.purge', objectType: 'organisation', objectId: organisationId,
          after: { counts: { ...found, incident_photos: undefined }, cutoffs: until, deletedFileIds: [...closedFiles, ...timeBarredFiles] },
        });
      }
      return found;
    });
    if (!options.dryRun && counts.incident_photos > 0) {
      counts.incident_photos = await deletePhotosOlderThan(db, options.store, systemActor(organisationId, options.label ?? 'cli:purge'), until.incident_photos);
    }
    results.push({ organisationId, policy, counts });
  }
  return results;
}
