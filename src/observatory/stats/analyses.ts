import { validationError } from '../../core/errors.js';
import { classifyEmerging } from './emerging.js';
import { hotspotBins } from './fdr.js';
import { cellCentre, cellOf, gridFrame, type GridFrame } from './grid.js';
import { giStar, gridGiStar, type GiStarResult } from './gistar.js';
import { giStarPermutationP } from './gistar-permutation.js';
import type { AnalysisRow } from './io/analysis-rows.js';
import { periodLabel, periodOf, type PeriodKind } from './io/periods.js';
import { knoxTest } from './knox.js';
import type { DistanceMetric } from './knox-bands.js';
import { mannKendall } from './mann-kendall.js';
import { distanceBandNeighbours, kNearestNeighbours, type Neighbours } from './weights.js';

/**
 * The analyst's three analyses on parsed CSV rows (see docs/analysis.md), each returning a
 * summary and result rows ready to print. Pure: the CLI reads the file and prints.
 */
export type ResultRow = Record<string, string | number | null>;
export interface Analysis {
  summary: Record<string, unknown>;
  rows: ResultRow[];
}
type Progress = (done: number, total: number) => void;

export interface HotspotOptions {
  cellSize: number;
  distance?: number;
  k?: number;
  fdr: boolean;
  permutations?: number;
  seed: number;
  period?: PeriodKind;
  alpha: number;
  onProgress?: Progress;
}

/** Rows carrying `value` or `count` are units (buildings…); other rows are incidents counted per grid cell. */
export function hotspotAnalysis(rows: AnalysisRow[], options: HotspotOptions): Analysis {
  const unitRows = rows.some((row) => row.value !== null || row.count !== null);
  if (options.period) return emergingAnalysis(rows, options);
  return unitRows ? unitHotspots(rows, options) : gridHotspots(rows, options);
}

function unitValue(row: AnalysisRow): number {
  if (row.value !== null) return row.value;
  if (row.count === null) throw validationError('Valeur manquante / Missing value', [{ line: row.line, field: 'value', message: 'value ou count attendu / value or count expected' }]);
  return row.dwellings !== null ? row.count / row.dwellings : row.count;
}

function inference(values: ArrayLike<number>, neighbours: () => Neighbours, result: GiStarResult, options: HotspotOptions) {
  const pseudo = options.permutations
    ? giStarPermutationP(values, neighbours(), { permutations: options.permutations, seed: options.seed, onProgress: options.onProgress })
    : null;
  return { pseudo, bins: hotspotBins(result.z, pseudo ?? result.p, { fdr: options.fdr }) };
}

function unitHotspots(rows: AnalysisRow[], options: HotspotOptions): Analysis {
  const values = rows.map(unitValue);
  const points = { x: rows.map((row) => row.x), y: rows.map((row) => row.y) };
  const distance = options.distance ?? 2 * options.cellSize;
  const neighbours = options.k ? kNearestNeighbours(points, options.k) : distanceBandNeighbours(points, distance);
  const result = giStar(values, neighbours);
  const { pseudo, bins } = inference(values, () => neighbours, result, options);
  return {
    summary: { analysis: 'hotspots', units: rows.length, weights: options.k ? `${options.k} plus proches voisins / nearest neighbours` : `${distance} m`, fdr: options.fdr, permutations: options.permutations ?? 0 },
    rows: rows.map((row, i) => ({
      id: row.id ?? String(row.line),
      x: row.x,
      y: row.y,
      value: values[i]!,
      neighbours: result.neighbourCount[i]!,
      z: result.z[i]!,
      p: result.p[i]!,
      ...(pseudo ? { p_sim: pseudo[i]! } : {}),
      bin: bins[i]!,
    })),
  };
}

function griddedValues(rows: AnalysisRow[], frame: GridFrame): Float64Array {
  const values = new Float64Array(frame.columns * frame.rows);
  for (const row of rows) {
    const cell = cellOf(frame, row.x, row.y);
    values[cell] = values[cell]! + row.weight;
  }
  return values;
}

function frameOf(rows: AnalysisRow[], cellSize: number): GridFrame {
  return gridFrame(rows.map((row) => row.x), rows.map((row) => row.y), cellSize);
}

function gridHotspots(rows: AnalysisRow[], options: HotspotOptions): Analysis {
  const frame = frameOf(rows, options.cellSize);
  const values = griddedValues(rows, frame);
  const distance = options.distance ?? 2 * options.cellSize;
  const result = gridGiStar({ ...frame, values }, distance);
  const centres = () => {
    const cells = Array.from({ length: values.length }, (_, cell) => cellCentre(frame, cell));
    return distanceBandNeighbours({ x: cells.map(([x]) => x), y: cells.map(([, y]) => y) }, distance);
  };
  const { pseudo, bins } = inference(values, centres, result, options);
  const out: ResultRow[] = [];
  for (let cell = 0; cell < values.length; cell++) {
    if (values[cell] === 0 && bins[cell] === 0) continue;
    const [x, y] = cellCentre(frame, cell);
    out.push({ x, y, value: values[cell]!, neighbours: result.neighbourCount[cell]!, z: result.z[cell]!, p: result.p[cell]!, ...(pseudo ? { p_sim: pseudo[cell]! } : {}), bin: bins[cell]! });
  }
  return {
    summary: { analysis: 'hotspots', cellSize: options.cellSize, columns: frame.columns, gridRows: frame.rows, cells: values.length, distance, fdr: options.fdr, permutations: options.permutations ?? 0, note: 'cellules non vides ou significatives / non-empty or significant cells' },
    rows: out,
  };
}

