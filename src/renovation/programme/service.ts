import { AppError, notFound, validationError, type FieldError } from '../../core/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import type { DpeClass } from '../dpe/domain/labels.js';
import { describeExcess, envelopeExcesses, applicationProblems, type Commitment } from './domain/envelopes.js';
import { operationHints } from './domain/hints.js';
import { sumCents } from './domain/money.js';
import {
  checkOperationFigures, checkPhases, currentPhase, expectedHandover, gainPercent, guaranteeEnd, phaseDelays, type PhaseDates,
} from './domain/operation.js';
import { envelopeOf, FUNDING_STATUSES, isCommitment, PHASES, type FundingSource, type FundingStatus, type OperationKind, type Phase, type Plan } from './domain/vocabulary.js';
import * as repository from './repository.js';

export interface OperationInput {
  externalId?: string;
  name: string;
  kind: OperationKind;
  plan: Plan;
  programmeYear: number;
  dwellingIds: number[];
  /** Planned handover, used until the phases give one. */
  endDate: string;
  plannedCents: number;
  committedCents: number;
  paidCents: number;
  labelBefore: DpeClass | null;
  targetLabel: DpeClass | null;
  labelAfter: DpeClass | null;
  energyBefore: number | null;
  energyTarget: number | null;
  energyAfter: number | null;
  ghgBefore: number | null;
  phases: Partial<Record<Phase, Omit<PhaseDates, 'phase'>>>;
}

const phaseList = (phases: OperationInput['phases']): PhaseDates[] =>
  PHASES.flatMap((phase) => (phases[phase] ? [{ phase, ...phases[phase] }] : []));

