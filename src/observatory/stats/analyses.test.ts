import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { hotspotAnalysis, trendAnalysis } from './analyses.js';
import { readAnalysisRows } from './io/analysis-rows.js';
import { seededRandom } from './random.js';

const table = (header: string[], records: string[][]) => ({ header, records: records.map((cells, i) => ({ line: i + 2, cells })) });

describe('analyst CSV rows', () => {
  it('projects lon/lat to Lambert-93 and names line and column of bad cells', () => {
    const rows = readAnalysisRows(table(['lon', 'lat', 'date'], [['2,78186', '50,29301', '2025-01-03']]), { coordinates: true, date: true });
    expect(rows[0]!.x).toBeCloseTo(684435.85, 1);
    try {
      readAnalysisRows(table(['x', 'y', 'date'], [['1', '2', '2025-01-03'], ['abc', '2', '']]), { coordinates: true, date: true });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).errors).toEqual([
        expect.objectContaining({ line: 3, field: 'x' }),
        expect.objectContaining({ line: 3, field: 'date' }),
      ]);
    }
  });
});

describe('analyses', () => {
  const random = seededRandom(4);
  const records: string[][] = [];
  for (let i = 0; i < 600; i++) {
    const clustered = i % 3 === 0;
    const x = clustered ? 700_000 + random.int(200) : 698_000 + random.int(5000);
    const y = clustered ? 6_600_000 + random.int(200) : 6_598_000 + random.int(5000);
    const month = clustered ? 1 + (i % 12) : 1 + random.int(12);
    records.push([String(x), String(y), `2024-${String(month).padStart(2, '0')}-15`]);
  }
  const rows = readAnalysisRows(table(['x', 'y', 'date'], records), { coordinates: true, date: true });

  it('finds the hot cell of a gridded cluster at 99 % confidence', () => {
    const result = hotspotAnalysis(rows, { cellSize: 200, fdr: true, seed: 1, alpha: 0.05 });
    const hottest = result.rows.reduce((best, row) => ((row.z as number) > (best.z as number) ? row : best));
    expect(hottest.bin).toBe(3);
    expect(Math.abs((hottest.x as number) - 700_100)).toBeLessThanOrEqual(200);
  });

  it('counts incidents per month for the trend', () => {
    const result = trendAnalysis(rows, { period: 'month', alpha: 0.05 });
    expect(result.rows).toHaveLength(12);
    expect(result.rows.reduce((sum, row) => sum + (row.value as number), 0)).toBe(600);
    expect(result.summary.from).toBe('2024-01');
  });
});
