import { z } from '@hono/zod-openapi';
import { FilterQuerySchema, HotspotQuerySchema, HotspotsSchema } from '../schemas.js';

/**
 * Bounds of half-open bands ([a, b)), increasing from 0 or more; the last one may be "inf" for an
 * open band. At most 12 bands: each cell of the table is re-counted at every permutation.
 */
const Bounds = (unit: string, max: number) =>
  z
    .array(z.union([z.number().min(0).max(max), z.literal('inf')]))
    .min(2)
    .max(13)
    .superRefine((bounds, context) => {
      const numbers = bounds.map((bound) => (bound === 'inf' ? Infinity : bound));
      if (bounds.slice(0, -1).includes('inf')) context.addIssue({ code: 'custom', message: 'seule la dernière borne peut être « inf » / only the last bound may be "inf"' });
      else if (!numbers.every((bound, i) => i === 0 || bound > numbers[i - 1]!)) context.addIssue({ code: 'custom', message: 'bornes strictement croissantes attendues / strictly increasing bounds expected' });
    })
    .openapi({ description: `Band bounds in ${unit}: [0, 100, 200] means [0, 100) and [100, 200); end with "inf" for an open last band`, example: [0, 100, 200, 400] });

const Seed = z.number().int().min(0).max(2_147_483_647).default(1).openapi({ description: 'Seed of the permutations: the same seed reproduces a run' });

export const NearRepeatJobInputSchema = z
  .object({
    filters: FilterQuerySchema.default({}).openapi({ description: 'The observatory filters (period, places, family…); the caller’s perimeter always applies' }),
    distanceBands: Bounds('metres', 5_000),
    timeBands: Bounds('days', 3_650),
    iterations: z.union([z.literal(99), z.literal(999)]).default(99).openapi({ description: 'Monte-Carlo permutations of the dates' }),
    seed: Seed,
    metric: z.enum(['euclidean', 'manhattan']).default('euclidean'),
  })
  .openapi('NearRepeatJobInput');
export type NearRepeatJobInput = z.infer<typeof NearRepeatJobInputSchema>;

const { unit, cellSize, distance } = HotspotQuerySchema.shape;
export const HotspotPermutationJobInputSchema = z
  .object({
    filters: FilterQuerySchema.default({}),
    unit, cellSize, distance,
    permutations: z.union([z.literal(99), z.literal(999)]).default(999).openapi({ description: 'Conditional permutations per unit' }),
    seed: Seed,
  })
  .openapi('HotspotPermutationJobInput');
export type HotspotPermutationJobInput = z.infer<typeof HotspotPermutationJobInputSchema>;

export const JobSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['near_repeat', 'hotspot_permutation']),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    progress: z.object({ done: z.number().int(), total: z.number().int() }).openapi({ description: 'Permutations (Knox) or units (Gi*) done, of the total; total 0 until the job starts' }),
    parameters: z.record(z.string(), z.unknown()),
    problem: z.object({ title: z.string(), detail: z.string() }).nullable().openapi({ description: 'Why a job failed or was cancelled' }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ObservatoryJob');

const BandSchema = z.object({ from: z.number(), to: z.number().nullable().openapi({ description: 'null: open band [from, ∞)' }), label: z.string() });

export const NearRepeatResultSchema = z
  .object({
    kind: z.literal('near_repeat'),
    period: z.object({ from: z.string(), to: z.string() }),
    events: z.number().int(),
    hiddenConfidential: z.number().int().openapi({ description: 'Attacks on staff the caller may not see: left out of the analysis' }),
    iterations: z.number().int(),
    seed: z.number().int(),
    metric: z.enum(['euclidean', 'manhattan']),
    distanceBands: z.array(BandSchema),
    timeBands: z.array(BandSchema),
    cells: z.array(z.object({
      distance: BandSchema, time: BandSchema, observed: z.number(), expected: z.number(),
      knoxRatio: z.number().nullable(), pValue: z.number(),
    })),
  })
  .openapi('NearRepeatResult');

export const HotspotPermutationResultSchema = HotspotsSchema.extend({
  kind: z.literal('hotspot_permutation'),
  permutations: z.number().int(),
  seed: z.number().int(),
  units: z.array(HotspotsSchema.shape.units.element.extend({
    pSim: z.number().openapi({ description: 'Folded one-sided pseudo p-value (PySAL p_sim); `bin` is read from it with FDR' }),
  })),
}).openapi('HotspotPermutationResult');

export const JobResultSchema = z.union([NearRepeatResultSchema, HotspotPermutationResultSchema]);
