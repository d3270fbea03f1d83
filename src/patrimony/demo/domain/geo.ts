export interface Point {
  lon: number;
  lat: number;
}

const METRES_PER_DEGREE_OF_LATITUDE = 111_320;

/** The point `east` and `north` metres away (flat-earth approximation, fine over a few kilometres). */
export function offsetMetres(origin: Point, east: number, north: number): Point {
  const metresPerDegreeOfLongitude = METRES_PER_DEGREE_OF_LATITUDE * Math.cos((origin.lat * Math.PI) / 180);
  return {
    lon: round6(origin.lon + east / metresPerDegreeOfLongitude),
    lat: round6(origin.lat + north / METRES_PER_DEGREE_OF_LATITUDE),
  };
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** The index-th point of a sunflower spiral around `centre`: evenly spread, never on top of each other. */
export function spiralPoint(centre: Point, index: number, spacingMetres: number): Point {
  const radius = spacingMetres * Math.sqrt(index);
  return offsetMetres(centre, radius * Math.cos(index * GOLDEN_ANGLE), radius * Math.sin(index * GOLDEN_ANGLE));
}

/** Approximate distance in metres, for choosing the nearest agency. */
export function distanceMetres(a: Point, b: Point): number {
  const north = (a.lat - b.lat) * METRES_PER_DEGREE_OF_LATITUDE;
  const east = (a.lon - b.lon) * METRES_PER_DEGREE_OF_LATITUDE * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot(east, north);
}

/** Six decimals of a degree is about 10 cm: enough, and keeps the rows short and stable. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
