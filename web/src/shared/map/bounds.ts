export type Position = [number, number];
export type Bounds = [Position, Position];

/** The south-west and north-east corners around the positions, or null when there are none. */
export function boundsOf(positions: readonly Position[]): Bounds | null {
  const [first, ...rest] = positions;
  if (!first) return null;
  const bounds: Bounds = [[...first], [...first]];
  for (const [lon, lat] of rest) {
    bounds[0] = [Math.min(bounds[0][0], lon), Math.min(bounds[0][1], lat)];
    bounds[1] = [Math.max(bounds[1][0], lon), Math.max(bounds[1][1], lat)];
  }
  return bounds;
}
