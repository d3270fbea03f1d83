import type { Figure } from './suppression.js';

/**
 * The dashboard as flat rows for CSV and XLSX exports: one row per figure of each panel, taken
 * from the answer the caller received (so a partner's export carries the same « < 5 » and « s »,
 * and withheld panels stay out).
 */
export interface ExportRow {
  panel: string;
  key: string;
  label: string;
  incidents: Figure;
  dwellings: number | null;
  ratePer100Dwellings: Figure | null;
  damageCost: Figure | null;
}

type Rated = { incidents: Figure; dwellings?: number; ratePer100Dwellings?: Figure | null; damageCost?: Figure };
interface ExportableDashboard {
  period: Record<'current' | 'previous' | 'lastYear', { from: string; to: string }>;
  dwellings: number;
  indicators: Record<'current' | 'previous' | 'lastYear', { incidents: Figure; ratePer100Dwellings: Figure | null; damageCost: Figure }>;
  families: ({ family: string } & Rated)[];
  communes: ({ insee: string; name: string | null } & Rated)[];
  qpv: ({ code: string | null } & Rated)[];
  agencies: ({ agencyId: number; name: string } & Rated)[];
  trend: ({ month: string } & Rated)[];
}

export const EXPORT_COLUMNS = ['panel', 'key', 'label', 'incidents', 'dwellings', 'ratePer100Dwellings', 'damageCost'] as const satisfies readonly (keyof ExportRow)[];

const row = (panel: string, key: string, label: string, figures: Rated): ExportRow => ({
  panel, key, label, incidents: figures.incidents, dwellings: figures.dwellings ?? null,
  ratePer100Dwellings: figures.ratePer100Dwellings ?? null, damageCost: figures.damageCost ?? null,
});

export function exportRows(dashboard: ExportableDashboard): ExportRow[] {
  const periods = (['current', 'previous', 'lastYear'] as const).map((period) =>
    row('period', period, `${dashboard.period[period].from} → ${dashboard.period[period].to}`, { ...dashboard.indicators[period], dwellings: dashboard.dwellings }));
  return [
    ...periods,
    ...dashboard.families.map((family) => row('family', family.family, family.family, family)),
    ...dashboard.agencies.map((agency) => row('agency', String(agency.agencyId), agency.name, agency)),
    ...dashboard.communes.map((commune) => row('commune', commune.insee, commune.name ?? commune.insee, commune)),
    ...dashboard.qpv.map((qpv) => row('qpv', qpv.code ?? '', qpv.code ?? 'hors QPV', qpv)),
    ...dashboard.trend.map((month) => row('month', month.month, month.month, month)),
  ];
}
