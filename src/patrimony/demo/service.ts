import { conflict, validationError } from '../../core/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import { listOrganisations } from '../import/repository.js';
import { importPatrimonyRows, type ImportProgress } from '../import/service.js';
import { countPatrimony, type PatrimonyStats } from '../repository.js';
import { loadDemoBoard } from '../../deliberations/demo/service.js';
import { loadRenovationDemo } from '../../renovation/demo/service.js';
import { loadDemoIncidents } from '../../incidents/demo/service.js';
import { loadDemoUsers } from '../../access/demo/users.js';
import { DEMO_DEPARTEMENT } from './domain/communes.js';
import { DEFAULT_DEMO_SEED, generateDemoPatrimony } from './domain/generate.js';
import * as repository from './repository.js';

export interface DemoLoad {
  organisationId: number;
  stats: PatrimonyStats;
}

export async function databaseHasNoOrganisation(db: Queryable): Promise<boolean> {
  return (await listOrganisations(db)).length === 0;
}

/**
 * Loads the demo landlord into an empty database, all or nothing: the organisation, its
 * patrimony through the native import, then its agency offices, permanences and common areas.
 */
export async function loadDemo(db: Database, options: { seed?: number; onProgress?: ImportProgress } = {}): Promise<DemoLoad> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw validationError('Graine invalide (invalid seed)', [{ field: 'seed', message: `entier positif attendu, reçu « ${seed} »` }]);
  }
  const demo = generateDemoPatrimony(await repository.listCommunesOf(db, DEMO_DEPARTEMENT), seed);
  const organisationId = await db.transaction(async (tx) => {
    if (!(await databaseHasNoOrganisation(tx))) {
      throw conflict('Un organisme existe déjà : la démo ne se charge que dans une base vide (an organisation already exists: the demo loads only into an empty database)');
    }
    const id = await repository.insertOrganisation(tx, demo.organisation);
    await importPatrimonyRows(tx, id, demo.rows, options.onProgress);
    await repository.updateAgencyOffices(tx, id, demo.agencies);
    await repository.insertContactPoints(tx, id, demo.contactPoints);
    await repository.insertCommonAreas(tx, id, demo.commonAreas);
    await loadRenovationDemo(tx, id);
    await loadDemoIncidents(tx, id);
    await loadDemoBoard(tx, id);
    await loadDemoUsers(tx, id);
    return id;
  });
  return { organisationId, stats: await countPatrimony(db, organisationId) };
}
