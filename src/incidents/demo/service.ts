import { auditWrite } from '../../access/audit.js';
import { systemActor } from '../../access/system-actor.js';
import { validationError } from '../../core/errors.js';
import type { Queryable } from '../../db/database.js';
import { setAgencyStaff } from '../../observatory/repository.js';
import { initialCategories } from '../domain/nomenclature.js';
import { listCurrentCategories, seedCategories } from '../repository.js';
import { DEMO_INCIDENT_DEFAULTS, generateDemoIncidents, type DemoIncident, type DemoPlace } from './domain/generate.js';
import { insertDemoIncidents, listDemoPlaces } from './repository.js';

const DEFAULT_DEMO_INCIDENT_SEED = 2024;
const BATCH = 2_000;
/** Demo staffing: one person per so many dwellings of the agency, plus the agency's office team. */
const DWELLINGS_PER_STAFF = 90;
const OFFICE_TEAM = 4;

export interface DemoIncidentsOptions {
  seed?: number;
  /** Multiplies the volume (1 by default; the benchmark raises it towards 1,000,000 incidents). */
  scale?: number;
  /** End of the ten years generated; now by default. */
  until?: Date;
  onProgress?: (incidents: number) => void;
}

export interface DemoIncidentsLoad {
  incidents: number;
  actions: number;
}

/**
 * Loads ten years of demo incidents on an organisation's patrimony, all or nothing and
 * idempotent (by external id): the roll-up triggers keep the observatory's figures as they go.
 */
export async function loadDemoIncidents(db: Queryable, organisationId: number, options: DemoIncidentsOptions = {}): Promise<DemoIncidentsLoad> {
  const seed = options.seed ?? DEFAULT_DEMO_INCIDENT_SEED;
  const scale = options.scale ?? DEMO_INCIDENT_DEFAULTS.scale;
  if (!Number.isSafeInteger(seed) || seed < 0) throw validationError('Graine invalide (invalid seed)', [{ field: 'seed', message: 'entier positif attendu / positive integer expected' }]);
  if (!(scale > 0 && scale <= 1000)) throw validationError('Échelle invalide (invalid scale)', [{ field: 'scale', message: 'entre 0 et 1000 / between 0 and 1000' }]);
  return db.transaction(async (tx) => {
    await seedCategories(tx, organisationId, initialCategories());
    const categories = (await listCurrentCategories(tx, organisationId)).filter((category) => category.active);
    const places = await listDemoPlaces(tx, organisationId);
    if (places.length === 0) return { incidents: 0, actions: 0 };
    await setAgencyStaff(tx, organisationId, demoStaff(places));
    const versions = new Map(categories.map((category) => [category.code, category.version]));
    const total = { incidents: 0, actions: 0 };
    let batch: DemoIncident[] = [];
    const flush = async () => {
      const added = await insertDemoIncidents(tx, organisationId, batch, versions);
      total.incidents += added.incidents;
      total.actions += added.actions;
      batch = [];
      options.onProgress?.(total.incidents);
    };
    const generated = generateDemoIncidents(places, categories, { ...DEMO_INCIDENT_DEFAULTS, seed, scale, until: options.until ?? new Date() });
    for (const incident of generated) {
      batch.push(incident);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    // One audited write for the whole load, in its transaction (counts, as for an import).
    await auditWrite(tx, systemActor(organisationId, 'demo:incidents'), { action: 'incident.demo_load', objectType: 'incident', objectId: null, after: { seed, scale, ...total } });
    return total;
  });
}

function demoStaff(places: readonly DemoPlace[]): { agencyId: number; staff: number }[] {
  const dwellings = new Map<number, number>();
  for (const place of places) dwellings.set(place.agencyId, (dwellings.get(place.agencyId) ?? 0) + place.dwellings);
  return [...dwellings].map(([agencyId, count]) => ({ agencyId, staff: OFFICE_TEAM + Math.round(count / DWELLINGS_PER_STAFF) }));
}
