import { describe, expect, it } from 'vitest';
import { cellCentre, cellOf, gridFrame } from './grid.js';

describe('grid frame', () => {
  it('aligns cells on multiples of the cell size and finds each point’s cell', () => {
    const x = [684435.85, 684100, 685010];
    const y = [7021704.36, 7021650, 7022399];
    const frame = gridFrame(x, y, 200);
    expect([frame.originX, frame.originY, frame.columns, frame.rows]).toEqual([684000, 7021600, 6, 4]);
    const cell = cellOf(frame, x[0]!, y[0]!);
    const [cx, cy] = cellCentre(frame, cell);
    expect(Math.abs(cx - x[0]!)).toBeLessThanOrEqual(100);
    expect(Math.abs(cy - y[0]!)).toBeLessThanOrEqual(100);
    expect(cellOf(frame, 685010, 7022399)).toBe(frame.columns * frame.rows - 1);
  });
});
