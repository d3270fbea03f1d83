import type { z } from 'zod';
import type { ChoroplethSchema, EmergingSchema } from '../../../src/observatory/maps/schemas.js';
import type { ClustersSchema, DashboardSchema, HallLevelsSchema, HeatmapSchema, HotspotsSchema } from '../../../src/observatory/schemas.js';

/** The observatory API's own schemas describe what the pages receive. */
export type Dashboard = z.infer<typeof DashboardSchema>;
export type Clusters = z.infer<typeof ClustersSchema>;
export type Heatmap = z.infer<typeof HeatmapSchema>;
export type Hotspots = z.infer<typeof HotspotsSchema>;
export type HallLevels = z.infer<typeof HallLevelsSchema>;
export type Choropleth = z.infer<typeof ChoroplethSchema>;
export type Emerging = z.infer<typeof EmergingSchema>;
/** A count or a figure a partner may not read: « < 5 » (1 to 4) or « s » (hidden so that none can be recomputed). */
export type Figure = number | '< 5' | 's';
