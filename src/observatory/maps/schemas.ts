import { z } from '@hono/zod-openapi';
import { FilterQuerySchema } from '../schemas.js';

/** Query and answer schemas of the map routes (choropleths and emerging hotspots), GeoJSON answers. */

export const CHOROPLETH_UNITS = ['agency', 'commune', 'hexagon'] as const;

const HexagonSide = z.coerce.number().int().min(50).max(2000).default(125)
  .openapi({ description: 'Hexagon side in metres (125: the area of a 200 m square); partners get 300 at least' });

export const ChoroplethQuerySchema = FilterQuerySchema.extend({
  unit: z.enum(CHOROPLETH_UNITS).default('agency').openapi({ description: 'Areas: agencies, communes, or hexagons of `cellSize`' }),
  cellSize: HexagonSide,
});

export const EmergingQuerySchema = FilterQuerySchema.extend({
  cellSize: HexagonSide,
  distance: z.coerce.number().int().min(100).max(5000).default(400).openapi({ description: 'Neighbourhood radius of the monthly Gi* (metres)' }),
});

const Hidden = z.enum(['< 5', 's']);
const Count = z.union([z.number(), Hidden]);
const Rate = z.union([z.number(), Hidden]).nullable();
const Range = z.object({ from: z.string(), to: z.string() });
/** GeoJSON geometry (Polygon or MultiPolygon, WGS 84). */
const Geometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) });

export const ChoroplethSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    period: Range,
    unit: z.enum(CHOROPLETH_UNITS),
    cellSize: z.number().nullable().openapi({ description: 'Hexagon side used (metres), null for agencies and communes' }),
    source: z.enum(['boundaries', 'derived', 'grid']).openapi({
      description: '`boundaries`: imported commune boundaries; `derived`: approximate areas drawn from the patrimony (no boundary imported); `grid`: hexagons',
    }),
    withheld: z.literal('partner').optional(),
    /** Agencies or communes of the answer drawn without an area (their communes were not imported). */
    withoutArea: z.array(z.string()),
    features: z.array(z.object({
      type: z.literal('Feature'),
      geometry: Geometry,
      properties: z.object({
        key: z.string(), name: z.string().nullable(), incidents: Count, dwellings: z.number(), ratePer100Dwellings: Rate,
        buildingIds: z.array(z.number()).optional().openapi({ description: 'Buildings of a hexagon (not for partners)' }),
      }),
    })),
  })
  .openapi('ObservatoryChoropleth');

export const EMERGING_CATEGORIES = [
  ...['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical'].flatMap((pattern) => [`${pattern}_hot_spot`, `${pattern}_cold_spot`]),
  'no_pattern',
] as const;

export const EmergingSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    period: Range,
    months: z.number(),
    cellSize: z.number(),
    distance: z.number(),
    features: z.array(z.object({
      type: z.literal('Feature'),
      geometry: Geometry,
      properties: z.object({
        key: z.string(),
        category: z.enum(EMERGING_CATEGORIES),
        trend: z.enum(['increasing', 'decreasing', 'no trend']),
        hotMonths: z.number(), coldMonths: z.number(), lastZ: z.number(),
        incidents: Count, dwellings: z.number(),
        buildingIds: z.array(z.number()).optional(),
      }),
    })),
  })
  .openapi('ObservatoryEmerging');
