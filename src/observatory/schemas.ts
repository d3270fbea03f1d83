import { z } from '@hono/zod-openapi';
import { FAMILIES, SEVERITIES } from '../incidents/domain/vocabulary.js';
import { STATUSES } from '../incidents/domain/workflow.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM attendu / expected');

/** The filters every observatory answer shares, as query parameters (kept in the page URL). */
export const FilterQuerySchema = z.object({
  from: Month.optional().openapi({ description: 'First month (YYYY-MM), included; defaults to 11 months before `to`' }),
  to: Month.optional().openapi({ description: 'Last month (YYYY-MM), included; defaults to the current month (Paris)' }),
  directorateId: Id.optional(),
  agencyId: Id.optional(),
  commune: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code INSEE attendu / INSEE code expected').optional(),
  qpv: z.string().min(3).max(20).optional(),
  residenceId: Id.optional(),
  buildingId: Id.optional(),
  entranceId: Id.optional(),
  family: z.enum(FAMILIES).optional(),
  category: z.string().min(3).max(40).optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(STATUSES).optional(),
});
export type FilterQuery = z.infer<typeof FilterQuerySchema>;

const Longitude = z.coerce.number().min(-180).max(180);
const Latitude = z.coerce.number().min(-90).max(90);

export const ClusterQuerySchema = FilterQuerySchema.extend({
  bbox: z
    .string()
    .transform((value, context) => {
      const parts = value.split(',').map(Number);
      const [west, south, east, north] = parts;
      const valid = parts.length === 4 && Longitude.safeParse(west).success && Longitude.safeParse(east).success
        && Latitude.safeParse(south).success && Latitude.safeParse(north).success && south! <= north!;
      if (!valid) {
        context.addIssue({ code: 'custom', message: 'ouest,sud,est,nord en degrés attendus / west,south,east,north in degrees expected' });
        return z.NEVER;
      }
      return parts as [number, number, number, number];
    })
    .openapi({ type: 'string', example: '1.5,50.2,3.2,51.0', description: 'west,south,east,north (WGS 84)' }),
  zoom: z.coerce.number().int().min(0).max(22),
});

export const HotspotQuerySchema = FilterQuerySchema.extend({
  unit: z.enum(['building', 'cell']).default('cell').openapi({ description: 'Units holding dwellings: square cells (default: rates on single houses are noise), or buildings' }),
  cellSize: z.coerce.number().int().min(100).max(1000).default(200).openapi({ description: 'Cell side in metres (unit=cell)' }),
  distance: z.coerce.number().int().min(100).max(5000).default(400).openapi({ description: 'Neighbourhood radius in metres' }),
});

const Nullable = z.number().nullable();
/** A figure a partner may not read: a count of 1 to 4, or a cell hidden so that none can be recomputed (docs/observatory.md). */
const Hidden = z.enum(['< 5', 's']).openapi('ObservatoryHiddenFigure', { description: '« < 5 »: a count of 1 to 4; « s »: hidden so that no small count can be recomputed' });
const Count = z.union([z.number(), Hidden]);
const Derived = z.union([z.number(), Hidden]).nullable();
const StaffAssaultsSchema = z.object({
  total: Count, verbal: Count, physical: Count, other: Count,
  itt: z.object({ none: Count, upTo8Days: Count, over8Days: Count, unknown: Count }),
  per100Staff: Derived,
});
const IndicatorsSchema = z.object({
  incidents: Count, ratePer100Dwellings: Derived, damageCostPerDwellingPerYear: Derived, damageCost: Count,
  complaintShare: Derived, meanHandlingHours: Derived, staffAssaults: StaffAssaultsSchema,
});
const Range = z.object({ from: z.string(), to: z.string() });
const Levels = z.object({ green: Count, yellow: Count, orange: Count, red: Count });
const Rated = { incidents: Count, dwellings: z.number(), ratePer100Dwellings: Derived, damageCost: Count };

