import type { FieldError } from '../../../core/errors.js';

/**
 * Reading a GeoJSON file of commune boundaries (IGN Admin Express exported to WGS 84, or any
 * file keyed the same way). Pure: the service reads the file and stores what this accepts.
 * Every problem is reported with its feature number (`line`, 1-based) and the field.
 */
export interface CommuneBoundary {
  insee: string;
  name: string | null;
  /** The feature's geometry, a Polygon or MultiPolygon in WGS 84 (stored as a MultiPolygon). */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** Property names of the INSEE code and of the name, in Admin Express (upper or lower case) and in common re-exports. */
const INSEE_KEYS = ['INSEE_COM', 'insee_com', 'code', 'insee', 'code_insee'];
const NAME_KEYS = ['NOM', 'nom', 'NOM_COM', 'nom_com', 'name'];
const INSEE = /^[0-9][0-9AB][0-9]{3}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Positions in degrees: a file still in Lambert-93 (metres) fails here rather than drawing in the sea. */
function badPosition(position: unknown): string | null {
  if (!Array.isArray(position) || position.length < 2 || !position.every((value) => typeof value === 'number' && Number.isFinite(value))) {
    return 'position [longitude, latitude] attendue / expected';
  }
  const [lon, lat] = position as number[];
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) return `coordonnées hors WGS 84 (${lon}, ${lat}) : reprojeter en EPSG:4326 / not WGS 84 degrees: reproject to EPSG:4326`;
  return null;
}

function badPolygon(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'anneaux attendus / rings expected';
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 4) return 'anneau de 4 positions au moins / ring of at least 4 positions expected';
    for (const position of ring) {
      const problem = badPosition(position);
      if (problem) return problem;
    }
  }
  return null;
}

function badGeometry(geometry: unknown): string | null {
  if (!isObject(geometry)) return 'géométrie absente / missing geometry';
  if (geometry.type === 'Polygon') return badPolygon(geometry.coordinates);
  if (geometry.type !== 'MultiPolygon') return `Polygon ou MultiPolygon attendu, « ${String(geometry.type)} » reçu / expected`;
  if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) return 'polygones attendus / polygons expected';
  for (const polygon of geometry.coordinates) {
    const problem = badPolygon(polygon);
    if (problem) return problem;
  }
  return null;
}

const firstString = (properties: Record<string, unknown>, keys: readonly string[]) => {
  const key = keys.find((candidate) => properties[candidate] !== undefined && properties[candidate] !== null);
  return key === undefined ? undefined : { key, value: String(properties[key]).trim() };
};

/** The boundaries of a parsed GeoJSON document, or every error found (nothing is accepted then). */
export function readBoundaries(document: unknown): { boundaries: CommuneBoundary[]; errors: FieldError[] } {
  if (!isObject(document) || document.type !== 'FeatureCollection' || !Array.isArray(document.features)) {
    return { boundaries: [], errors: [{ field: 'type', message: 'FeatureCollection GeoJSON attendue / GeoJSON FeatureCollection expected' }] };
  }
  const errors: FieldError[] = [];
  const boundaries: CommuneBoundary[] = [];
  const seen = new Map<string, number>();
  document.features.forEach((feature: unknown, index) => {
    const line = index + 1;
    const fail = (field: string, message: string) => errors.push({ line, field: `features[${index}].${field}`, message });
    const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
    const insee = firstString(properties, INSEE_KEYS);
    if (!insee) fail('properties.INSEE_COM', `code INSEE absent (${INSEE_KEYS.join(', ')}) / missing INSEE code`);
    else if (!INSEE.test(insee.value)) fail(`properties.${insee.key}`, `code INSEE invalide « ${insee.value} » / invalid INSEE code`);
    else if (seen.has(insee.value)) fail(`properties.${insee.key}`, `code INSEE « ${insee.value} » déjà vu à l’objet ${seen.get(insee.value)} / duplicate`);
    const geometry = isObject(feature) ? feature.geometry : undefined;
    const problem = badGeometry(geometry);
    if (problem) fail('geometry', problem);
    if (!insee || !INSEE.test(insee.value) || seen.has(insee.value) || problem) return;
    seen.set(insee.value, line);
    boundaries.push({ insee: insee.value, name: firstString(properties, NAME_KEYS)?.value ?? null, geometry: geometry as CommuneBoundary['geometry'] });
  });
  if (boundaries.length === 0 && errors.length === 0) errors.push({ field: 'features', message: 'aucune commune / no commune' });
  return { boundaries, errors };
}
