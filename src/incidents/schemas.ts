import { z } from '@hono/zod-openapi';
import { ACTION_KINDS, LEGAL_OUTCOMES } from './domain/actions.js';
import { HALL_LEVELS, HALL_REASONS } from './domain/hall-level.js';
import { CHANNELS, FAMILIES, ITT_CLASSES, PERPETRATOR_STATUSES, PLACE_KINDS, SEVERITIES, VICTIM_ROLES } from './domain/vocabulary.js';
import { OUTCOMES, STATUSES } from './domain/workflow.js';

/** Incident ids are bigint in storage; any safe positive integer is accepted. */
export const IncidentIdParam = z.object({
  incidentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'incidentId', in: 'path' } }),
});

const Id = z.number().int().positive().max(2_147_483_647);
const IncidentId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Money = z.number().nonnegative().max(9_999_999_999.99).multipleOf(0.01);
const Reference = z.string().trim().min(1).max(100);
const Instant = z.iso.datetime({ offset: true });
const Day = z.iso.date();

const SensitiveTextConfirmed = z.boolean().optional().openapi({
  description: 'Set after a 422 that flagged the free text (sensitive terms, likely names): keeps the text as written; the choice is audited',
});

export const VictimSchema = z.object({
  role: z.enum(VICTIM_ROLES),
  ittClass: z.enum(ITT_CLASSES).nullable().default(null),
});

export const CategorySchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    family: z.enum(FAMILIES),
    labelFr: z.string(),
    labelEn: z.string(),
    defaultSeverity: z.enum(SEVERITIES),
    active: z.boolean(),
  })
  .openapi('IncidentCategory');

export const CategoryChangeSchema = z
  .object({
    labelFr: z.string().trim().min(1).max(120).optional(),
    labelEn: z.string().trim().min(1).max(120).optional(),
    defaultSeverity: z.enum(SEVERITIES).optional(),
    active: z.boolean().optional(),
  })
  .openapi('IncidentCategoryChange');

export const CreateIncidentSchema = z
  .object({
    place: z.object({ kind: z.enum(PLACE_KINDS), id: Id }),
    occurredAt: z.union([Day, Instant]).openapi({ description: 'A day alone (time unknown) or a date-time with offset' }),
    occurredUntil: Instant.nullish().openapi({ description: 'End of the period, when the facts span one' }),
    channel: z.enum(CHANNELS),
    categoryCode: z.string().min(3).max(40),
    severity: z.enum(SEVERITIES).optional().openapi({ description: 'Defaults to the category’s severity' }),
    description: z.string().trim().min(1).max(2000),
    victims: z.array(VictimSchema).max(20).default([]),
    perpetrator: z.enum(PERPETRATOR_STATUSES).default('not_identified'),
    estimatedCost: Money.nullish(),
    actualCost: Money.nullish(),
    workOrderRef: Reference.nullish(),
    insuranceClaimRef: Reference.nullish(),
    status: z.enum(['draft', 'recorded']).default('recorded'),
    idempotencyKey: z.string().min(8).max(100).optional().openapi({ description: 'Sent by a phone with an offline capture: a retry returns the incident already recorded' }),
    sensitiveTextConfirmed: SensitiveTextConfirmed,
  })
  .openapi('IncidentInput');
export type CreateIncidentInput = z.infer<typeof CreateIncidentSchema>;

export const UpdateIncidentSchema = z
  .object({
    categoryCode: z.string().min(3).max(40),
    severity: z.enum(SEVERITIES),
    channel: z.enum(CHANNELS),
    description: z.string().trim().min(1).max(2000),
    victims: z.array(VictimSchema).max(20),
    perpetrator: z.enum(PERPETRATOR_STATUSES),
    estimatedCost: Money.nullable(),
    actualCost: Money.nullable(),
    workOrderRef: Reference.nullable(),
    insuranceClaimRef: Reference.nullable(),
    sensitiveTextConfirmed: SensitiveTextConfirmed,
  })
  .partial()
  .openapi('IncidentChange');
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentSchema>;

export const TransitionSchema = z
  .object({
    to: z.enum(STATUSES),
    outcome: z.enum(OUTCOMES).nullish(),
    reason: z.string().max(1000).nullish(),
  })
  .openapi('IncidentTransition');

export const ActionInputSchema = z
  .object({
    kind: z.enum(ACTION_KINDS),
    date: Day,
    note: z.string().max(2000).nullish(),
    policeStation: z.string().max(200).nullish(),
    legalOutcome: z.enum(LEGAL_OUTCOMES).nullish(),
    sensitiveTextConfirmed: SensitiveTextConfirmed,
  })
  .openapi('IncidentActionInput');

export const CommentInputSchema = z.object({ body: z.string().trim().min(1).max(4000), sensitiveTextConfirmed: SensitiveTextConfirmed }).openapi('IncidentCommentInput');
export const MergeSchema = z.object({ duplicateId: IncidentId }).openapi('IncidentMerge');

