/**
 * DPE classes (étiquettes) of dwellings in mainland France, from the 5-use primary energy
 * consumption (Cep, kWhEP/m²/yr) and greenhouse-gas emissions (Eges, kgCO2e/m²/yr).
 *
 * Sources:
 * - Arrêté du 31 mars 2021 relatif au diagnostic de performance énergétique pour les bâtiments ou
 *   parties de bâtiments à usage d'habitation en France métropolitaine (NOR LOGL2033917A), annexe 5:
 *   double threshold, the class is the worse of the energy and the climate class; the E/F/G bounds
 *   are raised for dwellings above 800 m in climate zones H1b, H1c and H2d.
 * - Arrêté du 25 mars 2024 modifiant les seuils des étiquettes du DPE pour les logements de petites
 *   surfaces (NOR TREL2330369A, JO 20 avril 2024, in force 1 July 2024): below 40 m² of reference
 *   surface (Sref), one set of bounds per square metre from 8 m² (see small-surface-bounds.ts).
 *
 * Bounds are exclusive upper limits: a class holds values strictly below its bound, so a value
 * equal to a bound falls in the next (worse) class (Cep = 70 is B, Eges = 100 is G).
 */
import { SMALL_SURFACE_BOUNDS } from './small-surface-bounds.js';

export const DPE_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type DpeClass = (typeof DPE_CLASSES)[number];

/** Exclusive upper bounds of classes A to F; G is everything at or above the last one. */
export type ClassBounds = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

export const STANDARD_ENERGY_BOUNDS: ClassBounds = [70, 110, 180, 250, 330, 420];
export const STANDARD_GHG_BOUNDS: ClassBounds = [6, 11, 30, 50, 70, 100];
/** Above 800 m in climate zones H1b, H1c, H2d: only the E and F bounds move. */
export const HIGH_ALTITUDE_ENERGY_BOUNDS: ClassBounds = [70, 110, 180, 250, 390, 500];
export const HIGH_ALTITUDE_GHG_BOUNDS: ClassBounds = [6, 11, 30, 50, 80, 110];

/** The surface from which the standard bounds apply (below it, the 2024 small-surface table). */
export const SMALL_SURFACE_LIMIT = 40;

export interface LabelInput {
  /** Cep, 5 uses, kWhEP per m² of reference surface per year. */
  primaryEnergy: number;
  /** Eges, 5 uses, kgCO2e per m² per year. */
  ghgEmissions: number;
  /** Sref in m²; unknown = the standard (≥ 40 m²) bounds. */
  referenceSurface?: number | null;
  /** True above 800 m in zone H1b, H1c or H2d (see `isHighAltitudeVariant`). */
  highAltitude?: boolean;
}

export interface DpeLabel {
  energy: DpeClass;
  ghg: DpeClass;
  /** The worse of the two: the dwelling's class. */
  overall: DpeClass;
}

export function classFor(value: number, bounds: ClassBounds): DpeClass {
  const index = bounds.findIndex((bound) => value < bound);
  return index === -1 ? 'G' : DPE_CLASSES[index]!;
}

export function worseClass(a: DpeClass, b: DpeClass): DpeClass {
  return DPE_CLASSES.indexOf(a) >= DPE_CLASSES.indexOf(b) ? a : b;
}

export function isDpeClass(value: string): value is DpeClass {
  return (DPE_CLASSES as readonly string[]).includes(value);
}

const HIGH_ALTITUDE_ZONES = new Set(['H1B', 'H1C', 'H2D']);

/**
 * Whether the raised E/F/G bounds apply. An unknown climate zone does not block the variant:
 * every mainland commune above 800 m outside those zones is in H3 (Corsica, southern Alps),
 * so callers should pass the zone whenever the source has it.
 */
export function isHighAltitudeVariant(altitudeAbove800m: boolean, climateZone?: string | null): boolean {
  if (!altitudeAbove800m) return false;
  return !climateZone || HIGH_ALTITUDE_ZONES.has(climateZone.trim().toUpperCase());
}

export interface LabelBounds {
  energy: ClassBounds;
  ghg: ClassBounds;
}

/** The bounds for a dwelling, by reference surface and altitude. */
export function boundsFor(referenceSurface: number | null | undefined, highAltitude: boolean): LabelBounds {
  const row = referenceSurface != null && referenceSurface < SMALL_SURFACE_LIMIT ? smallSurfaceRow(referenceSurface) : undefined;
  if (!row) {
    return highAltitude
      ? { energy: HIGH_ALTITUDE_ENERGY_BOUNDS, ghg: HIGH_ALTITUDE_GHG_BOUNDS }
      : { energy: STANDARD_ENERGY_BOUNDS, ghg: STANDARD_GHG_BOUNDS };
  }
  return highAltitude
    ? { energy: withHighAltitudeEF(row.energy, row.energyHighAltitudeEF), ghg: withHighAltitudeEF(row.ghg, row.ghgHighAltitudeEF) }
    : { energy: row.energy, ghg: row.ghg };
}

/**
 * The 2024 table gives one row per whole square metre from 8 to 39 m²; a surface is rounded to
 * the nearest whole m² (39.5 m² and above use the standard bounds) and surfaces under 8 m² use
 * the 8 m² row. The rounding rule is our reading; see docs/renovation.md.
 */
function smallSurfaceRow(referenceSurface: number) {
  const surface = Math.max(Math.round(referenceSurface), SMALL_SURFACE_BOUNDS[0]!.surface);
  return SMALL_SURFACE_BOUNDS.find((row) => row.surface === surface);
}

function withHighAltitudeEF(bounds: ClassBounds, [e, f]: readonly [number, number]): ClassBounds {
  return [bounds[0], bounds[1], bounds[2], bounds[3], e, f];
}

export function dpeLabel(input: LabelInput): DpeLabel {
  const bounds = boundsFor(input.referenceSurface, input.highAltitude ?? false);
  const energy = classFor(input.primaryEnergy, bounds.energy);
  const ghg = classFor(input.ghgEmissions, bounds.ghg);
  return { energy, ghg, overall: worseClass(energy, ghg) };
}

/**
 * The exclusive upper bound of primary energy for a class across every table (surface, altitude):
 * what the class alone guarantees when the figure is unknown. Infinity for G.
 */
export function primaryEnergyCeiling(label: DpeClass): number {
  const index = DPE_CLASSES.indexOf(label);
  if (index === DPE_CLASSES.length - 1) return Number.POSITIVE_INFINITY;
  const tables = [STANDARD_ENERGY_BOUNDS, HIGH_ALTITUDE_ENERGY_BOUNDS, ...SMALL_SURFACE_BOUNDS.map((row) => boundsFor(row.surface, true).energy)];
  return Math.max(...tables.map((bounds) => bounds[index]!));
}
