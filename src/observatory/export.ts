import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { EXPORT_COLUMNS, exportRows } from './domain/export.js';
import type { ObservatoryFilter } from './filters.js';
import { dashboard, heatmap } from './service.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  contentType: string;
  filename: string;
  body: Uint8Array<ArrayBuffer>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The dashboard (CSV, XLSX) or the heat of the map (GeoJSON) as files, built from the very
 * answers the caller would read: same perimeter, same suppression for partners.
 */
export async function exportDashboard(db: Queryable, actor: Actor, filter: ObservatoryFilter, format: ExportFormat): Promise<ExportFile> {
  const name = `observatoire-${filter.period.from}-${filter.period.to}`;
  if (format === 'geojson') {
    const heat = await heatmap(db, actor, filter);
    const collection = {
      type: 'FeatureCollection',
      features: heat.points.map((point) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [point.lon, point.lat] }, properties: { incidents: point.weight } })),
    };
    return { contentType: 'application/geo+json', filename: `${name}.geojson`, body: new TextEncoder().encode(JSON.stringify(collection)) };
  }
  const rows = exportRows(await dashboard(db, actor, filter));
  if (format === 'csv') {
    const text = stringify(rows, { header: true, columns: [...EXPORT_COLUMNS] });
    return { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, body: new TextEncoder().encode(text) };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tableau de bord');
  sheet.columns = EXPORT_COLUMNS.map((key) => ({ header: key, key, width: key === 'label' ? 32 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(rows);
  return { contentType: XLSX, filename: `${name}.xlsx`, body: new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer) };
}
