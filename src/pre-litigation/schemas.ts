import { z } from '@hono/zod-openapi';
import { FILE_STATUSES, PERSON_ROLES, STEP_KINDS } from './domain/file.js';

const id = z.number().int().positive().max(2_147_483_647);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), 'date invalide (invalid date)');

export const PersonInputSchema = z.object({
  fullName: z.string().trim().min(1).max(200).openapi({ example: 'Jean Dupont' }),
  role: z.enum(PERSON_ROLES).openapi({ description: 'How the person relates to the dwelling or the facts' }),
  dwellingId: id.nullable().optional().openapi({ description: 'The dwelling the person is tenant or occupant of' }),
}).openapi('PreLitigationPersonInput');

export const FileInputSchema = z.object({
  title: z.string().trim().min(1).max(200).openapi({ description: 'What the dispute is about; no name here (the list shows it)' }),
  incidentIds: z.array(id).min(1).max(200),
  persons: z.array(PersonInputSchema).max(20).default([]),
}).openapi('PreLitigationFileInput');

export const StatusInputSchema = z.object({ status: z.enum(FILE_STATUSES) }).openapi('PreLitigationStatusInput');

export const StepInputSchema = z.object({
  kind: z.enum(STEP_KINDS),
  date: isoDate,
  note: z.string().max(2000).nullable().optional(),
}).openapi('PreLitigationStepInput');

export const LinkInputSchema = z.object({ incidentId: id }).openapi('PreLitigationLinkInput');

export const ListQuerySchema = z.object({ status: z.enum(FILE_STATUSES).optional() });

const summary = {
  id: z.number().int(),
  agencyId: z.number().int(),
  title: z.string(),
  status: z.enum(FILE_STATUSES),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  incidents: z.number().int(),
  persons: z.number().int(),
};

export const FileSummarySchema = z.object(summary).openapi('PreLitigationFileSummary');

export const FileSchema = z.object({
  ...summary,
  incidentIds: z.array(z.number().int()),
  people: z.array(z.object({ id: z.number().int(), fullName: z.string(), role: z.enum(PERSON_ROLES), dwellingId: z.number().int().nullable() })),
  steps: z.array(z.object({ id: z.number().int(), kind: z.enum(STEP_KINDS), date: z.string(), note: z.string().nullable(), recordedAt: z.string() })),
}).openapi('PreLitigationFile');
