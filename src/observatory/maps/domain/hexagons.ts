import { fromLambert93, toLambert93 } from '../../stats/io/lambert93.js';

/**
 * Pointy-top hexagons of side `side` metres tiling Lambert-93 (EPSG:2154), addressed by axial
 * coordinates (q, r). Hexagons rather than squares: every neighbour shares an edge and lies at
 * the same distance, so a distance band takes whole rings, and no direction is favoured.
 */
export interface Hexagon {
  q: number;
  r: number;
}

const SQRT3 = Math.sqrt(3);

/** The hexagon holding a Lambert-93 point (cube rounding of the fractional axial coordinates). */
export function hexagonOf(x: number, y: number, side: number): Hexagon {
  const fq = ((SQRT3 / 3) * x - y / 3) / side;
  const fr = ((2 / 3) * y) / side;
  const fs = -fq - fr;
  let q = Math.round(fq);
  let r = Math.round(fr);
  const s = Math.round(fs);
  const dq = Math.abs(q - fq);
  const dr = Math.abs(r - fr);
  const ds = Math.abs(s - fs);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return { q: q + 0, r: r + 0 };
}

export function hexagonCentre({ q, r }: Hexagon, side: number): [number, number] {
  return [side * SQRT3 * (q + r / 2), side * 1.5 * r];
}

/** The six corners in Lambert-93, counter-clockwise from the east-south-east one. */
export function hexagonCorners(hexagon: Hexagon, side: number): [number, number][] {
  const [x, y] = hexagonCentre(hexagon, side);
  return Array.from({ length: 6 }, (_, corner) => {
    const angle = (Math.PI / 180) * (60 * corner - 30);
    return [x + side * Math.cos(angle), y + side * Math.sin(angle)];
  });
}

/** The hexagon as a closed GeoJSON ring in WGS 84, coordinates rounded to about a metre. */
export function hexagonRing(hexagon: Hexagon, side: number): [number, number][] {
  const corners = hexagonCorners(hexagon, side).map((corner) => fromLambert93(corner).map((value) => Math.round(value * 1e5) / 1e5) as [number, number]);
  return [...corners, corners[0]!];
}

export interface PlacedUnit {
  id: number;
  lon: number;
  lat: number;
}

export interface HexagonBin extends Hexagon {
  /** `q,r`: stable across answers with the same side. */
  key: string;
  x: number;
  y: number;
  /** The ids of the units inside, in input order. */
  members: number[];
}

/** Units gathered by hexagon, in the order each hexagon is first met. */
export function binByHexagon(units: readonly PlacedUnit[], side: number): HexagonBin[] {
  const bins = new Map<string, HexagonBin>();
  for (const unit of units) {
    const hexagon = hexagonOf(...toLambert93(unit.lon, unit.lat), side);
    const key = `${hexagon.q},${hexagon.r}`;
    let bin = bins.get(key);
    if (!bin) {
      const [x, y] = hexagonCentre(hexagon, side);
      bin = { ...hexagon, key, x, y, members: [] };
      bins.set(key, bin);
    }
    bin.members.push(unit.id);
  }
  return [...bins.values()];
}
