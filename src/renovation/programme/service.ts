import { auditWrite } from '../../access/audit.js';
import { authorize, perimeterFor, requireAccess } from '../../access/authorize.js';
import type { Permission } from '../../access/domain/roles.js';
import { AppError, forbidden, notFound, validationError, type FieldError } from '../../core/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
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

/** Refuses (403, naming the field) dwellings that are not all inside one of the actor's manage_renovation perimeters. */
export async function requireDwellingsWithin(db: Queryable, actor: Actor, dwellingIds: readonly number[]): Promise<void> {
  const places = await repository.dwellingSetPlaces(db, actor.organisationId, dwellingIds);
  if (!authorize(actor, 'manage_renovation', places)) {
    throw new AppError('forbidden', 'Logements hors de votre périmètre (dwellings outside your perimeter)', [{ field: 'dwellingIds', message: 'hors de votre périmètre (outside your perimeter)' }]);
  }
}

/** 404 when the operation is not in the organisation, 403 when outside the actor's perimeter for `permission`. */
const requireOperationAccess = (db: Queryable, actor: Actor, permission: Permission, id: number) =>
  requireAccess(db, actor, permission, { kind: 'renovation_operation', id });

/** The union of the actor's perimeters carrying `permission` (403 without any). */
export function perimeterOf(actor: Actor, permission: Permission) {
  const perimeter = perimeterFor(actor, permission);
  if (!perimeter) throw forbidden(`Permission « ${permission} » refusée (permission denied)`);
  return perimeter;
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

export async function createOperation(db: Database, actor: Actor, given: OperationInput, today: string) {
  const { organisationId } = actor;
  // The planned handover is a phase date too: the phases table starts with it.
  const input = { ...given, phases: { handover: { plannedStart: given.endDate, plannedEnd: given.endDate, actualStart: null, actualEnd: null }, ...given.phases } };
  checkOperation(input);
  const id = await db.transaction(async (tx) => {
    const externalId = input.externalId ?? `OP-${input.programmeYear}-${Date.now().toString(36).toUpperCase()}`;
    if (await repository.externalIdTaken(tx, organisationId, externalId)) {
      throw validationError('Code déjà utilisé (code already used)', [{ field: 'externalId', message: `l’opération ${externalId} existe déjà` }]);
    }
    const directorateId = await directorateOf(tx, organisationId, input.dwellingIds);
    await requireDwellingsWithin(tx, actor, input.dwellingIds);
    const [operationId] = await repository.upsertOperations(tx, organisationId, [toWrite(input, externalId, directorateId)]);
    await repository.replaceOperationDwellings(tx, organisationId, input.dwellingIds.map((dwellingId) => ({ operationId: operationId!, dwellingId })));
    await repository.upsertPhases(tx, organisationId, phaseList(input.phases).map((dates) => ({ ...dates, operationId: operationId! })));
    await auditWrite(tx, actor, { action: 'renovation_operation.create', objectType: 'renovation_operation', objectId: operationId!, after: { ...input, externalId } });
    return operationId!;
  });
  return operationDetail(db, actor, id, today);
}

/** Replaces the operation's fields, dwellings and given phases (phases not given are kept). */
export async function updateOperation(db: Database, actor: Actor, id: number, input: OperationInput, today: string) {
  const { organisationId } = actor;
  checkOperation(input);
  await db.transaction(async (tx) => {
    await requireOperationAccess(tx, actor, 'manage_renovation', id);
    const stored = await requireOperation(tx, organisationId, id);
    const directorateId = await directorateOf(tx, organisationId, input.dwellingIds);
    await requireDwellingsWithin(tx, actor, input.dwellingIds);
    await repository.upsertPhases(tx, organisationId, phaseList(input.phases).map((dates) => ({ ...dates, operationId: id })));
    const phases = await repository.listPhases(tx, organisationId, [id]);
    const errors = checkPhases(phases);
    if (errors.length > 0) throw validationError('Phases incohérentes (inconsistent phases)', errors);
    const write = toWrite(input, input.externalId ?? stored.externalId, directorateId);
    await repository.updateOperation(tx, organisationId, id, { ...write, endDate: expectedHandover(phases, input.endDate) });
    await repository.replaceOperationDwellings(tx, organisationId, input.dwellingIds.map((dwellingId) => ({ operationId: id, dwellingId })));
    await auditWrite(tx, actor, { action: 'renovation_operation.update', objectType: 'renovation_operation', objectId: id, before: stored, after: input });
  });
  return operationDetail(db, actor, id, today);
}

export async function deleteOperation(db: Database, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await requireOperationAccess(tx, actor, 'manage_renovation', id);
    const stored = await requireOperation(tx, actor.organisationId, id);
    await repository.deleteOperation(tx, actor.organisationId, id);
    await auditWrite(tx, actor, { action: 'renovation_operation.delete', objectType: 'renovation_operation', objectId: id, before: stored });
  });
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