/** The directorate most of the dwellings belong to (the territory of the forecast); refuses unknown dwellings. */
async function directorateOf(db: Queryable, organisationId: number, dwellingIds: readonly number[]): Promise<number> {
  const found = await repository.dwellingDirectorates(db, organisationId, dwellingIds);
  const unknown = dwellingIds.filter((id) => !found.some((row) => row.dwellingId === id));
  if (unknown.length > 0) {
    throw validationError('Logements inconnus (unknown dwellings)', [{ field: 'dwellingIds', message: `logements introuvables : ${unknown.slice(0, 10).join(', ')}` }]);
  }
  const counts = new Map<number, number>();
  for (const row of found) counts.set(row.directorateId, (counts.get(row.directorateId) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

function checkOperation(input: OperationInput): void {
  const errors: FieldError[] = [
    ...checkOperationFigures({ plannedCents: input.plannedCents, committedCents: input.committedCents, paidCents: input.paidCents }, input),
    ...checkPhases(phaseList(input.phases)),
  ];
  if (errors.length > 0) throw validationError('Opération refusée (operation refused)', errors);
}

function toWrite(input: OperationInput, externalId: string, directorateId: number): repository.OperationWrite {
  const { phases, dwellingIds: _dwellings, externalId: _external, ...fields } = input;
  return { ...fields, externalId, directorateId, endDate: expectedHandover(phaseList(phases), input.endDate) };
}

export async function createOperation(db: Database, organisationId: number, given: OperationInput, today: string) {
  // The planned handover is a phase date too: the phases table starts with it.
  const input = { ...given, phases: { handover: { plannedStart: given.endDate, plannedEnd: given.endDate, actualStart: null, actualEnd: null }, ...given.phases } };
  checkOperation(input);
  const id = await db.transaction(async (tx) => {
    const externalId = input.externalId ?? `OP-${input.programmeYear}-${Date.now().toString(36).toUpperCase()}`;
    if (await repository.externalIdTaken(tx, organisationId, externalId)) {
      throw validationError('Code déjà utilisé (code already used)', [{ field: 'externalId', message: `l’opération ${externalId} existe déjà` }]);
    }
    const directorateId = await directorateOf(tx, organisationId, input.dwellingIds);
    const [operationId] = await repository.upsertOperations(tx, organisationId, [toWrite(input, externalId, directorateId)]);
    await repository.replaceOperationDwellings(tx, organisationId, input.dwellingIds.map((dwellingId) => ({ operationId: operationId!, dwellingId })));
    await repository.upsertPhases(tx, organisationId, phaseList(input.phases).map((dates) => ({ ...dates, operationId: operationId! })));
    return operationId!;
  });
  return operationDetail(db, organisationId, id, today);
}

/** Replaces the operation's fields, dwellings and given phases (phases not given are kept). */
export async function updateOperation(db: Database, organisationId: number, id: number, input: OperationInput, today: string) {
  checkOperation(input);
  await db.transaction(async (tx) => {
    const stored = await requireOperation(tx, organisationId, id);
    const directorateId = await directorateOf(tx, organisationId, input.dwellingIds);
    await repository.upsertPhases(tx, organisationId, phaseList(input.phases).map((dates) => ({ ...dates, operationId: id })));
    const phases = await repository.listPhases(tx, organisationId, [id]);
    const errors = checkPhases(phases);
    if (errors.length > 0) throw validationError('Phases incohérentes (inconsistent phases)', errors);
    const write = toWrite(input, input.externalId ?? stored.externalId, directorateId);
    await repository.updateOperation(tx, organisationId, id, { ...write, endDate: expectedHandover(phases, input.endDate) });
    await repository.replaceOperationDwellings(tx, organisationId, input.dwellingIds.map((dwellingId) => ({ operationId: id, dwellingId })));
  });
  return operationDetail(db, organisationId, id, today);
}

export async function deleteOperation(db: Queryable, organisationId: number, id: number): Promise<void> {
  if (!(await repository.deleteOperation(db, organisationId, id))) throw notFound(`Opération ${id}`);
}

async function requireOperation(db: Queryable, organisationId: number, id: number): Promise<repository.OperationRow> {
  const operation = await repository.findOperation(db, organisationId, id);
  if (!operation) throw notFound(`Opération ${id}`);
  return operation;
}

const totalsByStatus = (lines: readonly repository.FinancingLineRow[]) =>
  Object.fromEntries(FUNDING_STATUSES.map((status) => [status, sumCents(lines.filter((line) => line.status === status).map((line) => line.amountCents))])) as Record<FundingStatus, number>;

/** An operation with its derived values: gains, expected handover, current phase, delays, financing and hints. */
function summarise(operation: repository.OperationRow, phases: readonly PhaseDates[], lines: readonly repository.FinancingLineRow[], today: string) {
  const handover = expectedHandover(phases, operation.endDate);
  return {
    ...operation,
    targetGainPercent: gainPercent(operation.energyBefore, operation.energyTarget),
    gainPercent: gainPercent(operation.energyBefore, operation.energyAfter),
    expectedHandover: handover,
    guaranteeEnd: guaranteeEnd(handover),
    currentPhase: currentPhase(phases, today),
    financing: { totalCents: sumCents(lines.map((line) => line.amountCents)), byStatus: totalsByStatus(lines) },
  };
}

export async function operationDetail(db: Queryable, organisationId: number, id: number, today: string) {
  const operation = await requireOperation(db, organisationId, id);
  const [phases, lines, dwellingIds] = await Promise.all([
    repository.listPhases(db, organisationId, [id]),
    repository.listFinancingLines(db, organisationId, [id]),
    repository.listOperationDwellingIds(db, organisationId, id),
  ]);
  const byPhase = new Map(phases.map((dates) => [dates.phase, dates]));
  return {
    ...summarise(operation, phases, lines, today),
    dwellingIds,
    phases: PHASES.map((phase) => {
      const { operationId: _operation, ...dates } = byPhase.get(phase) ?? { operationId: id, phase, plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null };
      return dates;
    }),
    delays: phaseDelays(phases, today),
    financingLines: lines.map(({ operationId: _operation, ...line }) => line),
    hints: operationHints({ ...operation, lines }),
  };
}

export async function listOperations(db: Queryable, organisationId: number, filter: repository.OperationFilter, page: { limit: number; offset: number }, today: string) {
  const [operations, total] = await Promise.all([
    repository.listOperations(db, organisationId, filter, page.limit, page.offset),
    repository.countOperations(db, organisationId, filter),
  ]);
  const ids = operations.map((operation) => operation.id);
  const [phases, lines] = await Promise.all([repository.listPhases(db, organisationId, ids), repository.listFinancingLines(db, organisationId, ids)]);
  return {
    total,
    items: operations.map((operation) => summarise(
      operation,
      phases.filter((dates) => dates.operationId === operation.id),
      lines.filter((line) => line.operationId === operation.id),
      today,
    )),
  };
}

export interface FinancingLineInput {
  source: FundingSource;
  amountCents: number;
  status: FundingStatus;
  conventionId: number | null;
  note: string | null;
}

/**
 * Checks a financing line against the conventions, inside the caller's transaction with the
 * conventions locked: a Département line past "requested" names its application convention,
 * and a commitment may not overrun the annual convention nor the framework (409, by how much).
 */
async function checkFinancingLine(tx: Queryable, organisationId: number, lineId: number, line: FinancingLineInput): Promise<void> {
  const envelope = envelopeOf(line.source);
  if (envelope === null) {
    if (line.conventionId !== null) throw validationError('Convention inattendue', [{ field: 'conventionId', message: 'seules les aides du Département relèvent d’une convention (only Département lines)' }]);
    return;
  }
  if (line.conventionId === null) {
    if (line.status === 'requested') return;
    throw validationError('Convention manquante', [{ field: 'conventionId', message: 'convention d’application requise au-delà de « demandé » (application convention required)' }]);
  }
  const conventions = await repository.listConventions(tx, organisationId, true);
  const convention = conventions.find((candidate) => candidate.id === line.conventionId);
  if (!convention || convention.kind !== 'application') {
    throw validationError('Convention inconnue', [{ field: 'conventionId', message: 'convention d’application introuvable (no such application convention)' }]);
  }
  if (!isCommitment(line.status)) return;
  const stored = await repository.listFinancingLines(tx, organisationId, null);
  const commitments: Commitment[] = stored.flatMap((row) => {
    const kind = envelopeOf(row.source);
    return kind && row.conventionId !== null && isCommitment(row.status) ? [{ lineId: row.id, conventionId: row.conventionId, envelope: kind, amountCents: row.amountCents }] : [];
  });
  const [excess] = envelopeExcesses(conventions, commitments, { lineId, conventionId: line.conventionId, envelope, amountCents: line.amountCents });
  if (excess) {
    const message = describeExcess(excess);
    throw new AppError('conflict', message, [{ field: 'amountCents', message }]);
  }
}

export async function addFinancingLine(db: Database, organisationId: number, operationId: number, line: FinancingLineInput, today: string) {
  await db.transaction(async (tx) => {
    await requireOperation(tx, organisationId, operationId);
    await checkFinancingLine(tx, organisationId, 0, line);
    await repository.insertFinancingLines(tx, organisationId, [{ ...line, operationId }]);
  });
  return operationDetail(db, organisationId, operationId, today);
}

export async function updateFinancingLine(db: Database, organisationId: number, lineId: number, line: FinancingLineInput, today: string) {
  const operationId = await db.transaction(async (tx) => {
    const stored = await repository.findFinancingLine(tx, organisationId, lineId);
    if (!stored) throw notFound(`Ligne de financement ${lineId}`);
    await checkFinancingLine(tx, organisationId, lineId, line);
    await repository.updateFinancingLine(tx, organisationId, lineId, { ...line, operationId: stored.operationId });
    return stored.operationId;
  });
  return operationDetail(db, organisationId, operationId, today);
}

export async function deleteFinancingLine(db: Queryable, organisationId: number, lineId: number): Promise<void> {
  if (!(await repository.deleteFinancingLine(db, organisationId, lineId))) throw notFound(`Ligne de financement ${lineId}`);
}

export const listConventions = (db: Queryable, organisationId: number) => repository.listConventions(db, organisationId);

export interface ConventionInput {
  externalId: string;
  kind: 'framework' | 'application';
  frameworkId: number | null;
  name: string;
  firstYear: number;
  lastYear: number;
  investmentCents: number;
  operatingCents: number;
  signedOn: string | null;
}

/** Creates a convention; an application convention must fit its framework's period and envelopes (409 by how much). */
export async function createConvention(db: Database, organisationId: number, input: ConventionInput): Promise<number> {
  if (input.kind === 'application' && input.firstYear !== input.lastYear) {
    throw validationError('Convention annuelle', [{ field: 'lastYear', message: 'une convention d’application porte sur une seule année (one year)' }]);
  }
  if ((input.kind === 'framework') !== (input.frameworkId === null)) {
    throw validationError('Convention cadre', [{ field: 'frameworkId', message: 'requise pour une convention d’application, interdite pour une convention cadre' }]);
  }
  if (input.lastYear < input.firstYear) throw validationError('Période', [{ field: 'lastYear', message: 'avant la première année (before the first year)' }]);
  return db.transaction(async (tx) => {
    const conventions = await repository.listConventions(tx, organisationId, true);
    if (input.kind === 'application') {
      const framework = conventions.find((convention) => convention.id === input.frameworkId && convention.kind === 'framework');
      if (!framework) throw validationError('Convention cadre inconnue', [{ field: 'frameworkId', message: 'convention cadre introuvable (no such framework)' }]);
      const siblings = conventions.filter((convention) => convention.frameworkId === framework.id && convention.externalId !== input.externalId);
      const problems = applicationProblems(framework, siblings, input);
      const overrun = problems.find((problem) => problem.excessCents !== undefined);
      if (overrun) throw new AppError('conflict', `Convention refusée : ${overrun.message}`, [{ field: overrun.field, message: overrun.message }]);
      if (problems.length > 0) throw validationError('Convention refusée (convention refused)', problems);
    }
    return repository.upsertConvention(tx, organisationId, input);
  });
}