function emergingAnalysis(rows: AnalysisRow[], options: HotspotOptions): Analysis {
  const kind = options.period!;
  const frame = frameOf(rows, options.cellSize);
  const periodOfRow = rows.map((row) => periodOf(row.day!, kind));
  const first = Math.min(...periodOfRow);
  const count = Math.max(...periodOfRow) - first + 1;
  if (count < 2) throw validationError('Trop peu de périodes / Too few periods', [{ field: 'date', message: 'au moins deux périodes attendues / at least two periods expected' }]);
  const cells = frame.columns * frame.rows;
  const distance = options.distance ?? 2 * options.cellSize;
  const z: Float64Array[] = [];
  const p: Float64Array[] = [];
  const totals = new Float64Array(cells);
  for (let period = 0; period < count; period++) {
    const values = griddedValues(rows.filter((_, i) => periodOfRow[i] === first + period), frame);
    values.forEach((value, cell) => (totals[cell] = totals[cell]! + value));
    const result = gridGiStar({ ...frame, values }, distance);
    z.push(result.z);
    p.push(result.p);
    options.onProgress?.(period + 1, count);
  }
  const out: ResultRow[] = [];
  for (let cell = 0; cell < cells; cell++) {
    const series = (of: Float64Array[]) => of.map((values) => values[cell]!);
    const result = classifyEmerging(series(z), series(p), options.alpha);
    if (totals[cell] === 0 && result.category === 'no_pattern') continue;
    const [x, y] = cellCentre(frame, cell);
    out.push({ x, y, total: totals[cell]!, category: result.category, trend: result.trend, trend_z: result.trendZ, trend_p: result.trendP, last_z: z[count - 1]![cell]! });
  }
  return {
    summary: { analysis: 'emerging-hotspots', cellSize: options.cellSize, distance, period: kind, periods: count, from: periodLabel(first, kind), to: periodLabel(first + count - 1, kind), alpha: options.alpha },
    rows: out,
  };
}

export interface NearRepeatOptions {
  distanceBands: number[];
  timeBands: number[];
  iterations: number;
  seed: number;
  metric: DistanceMetric;
  onProgress?: Progress;
}

export function nearRepeatAnalysis(rows: AnalysisRow[], options: NearRepeatOptions): Analysis {
  const events = { x: rows.map((row) => row.x), y: rows.map((row) => row.y), t: rows.map((row) => row.day!) };
  const result = knoxTest(events, options);
  return {
    summary: { analysis: 'near-repeat', events: result.events, iterations: result.iterations, seed: result.seed, metric: result.metric },
    rows: result.cells.map((cell) => ({
      distance_band: cell.distance.label,
      time_band: cell.time.label,
      observed: cell.observed,
      expected: cell.expected,
      knox_ratio: cell.knoxRatio,
      p_value: cell.pValue,
    })),
  };
}

/** Monthly (…) series: summed weights per period, or the mean `value` (missing periods skipped). */
export function trendAnalysis(rows: AnalysisRow[], { period: kind, alpha }: { period: PeriodKind; alpha: number }): Analysis {
  const periods = rows.map((row) => periodOf(row.day!, kind));
  const first = Math.min(...periods);
  const count = Math.max(...periods) - first + 1;
  const usesValue = rows.some((row) => row.value !== null);
  const sums = new Float64Array(count);
  const sizes = new Float64Array(count);
  rows.forEach((row, i) => {
    const at = periods[i]! - first;
    sums[at] = sums[at]! + (usesValue ? (row.value ?? 0) : row.weight);
    sizes[at] = sizes[at]! + (usesValue && row.value === null ? 0 : 1);
  });
  const series = Array.from(sums, (sum, at) => (usesValue ? (sizes[at]! > 0 ? sum / sizes[at]! : Number.NaN) : sum));
  const test = mannKendall(series, alpha);
  return {
    summary: {
      analysis: 'trend',
      series: usesValue ? 'moyenne de value par période / mean value per period' : 'somme des poids par période / weighted count per period',
      period: kind,
      from: periodLabel(first, kind),
      to: periodLabel(first + count - 1, kind),
      ...test,
    },
    rows: series.map((value, at) => ({ period: periodLabel(first + at, kind), value })),
  };
}
