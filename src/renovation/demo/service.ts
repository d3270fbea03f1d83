import type { Queryable } from '../../db/database.js';
import { expectedHandover, type PhaseDates } from '../programme/domain/operation.js';
import { PHASES } from '../programme/domain/vocabulary.js';
import * as programme from '../programme/repository.js';
import { generateDemoProgramme, type DemoDwelling } from './domain/programme.js';

const BATCH = 1_000;

async function listDemoDwellings(db: Queryable, organisationId: number): Promise<DemoDwelling[]> {
  return db.query<DemoDwelling>(
    `SELECT dw.id, r.id AS "residenceId", r.name AS "residenceName", d.id AS "directorateId", d.name AS "directorateName", dw.dpe_energy_class AS "energyClass", dw.dpe_ghg_class AS "ghgClass"
     FROM dwellings dw
     JOIN buildings b ON b.organisation_id = dw.organisation_id AND b.id = dw.building_id
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
     JOIN directorates d ON d.organisation_id = a.organisation_id AND d.id = a.directorate_id
     WHERE dw.organisation_id = $1 ORDER BY dw.id`,
    [organisationId],
  );
}

const majority = (values: readonly number[]) => {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
};

/**
 * Loads the demo renovation programme and the Département conventions into an organisation
 * (see `generateDemoProgramme`), inside the caller's transaction; idempotent by external ids.
 */
export async function loadRenovationDemo(db: Queryable, organisationId: number): Promise<{ conventions: number; operations: number; financingLines: number }> {
  const dwellings = await listDemoDwellings(db, organisationId);
  const directorateOf = new Map(dwellings.map((d) => [d.id, d.directorateId]));
  const { conventions, operations } = generateDemoProgramme(dwellings);
  const conventionIds = new Map<string, number>();
  for (const convention of conventions) {
    const frameworkId = convention.frameworkExternalId ? conventionIds.get(convention.frameworkExternalId)! : null;
    conventionIds.set(convention.externalId, await programme.upsertConvention(db, organisationId, { ...convention, frameworkId }));
  }
  let lines = 0;
  for (let start = 0; start < operations.length; start += BATCH) {
    const batch = operations.slice(start, start + BATCH);
    const ids = await programme.upsertOperations(db, organisationId, batch.map(({ input }) => {
      const { phases, dwellingIds, ...fields } = input;
      const dates: PhaseDates[] = PHASES.flatMap((phase) => (phases[phase] ? [{ phase, ...phases[phase] }] : []));
      return { ...fields, endDate: expectedHandover(dates, input.endDate), directorateId: majority(dwellingIds.map((id) => directorateOf.get(id)!)) };
    }));
    await programme.replaceOperationDwellings(db, organisationId, batch.flatMap(({ input }, index) => input.dwellingIds.map((dwellingId) => ({ operationId: ids[index]!, dwellingId }))));
    await programme.upsertPhases(db, organisationId, batch.flatMap(({ input }, index) =>
      PHASES.flatMap((phase) => (input.phases[phase] ? [{ phase, operationId: ids[index]!, ...input.phases[phase] }] : []))));
    await programme.deleteFinancingLinesOf(db, organisationId, ids);
    const financing = batch.flatMap(({ lines: own }, index) => own.map(({ conventionExternalId, ...line }) => ({
      ...line, operationId: ids[index]!, conventionId: conventionExternalId ? conventionIds.get(conventionExternalId)! : null,
    })));
    lines += (await programme.insertFinancingLines(db, organisationId, financing)).length;
  }
  return { conventions: conventions.length, operations: operations.length, financingLines: lines };
}
