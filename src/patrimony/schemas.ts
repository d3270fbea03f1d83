import { z } from '@hono/zod-openapi';

export const PatrimonyStatsSchema = z
  .object({
    organisations: z.number().int(),
    directorates: z.number().int(),
    agencies: z.number().int(),
    communes: z.number().int(),
    residences: z.number().int(),
    buildings: z.number().int(),
    entrances: z.number().int(),
    dwellings: z.number().int(),
    collective: z.number().int(),
    individual: z.number().int(),
    commonAreas: z.number().int(),
  })
  .openapi('PatrimonyStats');

export const ResidenceSummarySchema = z
  .object({
    id: z.number().int(),
    externalId: z.string(),
    name: z.string(),
    communeInsee: z.string(),
    communeName: z.string(),
    agencyName: z.string(),
    qpvCode: z.string().nullable(),
    dwellings: z.number().int(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
  })
  .openapi('ResidenceSummary');

const BuildingSchema = z.object({
  id: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  address: z.string(),
  constructionYear: z.number().int().nullable(),
  lon: z.number(),
  lat: z.number(),
  entrances: z.array(z.object({ id: z.number().int(), name: z.string(), dwellings: z.number().int() })),
  dwellings: z.number().int(),
  collective: z.number().int(),
  individual: z.number().int(),
});

const DwellingSchema = z.object({
  id: z.number().int(),
  externalId: z.string(),
  rplsId: z.string().nullable(),
  buildingId: z.number().int(),
  entranceId: z.number().int().nullable(),
  kind: z.enum(['collective', 'individual']),
  floor: z.number().int().nullable(),
  rooms: z.number().int().nullable(),
  habitableSurface: z.number().nullable(),
  constructionYear: z.number().int().nullable(),
  financing: z.string().nullable(),
  dpeEnergyClass: z.string().nullable(),
  dpeGhgClass: z.string().nullable(),
  dpeDate: z.string().nullable(),
});

export const ResidenceDetailSchema = ResidenceSummarySchema.extend({
  buildings: z.array(BuildingSchema),
  dwellings: z.array(DwellingSchema),
}).openapi('ResidenceDetail');

export const ResidenceMapSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
        properties: z.object({ id: z.number().int(), name: z.string(), communeName: z.string(), dwellings: z.number().int() }),
      }),
    ),
  })
  .openapi('ResidenceMap');
