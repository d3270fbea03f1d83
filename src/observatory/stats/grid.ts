/**
 * A regular grid laid over points (Lambert-93 metres), cells of `cellSize` metres aligned on
 * multiples of the cell size so that the same point always falls in the same cell.
 */
export interface GridFrame {
  originX: number;
  originY: number;
  columns: number;
  rows: number;
  cellSize: number;
}

export function gridFrame(x: ArrayLike<number>, y: ArrayLike<number>, cellSize: number): GridFrame {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  const originX = Math.floor(minX / cellSize) * cellSize;
  const originY = Math.floor(minY / cellSize) * cellSize;
  return { originX, originY, cellSize, columns: Math.floor((maxX - originX) / cellSize) + 1, rows: Math.floor((maxY - originY) / cellSize) + 1 };
}

/** Row-major index of the cell holding (x, y). */
export function cellOf(frame: GridFrame, x: number, y: number): number {
  return Math.floor((y - frame.originY) / frame.cellSize) * frame.columns + Math.floor((x - frame.originX) / frame.cellSize);
}

export function cellCentre(frame: GridFrame, cell: number): [number, number] {
  const column = cell % frame.columns;
  const row = Math.floor(cell / frame.columns);
  return [frame.originX + (column + 0.5) * frame.cellSize, frame.originY + (row + 0.5) * frame.cellSize];
}
