import { z } from '@hono/zod-openapi';
import { DPE_CLASSES } from '../dpe/domain/labels.js';
import { FUNDING_SOURCES, FUNDING_STATUSES, OPERATION_KINDS, PHASES, PLANS } from './domain/vocabulary.js';

const Day = z.iso.date();
const Label = z.enum(DPE_CLASSES);
/** Integer euro cents, up to 10 billion euros. */
const Cents = z.number().int().nonnegative().max(1_000_000_000_000);
const Energy = z.number().nonnegative().max(99_999);
const Id = z.number().int().positive().max(2_147_483_647);

const PhaseDatesSchema = z.object({
  plannedStart: Day.nullable().default(null),
  plannedEnd: Day.nullable().default(null),
  actualStart: Day.nullable().default(null),
  actualEnd: Day.nullable().default(null),
});

export const OperationInputSchema = z
  .object({
    externalId: z.string().trim().min(1).max(40).optional().openapi({ description: 'Code of the operation (generated when absent); imports are idempotent by it' }),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(OPERATION_KINDS),
    plan: z.enum(PLANS),
    programmeYear: z.number().int().min(2000).max(2100),
    dwellingIds: z.array(Id).min(1).max(5_000),
    endDate: Day.openapi({ description: 'Planned handover, used until the phases give one' }),
    plannedCents: Cents,
    committedCents: Cents.default(0),
    paidCents: Cents.default(0),
    labelBefore: Label.nullable().default(null),
    targetLabel: Label.nullable().default(null),
    labelAfter: Label.nullable().default(null),
    energyBefore: Energy.nullable().default(null).openapi({ description: 'Primary energy before works, kWhEP/m²/yr' }),
    energyTarget: Energy.nullable().default(null),
    energyAfter: Energy.nullable().default(null),
    ghgBefore: Energy.nullable().default(null).openapi({ description: 'GHG before works, kgCO2e/m²/yr' }),
    phases: z.partialRecord(z.enum(PHASES), PhaseDatesSchema).default({}),
  })
  .openapi('RenovationOperationInput');

export const FinancingLineInputSchema = z
  .object({
    source: z.enum(FUNDING_SOURCES),
    amountCents: Cents.positive(),
    status: z.enum(FUNDING_STATUSES),
    conventionId: Id.nullable().default(null).openapi({ description: 'Application convention of a Département line (required once notified)' }),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .openapi('FinancingLineInput');

export const ConventionInputSchema = z
  .object({
    externalId: z.string().trim().min(1).max(40),
    kind: z.enum(['framework', 'application']),
    frameworkId: Id.nullable().default(null),
    name: z.string().trim().min(1).max(200),
    firstYear: z.number().int().min(2000).max(2100),
    lastYear: z.number().int().min(2000).max(2100),
    investmentCents: Cents,
    operatingCents: Cents,
    signedOn: Day.nullable().default(null),
  })
  .openapi('FundingConventionInput');

const OperationSummaryShape = {
  id: z.number().int(),
  externalId: z.string(),
  name: z.string(),
  kind: z.enum(OPERATION_KINDS),
  plan: z.enum(PLANS),
  programmeYear: z.number().int().nullable(),
  directorateId: z.number().int().nullable(),
  directorateName: z.string().nullable(),
  endDate: z.string(),
  plannedCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  labelBefore: Label.nullable(),
  targetLabel: Label.nullable(),
  labelAfter: Label.nullable(),
  energyBefore: z.number().nullable(),
  energyTarget: z.number().nullable(),
  energyAfter: z.number().nullable(),
  ghgBefore: z.number().nullable(),
  dwellings: z.number().int(),
  targetGainPercent: z.number().nullable(),
  gainPercent: z.number().nullable().openapi({ description: 'Primary energy gain after works, %' }),
  expectedHandover: z.string(),
  guaranteeEnd: z.string(),
  currentPhase: z.union([z.enum(PHASES), z.literal('planned'), z.literal('closed')]),
  financing: z.object({
    totalCents: z.number().int(),
    byStatus: z.object({ requested: z.number().int(), notified: z.number().int(), committed: z.number().int(), paid: z.number().int() }),
  }),
};

export const OperationListSchema = z
  .object({ total: z.number().int(), items: z.array(z.object(OperationSummaryShape)) })
  .openapi('RenovationOperationList');

export const OperationDetailSchema = z
  .object({
    ...OperationSummaryShape,
    dwellingIds: z.array(z.number().int()),
    phases: z.array(z.object({ phase: z.enum(PHASES), plannedStart: z.string().nullable(), plannedEnd: z.string().nullable(), actualStart: z.string().nullable(), actualEnd: z.string().nullable() })),
    delays: z.partialRecord(z.enum(PHASES), z.number().int()).openapi({ description: 'Days late at the end of each phase' }),
    financingLines: z.array(z.object({
      id: z.number().int(), source: z.enum(FUNDING_SOURCES), amountCents: z.number().int(), status: z.enum(FUNDING_STATUSES),
      conventionId: z.number().int().nullable(), note: z.string().nullable(),
    })),
    statusChanges: z.array(z.object({
      lineId: z.number().int(), source: z.enum(FUNDING_SOURCES), fromStatus: z.enum(FUNDING_STATUSES).nullable(), toStatus: z.enum(FUNDING_STATUSES).nullable(),
      amountCents: z.number().int(), changedAt: z.string(), changedBy: z.string(),
    })).openapi({ description: 'Status history of the financing lines, oldest first (no "from" at creation, no "to" at deletion)' }),
    hints: z.array(z.object({ code: z.string(), level: z.enum(['info', 'warning']), fr: z.string(), en: z.string() })),
  })
  .openapi('RenovationOperation');

export const OperationFilterSchema = z.object({
  kind: z.enum(OPERATION_KINDS).optional(),
  plan: z.enum(PLANS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  directorateId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