/** An operation the actor may read: 404 outside the organisation, 403 outside the perimeter. */
export async function operationDetail(db: Queryable, actor: Actor, id: number, today: string) {
  const { organisationId } = actor;
  await requireOperationAccess(db, actor, 'read_renovation', id);
  const operation = await requireOperation(db, organisationId, id);
  const [phases, lines, dwellingIds, statusChanges] = await Promise.all([
    repository.listPhases(db, organisationId, [id]),
    repository.listFinancingLines(db, organisationId, [id]),
    repository.listOperationDwellingIds(db, organisationId, id),
    repository.listStatusChanges(db, organisationId, [id]),
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
    statusChanges: statusChanges.map(({ operationId: _operation, changedAt, ...change }) => ({ ...change, changedAt: changedAt.toISOString() })),
    hints: operationHints({ ...operation, lines }),
  };
}

/** One page of the operations inside the actor's read_renovation perimeter. */
export async function listOperations(db: Queryable, actor: Actor, filter: repository.OperationFilter, page: { limit: number; offset: number }, today: string) {
  const { organisationId } = actor;
  const perimeter = perimeterOf(actor, 'read_renovation');
  const [operations, total] = await Promise.all([
    repository.listOperations(db, organisationId, perimeter, filter, page.limit, page.offset),
    repository.countOperations(db, organisationId, perimeter, filter),
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

/** The history entry of a line moving from `before` to `after` (either absent at creation or deletion); none when the status is kept. */
function statusChange(actor: Actor, lineId: number, before: repository.FinancingLineRow | undefined, after: repository.FinancingLineWrite | undefined) {
  const fromStatus = before?.status ?? null;
  const toStatus = after?.status ?? null;
  if (fromStatus === toStatus) return [];
  const line = (after ?? before)!;
  return [{ operationId: line.operationId, lineId, source: line.source, fromStatus, toStatus, amountCents: line.amountCents, changedBy: actor.label ?? 'system' }];
}

export async function addFinancingLine(db: Database, actor: Actor, operationId: number, line: FinancingLineInput, today: string) {
  const { organisationId } = actor;
  await db.transaction(async (tx) => {
    await requireOperationAccess(tx, actor, 'manage_renovation', operationId);
    await checkFinancingLine(tx, organisationId, 0, line);
    const write = { ...line, operationId };
    const [lineId] = await repository.insertFinancingLines(tx, organisationId, [write]);
    await repository.insertStatusChanges(tx, organisationId, statusChange(actor, lineId!, undefined, write));
    await auditWrite(tx, actor, { action: 'financing_line.create', objectType: 'financing_line', objectId: lineId!, after: write });
  });
  return operationDetail(db, actor, operationId, today);
}

/** The line and, checked, the actor's right to change its operation. */
async function requireLine(tx: Queryable, actor: Actor, lineId: number): Promise<repository.FinancingLineRow> {
  const stored = await repository.findFinancingLine(tx, actor.organisationId, lineId);
  if (!stored) throw notFound(`Ligne de financement ${lineId}`);
  await requireOperationAccess(tx, actor, 'manage_renovation', stored.operationId);
  return stored;
}

export async function updateFinancingLine(db: Database, actor: Actor, lineId: number, line: FinancingLineInput, today: string) {
  const { organisationId } = actor;
  const operationId = await db.transaction(async (tx) => {
    const stored = await requireLine(tx, actor, lineId);
    await checkFinancingLine(tx, organisationId, lineId, line);
    const write = { ...line, operationId: stored.operationId };
    await repository.updateFinancingLine(tx, organisationId, lineId, write);
    await repository.insertStatusChanges(tx, organisationId, statusChange(actor, lineId, stored, write));
    await auditWrite(tx, actor, { action: 'financing_line.update', objectType: 'financing_line', objectId: lineId, before: stored, after: write });
    return stored.operationId;
  });
  return operationDetail(db, actor, operationId, today);
}

export async function deleteFinancingLine(db: Database, actor: Actor, lineId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const stored = await requireLine(tx, actor, lineId);
    await repository.deleteFinancingLine(tx, actor.organisationId, lineId);
    await repository.insertStatusChanges(tx, actor.organisationId, statusChange(actor, lineId, stored, undefined));
    await auditWrite(tx, actor, { action: 'financing_line.delete', objectType: 'financing_line', objectId: lineId, before: stored });
  });
}

/** Conventions bind the whole landlord to the Département: any reader of the programme sees them (lines need them). */
export async function listConventions(db: Queryable, actor: Actor) {
  await requireAccess(db, actor, 'read_renovation');
  return repository.listConventions(db, actor.organisationId);
}

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

/**
 * Creates a convention; an application convention must fit its framework's period and envelopes
 * (409 by how much). A convention is the landlord's, not a territory's: manage_renovation is
 * enough, whatever its perimeter.
 */
export async function createConvention(db: Database, actor: Actor, input: ConventionInput): Promise<number> {
  const { organisationId } = actor;
  await requireAccess(db, actor, 'manage_renovation');
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
    const before = conventions.find((convention) => convention.externalId === input.externalId);
    const id = await repository.upsertConvention(tx, organisationId, input);
    await auditWrite(tx, actor, { action: before ? 'funding_convention.update' : 'funding_convention.create', objectType: 'funding_convention', objectId: id, before, after: input });
    return id;
  });
}
