import { z } from '@hono/zod-openapi';
import { GEOREPORT_STATUSES } from './domain/georeport.js';

const CATEGORY_CODE = /^[A-F]\.[A-Z][A-Z0-9_]{1,31}$/;
const MAX_ID = 9_007_199_254_740_991;

/** A comma-separated list (GeoReport v2's convention), each item checked by `item`. */
function commaList<T>(item: z.ZodType<T>, description: string, example: string) {
  return z
    .string()
    .max(2000)
    .transform((value, context) => {
      const items = value.split(',').map((part) => part.trim()).filter(Boolean).map((part) => item.safeParse(part));
      if (items.length === 0 || items.length > 100 || items.some((parsed) => !parsed.success)) {
        context.addIssue({ code: 'custom', message: `1 à 100 valeurs séparées par des virgules (1 to 100 comma-separated values): ${description}` });
        return z.NEVER;
      }
      return [...new Set(items.map((parsed) => parsed.data as T))];
    })
    .openapi({ type: 'string', description, example });
}

const Id = z.coerce.number().int().positive().max(MAX_ID);
const DateTime = (description: string) =>
  z.iso.datetime({ offset: true }).openapi({ description: `${description} (W3C date-time with its offset, e.g. 2026-01-01T00:00:00+01:00)` });

export const RequestsQuerySchema = z
  .object({
    service_code: commaList(z.string().regex(CATEGORY_CODE), 'service codes (categories)', 'D.TAG,A.DUMP').optional(),
    service_request_id: commaList(Id, 'request ids; without dates, whatever their age', '12,15').optional(),
    start_date: DateTime('Earliest requested_datetime, included; defaults to 90 days before end_date').optional(),
    end_date: DateTime('Latest requested_datetime, included; defaults to now').optional(),
    status: commaList(z.enum(GEOREPORT_STATUSES), 'open, closed', 'open').optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ description: 'Page number, from 1' }),
    page_size: z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'Requests per page (at most 1000)' }),
  })
  .refine((query) => !query.start_date || !query.end_date || Date.parse(query.start_date) <= Date.parse(query.end_date), {
    path: ['end_date'], message: 'end_date doit suivre start_date (end_date must not precede start_date)',
  });

export const ServiceSchema = z
  .object({
    service_code: z.string(),
    service_name: z.string().openapi({ description: 'The category’s current name in the landlord’s nomenclature' }),
    description: z.string(),
    metadata: z.literal(false),
    type: z.literal('realtime'),
    keywords: z.string(),
    group: z.string().openapi({ description: 'The family of the category' }),
  })
  .openapi('Open311Service');

export const ServiceDefinitionSchema = z
  .object({ service_code: z.string(), attributes: z.array(z.object({})).max(0).openapi({ description: 'Always empty: Vigie asks no extra attribute' }) })
  .openapi('Open311ServiceDefinition');

export const ServiceRequestSchema = z
  .object({
    service_request_id: z.string(),
    status: z.enum(GEOREPORT_STATUSES),
    service_code: z.string(),
    service_name: z.string(),
    requested_datetime: z.string().openapi({ description: 'When the incident occurred' }),
    updated_datetime: z.string().openapi({ description: 'Last change to the incident' }),
    lat: z.number().openapi({ description: 'The building’s point (the residence’s for a house or an incident without building), never the incident’s' }),
    long: z.number(),
  })
  .openapi('Open311Request');

export const ServiceCodeParam = z.string().regex(CATEGORY_CODE);
export const RequestIdParam = Id;
