import { z } from '@hono/zod-openapi';
import { validationError } from '../../core/errors.js';
import { zodFieldErrors } from '../../http/problem.js';

/** Query parameters of the report routes, shared with the command line's options. */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM attendu / expected');
const Year = z.coerce.number().int().min(2000).max(2100).openapi({ description: 'Calendar year; defaults to the last complete year' });
const Communes = z.string().regex(/^[0-9][0-9AB][0-9]{3}(,[0-9][0-9AB][0-9]{3}){0,49}$/, 'Codes INSEE séparés par des virgules / comma-separated INSEE codes');

export const PartnerPackQuerySchema = z.object({
  communes: Communes.optional().openapi({ description: 'INSEE codes; a partner\'s own communes by default' }),
  qpv: z.string().min(3).max(20).optional().openapi({ description: 'Priority neighbourhood code (narrows the communes)' }),
  from: Month.optional(),
  to: Month.optional(),
  format: z.enum(['pdf', 'xlsx']).default('pdf'),
});

export const YearQuerySchema = z.object({ year: Year.optional() });

/** Options of a command checked as the route checks its query (the same 4xx naming the field). */
export function parseOptions<T extends z.ZodType>(schema: T, options: unknown): z.infer<T> {
  const parsed = schema.safeParse(options);
  if (!parsed.success) throw validationError('Options invalides / Invalid options', zodFieldErrors(parsed.error, ''));
  return parsed.data;
}

/** The last complete calendar year, in Paris. */
export const lastYear = (now = new Date()) => Number(now.toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' }).slice(0, 4)) - 1;