export const ListFiltersSchema = z.object({
  from: Day.optional().openapi({ description: 'First day (Paris time), inclusive' }),
  to: Day.optional().openapi({ description: 'Last day (Paris time), inclusive' }),
  agencyId: z.coerce.number().pipe(Id).optional(),
  residenceId: z.coerce.number().pipe(Id).optional(),
  buildingId: z.coerce.number().pipe(Id).optional(),
  entranceId: z.coerce.number().pipe(Id).optional(),
  commune: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code INSEE attendu / INSEE code expected').optional().openapi({ description: 'INSEE code: the residences of that commune' }),
  buildingIds: z
    .string()
    .regex(/^\d{1,10}(,\d{1,10}){0,499}$/, 'identifiants séparés par des virgules / comma-separated ids expected')
    .transform((value) => value.split(',').map(Number))
    .pipe(z.array(Id))
    .optional()
    .openapi({ type: 'string', example: '12,15', description: 'Any of these buildings (500 at most): an area of the observatory map' }),
  family: z.enum(FAMILIES).optional(),
  category: z.string().max(40).optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(STATUSES).optional(),
  channel: z.enum(CHANNELS).optional(),
  mine: z.enum(['true']).optional().openapi({ description: 'Only the incidents the signed-in user recorded (to follow what became of them), merged duplicates included' }),
});
export type ListFilters = z.infer<typeof ListFiltersSchema>;

export const ListQuerySchema = ListFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const NearestQuerySchema = z.object({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

export const NearestPlaceSchema = z
  .object({
    kind: z.enum(['entrance', 'building']),
    id: z.number().int(),
    name: z.string(),
    buildingId: z.number().int(),
    residenceId: z.number().int(),
    residenceName: z.string(),
    lon: z.number(),
    lat: z.number(),
    distanceMetres: z.number(),
  })
  .openapi('NearestPlace');

export const HallLevelsQuerySchema = z.object({
  asOf: Day.optional().openapi({ description: 'Reference day (Paris time), inclusive; today when omitted' }),
});

export const IncidentSchema = z
  .object({
    id: z.number().int(),
    externalId: z.string().nullable(),
    status: z.enum(STATUSES),
    outcome: z.enum(OUTCOMES).nullable(),
    placeKind: z.enum(PLACE_KINDS),
    dwellingId: z.number().int().nullable(),
    commonAreaId: z.number().int().nullable(),
    entranceId: z.number().int().nullable(),
    buildingId: z.number().int().nullable(),
    residenceId: z.number().int(),
    agencyId: z.number().int(),
    lon: z.number(),
    lat: z.number(),
    occurredAt: z.string(),
    occurredUntil: z.string().nullable(),
    timeUnknown: z.boolean(),
    recordedAt: z.string(),
    recordedBy: z.number().int().nullable(),
    channel: z.enum(CHANNELS),
    categoryCode: z.string(),
    categoryVersion: z.number().int(),
    categoryLabelFr: z.string(),
    categoryLabelEn: z.string(),
    family: z.enum(FAMILIES),
    severity: z.enum(SEVERITIES),
    description: z.string(),
    victims: z.array(z.object({ role: z.enum(VICTIM_ROLES), ittClass: z.enum(ITT_CLASSES).nullable() })),
    perpetrator: z.enum(PERPETRATOR_STATUSES),
    estimatedCost: z.number().nullable(),
    actualCost: z.number().nullable(),
    workOrderRef: z.string().nullable(),
    insuranceClaimRef: z.string().nullable(),
    suspectedDuplicateOf: z.number().int().nullable(),
    duplicateOf: z.number().int().nullable(),
    mergedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Incident');

export const CreatedIncidentSchema = z
  .object({
    incident: IncidentSchema,
    suggestedSeverity: z.enum(SEVERITIES),
    probableDuplicates: z.array(z.number().int()).openapi({ description: 'Earlier incidents of the same family, same place, within 48 h' }),
  })
  .openapi('CreatedIncident');

export const ActionSchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int(),
  kind: z.enum(ACTION_KINDS),
  date: z.string(),
  note: z.string().nullable(),
  policeStation: z.string().nullable(),
  legalOutcome: z.enum(LEGAL_OUTCOMES).nullable(),
  recordedAt: z.string(),
  recordedBy: z.number().int().nullable(),
}).openapi('IncidentAction');

export const CommentSchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int(),
  body: z.string(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
}).openapi('IncidentComment');

const HistoryEntrySchema = z.object({
  incidentId: z.number().int(),
  changedAt: z.string(),
  changedBy: z.number().int().nullable(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

export const IncidentDetailSchema = IncidentSchema.extend({
  allowedTransitions: z.array(z.enum(STATUSES)),
  mergedIncidents: z.array(z.number().int()),
  probableDuplicates: z.array(z.number().int()).openapi({ description: 'Live incidents the duplicate rule pairs with this one: what it may be merged with' }),
  actions: z.array(ActionSchema),
  comments: z.array(CommentSchema),
  history: z.array(HistoryEntrySchema),
}).openapi('IncidentDetail');

export const IncidentPageSchema = z
  .object({ items: z.array(IncidentSchema), nextCursor: z.string().nullable() })
  .openapi('IncidentPage');

export const HallLevelsSchema = z
  .object({
    residenceId: z.number().int(),
    asOf: z.string(),
    windowDays: z.number().int(),
    entrances: z.array(z.object({
      entranceId: z.number().int(),
      entranceName: z.string(),
      buildingId: z.number().int(),
      buildingName: z.string().nullable(),
      level: z.enum(HALL_LEVELS),
      reason: z.enum(HALL_REASONS),
      incidents: z.number().int(),
    })),
  })
  .openapi('HallLevels');

