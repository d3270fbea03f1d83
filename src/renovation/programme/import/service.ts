import { auditWrite } from '../../../access/audit.js';
import { validationError, type FieldError } from '../../../core/errors.js';
import type { Database } from '../../../db/database.js';
import type { Actor } from '../../../http/context.js';
import { readTable } from '../../../patrimony/import/files/read-table.js';
import type { TextTable } from '../../dpe/import/ademe-rows.js';
import { expectedHandover, type PhaseDates } from '../domain/operation.js';
import { PHASES } from '../domain/vocabulary.js';
import * as repository from '../repository.js';
import { requireDwellingsWithin } from '../service.js';
import { readOperationTable, type OperationLine } from './operation-rows.js';

export interface OperationImportResult {
  operations: number;
  created: number;
  updated: number;
}

const phasesOf = (line: OperationLine): PhaseDates[] =>
  PHASES.flatMap((phase) => (line.input.phases[phase] ? [{ phase, ...line.input.phases[phase] }] : []));

/** The directorate holding most of the dwellings (ties: the lowest id), as for an operation entered by hand. */
function majorityDirectorate(dwellingIds: readonly number[], directorateOf: ReadonlyMap<number, number>): number {
  const counts = new Map<number, number>();
  for (const id of dwellingIds) counts.set(directorateOf.get(id)!, (counts.get(directorateOf.get(id)!) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/**
 * Imports planned operations: all or nothing (every bad line reported, naming its column, and
 * nothing written), idempotent by operation code (a second import of the same file changes
 * nothing). Dwellings must lie in the actor's manage_renovation perimeter; one audit entry.
 */
export async function importOperationTable(db: Database, actor: Actor, table: TextTable): Promise<OperationImportResult> {
  const { lines, errors } = readOperationTable(table);
  if (errors.length > 0) throw validationError(`Fichier d’opérations refusé : ${errors.length} erreur(s)`, errors);
  const { organisationId } = actor;
  return db.transaction(async (tx) => {
    const { byDwelling, byBuilding } = await repository.dwellingIdsByCodes(tx, organisationId,
      [...new Set(lines.flatMap((line) => line.dwellingCodes))], [...new Set(lines.flatMap((line) => line.buildingCodes))]);
    const codeErrors: FieldError[] = [];
    const dwellingsOf = lines.map((line) => {
      const unknownDwellings = line.dwellingCodes.filter((code) => !byDwelling.has(code));
      const unknownBuildings = line.buildingCodes.filter((code) => !byBuilding.has(code));
      if (unknownDwellings.length > 0) codeErrors.push({ line: line.line, field: 'dwelling_codes', message: `logements inconnus : ${unknownDwellings.slice(0, 10).join(', ')}` });
      if (unknownBuildings.length > 0) codeErrors.push({ line: line.line, field: 'building_codes', message: `bâtiments inconnus : ${unknownBuildings.slice(0, 10).join(', ')}` });
      return [...new Set([...line.dwellingCodes.flatMap((code) => byDwelling.get(code) ?? []), ...line.buildingCodes.flatMap((code) => byBuilding.get(code) ?? [])])].sort((a, b) => a - b);
    });
    lines.forEach((line, index) => {
      if (dwellingsOf[index]!.length === 0 && !codeErrors.some((error) => error.line === line.line)) {
        codeErrors.push({ line: line.line, field: 'building_codes', message: 'aucun logement dans ces bâtiments (no dwelling in these buildings)' });
      }
    });
    if (codeErrors.length > 0) throw validationError(`Fichier d’opérations refusé : ${codeErrors.length} erreur(s)`, codeErrors);
    const allDwellings = [...new Set(dwellingsOf.flat())];
    await requireDwellingsWithin(tx, actor, allDwellings);
    const directorateOf = new Map((await repository.dwellingDirectorates(tx, organisationId, allDwellings)).map((row) => [row.dwellingId, row.directorateId]));
    const existing = await repository.existingExternalIds(tx, organisationId, lines.map((line) => line.input.externalId!));
    const ids = await repository.upsertOperations(tx, organisationId, lines.map((line, index) => {
      const { phases: _phases, externalId, ...fields } = line.input;
      return { ...fields, externalId: externalId!, directorateId: majorityDirectorate(dwellingsOf[index]!, directorateOf), endDate: expectedHandover(phasesOf(line), line.input.endDate) };
    }));
    await repository.replaceOperationDwellings(tx, organisationId, lines.flatMap((_, index) => dwellingsOf[index]!.map((dwellingId) => ({ operationId: ids[index]!, dwellingId }))));
    await repository.upsertPhases(tx, organisationId, lines.flatMap((line, index) => phasesOf(line).map((dates) => ({ ...dates, operationId: ids[index]! }))));
    const result = { operations: lines.length, created: lines.length - existing.size, updated: existing.size };
    await auditWrite(tx, actor, { action: 'renovation_operation.import', objectType: 'renovation_operation', objectId: null, after: { ...result, codes: lines.map((line) => line.input.externalId) } });
    return result;
  });
}

/** Reads a .csv or .xlsx file of planned operations and imports it (see `importOperationTable`). */
export async function importOperationFile(db: Database, actor: Actor, file: string): Promise<OperationImportResult> {
  return importOperationTable(db, actor, await readTable(file));
}
