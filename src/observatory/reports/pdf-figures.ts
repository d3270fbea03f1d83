import type { HotspotUnit } from '../domain/hotspots.js';
import { toLambert93 } from '../stats/io/lambert93.js';
import { ACCENT, contentWidth, MARGIN, type Doc } from './pdf-layout.js';

/** Vector figures of the board report: the monthly bar chart and the map of hotspot cells (no basemap, nothing fetched). */

const GRID = '#d9dee5';
const LABEL = '#444444';

function niceStep(max: number): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? power * 10;
}

/** Monthly bars, the months of `highlight` in the accent colour, January labelled with its year. */
export function monthBars(doc: Doc, months: readonly { month: string; incidents: number }[], highlight: { from: string; to: string }, height = 150): void {
  const left = MARGIN + 34;
  const width = contentWidth(doc) - 34;
  const top = doc.y + 6;
  const max = Math.max(1, ...months.map((row) => row.incidents));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const yOf = (value: number) => top + height - (value / ceiling) * height;
  doc.fontSize(7).fillColor(LABEL);
  for (let value = 0; value <= ceiling; value += step) {
    doc.moveTo(left, yOf(value)).lineTo(left + width, yOf(value)).lineWidth(0.4).strokeColor(GRID).stroke();
    doc.text(value.toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' '), MARGIN, yOf(value) - 3.5, { width: 30, align: 'right' });
  }
  const slot = width / months.length;
  months.forEach((row, index) => {
    const x = left + index * slot + slot * 0.15;
    const inside = row.month >= highlight.from && row.month <= highlight.to;
    if (row.incidents > 0) doc.rect(x, yOf(row.incidents), slot * 0.7, yOf(0) - yOf(row.incidents)).fill(inside ? ACCENT : '#9db3cf');
    if (row.month.endsWith('-01')) doc.fillColor(LABEL).text(row.month.slice(0, 4), x - 2, top + height + 4, { width: 40, lineBreak: false });
  });
  doc.fillColor('black').fontSize(9);
  doc.x = MARGIN;
  doc.y = top + height + 18;
}

/** Gi* bins from cold (−3) to hot (+3), ColorBrewer's RdBu. */
export const BIN_COLOURS: Record<number, string> = { 3: '#b2182b', 2: '#ef8a62', 1: '#fddbc7', 0: '#e4e7eb', [-1]: '#d1e5f0', [-2]: '#67a9cf', [-3]: '#2166ac' };
const BIN_LABELS: [number, string][] = [[3, 'chaud 99 %'], [2, 'chaud 95 %'], [1, 'chaud 90 %'], [0, 'non significatif'], [-1, 'froid 90 %'], [-2, 'froid 95 %'], [-3, 'froid 99 %']];

/**
 * The cells of a Gi* run as squares of `cellSize` metres, coloured by bin, over the buildings
 * (grey dots, area by incidents), in Lambert-93 fitted to the box; a scale bar of a round length.
 */
export function hotspotMap(
  doc: Doc, cells: readonly HotspotUnit[], points: readonly { lon: number; lat: number; weight: number }[], cellSize: number,
  labels: readonly { text: string; lon: number; lat: number }[] = [], height = 380,
): void {
  const width = contentWidth(doc);
  const top = doc.y;
  doc.rect(MARGIN, top, width, height).fill('#fbfcfd');
  doc.rect(MARGIN, top, width, height).lineWidth(0.6).strokeColor(GRID).stroke();
  const projectedCells = cells.map((cell) => ({ cell, xy: toLambert93(cell.lon, cell.lat) }));
  const projectedPoints = points.map((point) => ({ point, xy: toLambert93(point.lon, point.lat) }));
  const all = [...projectedCells.map(({ xy }) => xy), ...projectedPoints.map(({ xy }) => xy)];
  if (all.length === 0) {
    doc.fillColor(LABEL).text('Aucun logement dans le périmètre.', MARGIN, top + height / 2, { width, align: 'center' });
    doc.y = top + height + 8;
    return;
  }
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs) - cellSize, Math.max(...xs) + cellSize, Math.min(...ys) - cellSize, Math.max(...ys) + cellSize];
  const scale = Math.min((width - 20) / (maxX - minX), (height - 40) / (maxY - minY));
  const offsetX = MARGIN + (width - (maxX - minX) * scale) / 2;
  const offsetY = top + 10 + (height - 40 - (maxY - minY) * scale) / 2;
  const at = ([x, y]: readonly [number, number]) => [offsetX + (x - minX) * scale, offsetY + (maxY - y) * scale] as const;
  const side = Math.max(1.5, cellSize * scale);
  const heaviest = Math.max(1, ...points.map((point) => point.weight));
  for (const { point, xy } of projectedPoints) {
    const [x, y] = at(xy);
    doc.circle(x, y, 0.4 + 1.8 * Math.sqrt(point.weight / heaviest)).fillOpacity(0.35).fill('#333333').fillOpacity(1);
  }
  // Insignificant cells first, then cold, then hot on top; significant cells drawn no smaller than 4 pt so a landlord-wide map still shows them.
  const order = (bin: number) => (bin === 0 ? 0 : bin < 0 ? 1 : 2 + bin);
  for (const { cell, xy } of [...projectedCells].sort((a, b) => order(a.cell.bin) - order(b.cell.bin))) {
    const [x, y] = at(xy);
    const size = cell.bin === 0 ? side : Math.max(4, side);
    doc.rect(x - size / 2, y - size / 2, size, size).fill(BIN_COLOURS[cell.bin] ?? BIN_COLOURS[0]!);
    if (cell.bin !== 0) doc.rect(x - size / 2, y - size / 2, size, size).lineWidth(0.3).strokeColor('#444444').stroke();
  }
  doc.font('bold').fontSize(7);
  for (const label of labels) {
    const [x, y] = at(toLambert93(label.lon, label.lat));
    const width = doc.widthOfString(label.text);
    doc.rect(x + 5, y - 4.5, width + 4, 9).fillOpacity(0.8).fill('white').fillOpacity(1);
    doc.fillColor('#222222').text(label.text, x + 7, y - 3.5, { lineBreak: false });
  }
  doc.font('regular');
  scaleBar(doc, scale, MARGIN + 10, top + height - 16);
  legend(doc, MARGIN + width - 300, top + height - 18);
  doc.fillColor('black').fontSize(9);
  doc.x = MARGIN;
  doc.y = top + height + 8;
}

function scaleBar(doc: Doc, pointsPerMetre: number, x: number, y: number): void {
  const metres = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000].find((length) => length * pointsPerMetre >= 50) ?? 100_000;
  const length = metres * pointsPerMetre;
  doc.moveTo(x, y).lineTo(x + length, y).lineWidth(1.5).strokeColor('#333333').stroke();
  doc.fontSize(6.5).fillColor(LABEL).text(metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, x, y + 3, { width: 60, lineBreak: false });
}

function legend(doc: Doc, x: number, y: number): void {
  doc.fontSize(6.5);
  BIN_LABELS.forEach(([bin, label], index) => {
    const left = x + (index % 4) * 75;
    const top = y + Math.floor(index / 4) * 9 - 9;
    doc.rect(left, top, 7, 7).fill(BIN_COLOURS[bin]!);
    doc.fillColor(LABEL).text(label, left + 10, top, { width: 64, lineBreak: false });
  });
}