export const DashboardSchema = z
  .object({
    period: z.object({ current: Range, previous: Range, lastYear: Range }),
    dwellings: z.number(),
    staff: Nullable,
    indicators: z.object({ current: IndicatorsSchema, previous: IndicatorsSchema, lastYear: IndicatorsSchema }),
    repeatIncidents: z.object({ hallsWithIncidents: Count, hallsWithRepeats: Count, repeatHallShare: Derived, repeatIncidentShare: Derived }),
    hallLevels: z.object({ levels: Levels, previousLevels: Levels, worse: Count, better: Count }),
    families: z.array(z.object({ family: z.string(), incidents: Count, damageCost: Count })),
    categories: z.array(z.object({ code: z.string(), family: z.string(), incidents: z.number(), damageCost: z.number() })),
    trend: z.array(z.object({ month: z.string(), incidents: Count, damageCost: Count })),
    seasonal: z.array(z.object({ year: z.number(), months: z.array(Derived) })),
    hourWeekday: z.object({
      grid: z.array(z.array(Count)), incidentsWithTime: Count, appliedFilters: z.array(z.string()),
      available: z.boolean().openapi({ description: 'False for a perimeter of communes: the hour roll-up knows agencies only' }),
    }),
    directorates: z.array(z.object({ directorateId: z.number(), name: z.string(), incidents: z.number(), dwellings: z.number(), ratePer100Dwellings: Nullable })),
    agencies: z.array(z.object({
      agencyId: z.number(), name: z.string(), directorateId: z.number(),
      incidents: z.number(), dwellings: z.number(), ratePer100Dwellings: Nullable, damageCost: z.number(), previous: z.number(), lastYear: z.number(),
      complaintShare: Nullable, staff: Nullable, staffAssaultsWithVictim: z.number(), staffAssaultsPer100Staff: Nullable, reportingIndex: Nullable,
    })),
    communes: z.array(z.object({ insee: z.string(), name: z.string().nullable(), ...Rated })),
    qpv: z.array(z.object({ code: z.string().nullable(), ...Rated })),
    residences: z.array(z.object({
      residenceId: z.number(), name: z.string(), agencyId: z.number(), communeInsee: z.string(), qpvCode: z.string().nullable(),
      incidents: z.number(), dwellings: z.number(), ratePer100Dwellings: Nullable, damageCost: z.number(),
    })),
    halls: z.array(z.object({
      entranceId: z.number(), incidents: z.number(), name: z.string().optional(), buildingName: z.string().nullable().optional(), residenceName: z.string().optional(),
    })),
    suppression: z
      .object({ threshold: z.number(), withheld: z.array(z.string()) })
      .nullable()
      .openapi({ description: 'Set for partners: counts below the threshold hidden, these panels withheld (empty)' }),
  })
  .openapi('ObservatoryDashboard');

/** Set when the answer is withheld from the caller's role (partners get no points nor halls). */
const Withheld = z.literal('partner').optional();

export const ClustersSchema = z
  .object({
    zoom: z.number(),
    bbox: z.array(z.number()),
    indexedPoints: z.number(),
    hiddenConfidential: z.number().openapi({ description: 'Attacks on staff counted in the figures that the caller may not see placed on the map' }),
    withheld: Withheld,
    features: z.array(z.object({
      kind: z.enum(['cluster', 'incident']), lon: z.number(), lat: z.number(), count: z.number(),
      clusterId: z.number().optional(), expansionZoom: z.number().optional(),
      incidentId: z.number().optional(), family: z.string().optional(), severity: z.string().optional(),
    })),
  })
  .openapi('ObservatoryClusters');

export const HeatmapSchema = z
  .object({ period: Range, points: z.array(z.object({ lon: z.number(), lat: z.number(), weight: z.number() })) })
  .openapi('ObservatoryHeatmap');

export const HotspotsSchema = z
  .object({
    period: Range,
    unit: z.enum(['building', 'cell']),
    cellSize: z.number().nullable().openapi({ description: 'Side of the cells used (metres; partners get 500 at least), null for buildings' }),
    distance: z.number(),
    units: z.array(z.object({
      id: z.number(), lon: z.number(), lat: z.number(), dwellings: z.number(), incidents: Count, ratePer100Dwellings: z.union([z.number(), Hidden]),
      z: z.number(), p: z.number(), bin: z.number().int().min(-3).max(3),
    })),
  })
  .openapi('ObservatoryHotspots');

const AssessmentSchema = z.object({ level: z.enum(['green', 'yellow', 'orange', 'red']), reason: z.string(), incidents: z.number() });

export const HallLevelsSchema = z
  .object({
    quarter: Range,
    previousQuarter: Range,
    withheld: Withheld,
    entrances: z.array(z.object({
      entranceId: z.number(), name: z.string(), buildingId: z.number(), buildingName: z.string().nullable(), residenceId: z.number(),
      residenceName: z.string(), lon: z.number(), lat: z.number(), dwellings: z.number(),
      current: AssessmentSchema, previous: AssessmentSchema, change: z.enum(['worse', 'better', 'same']),
    })),
  })
  .openapi('ObservatoryHallLevels');

export const StaffInputSchema = z
  .object({ agencies: z.array(z.object({ agencyId: z.number().int().positive(), staff: z.number().int().min(0).max(100_000) })).min(1).max(1000) })
  .openapi('ObservatoryStaffInput');
