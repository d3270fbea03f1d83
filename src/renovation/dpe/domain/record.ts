import { electricityPrimaryFactor } from './conversion.js';
import { dpeLabel, isHighAltitudeVariant, worseClass, type DpeClass } from './labels.js';
import { methodOf, validUntil, type DpeMethod } from './validity.js';

/** One DPE as read from a file, before any dwelling is matched. */
export interface DpeReading {
  numeroDpe: string;
  issuedOn: string;
  /** date_fin_validite_dpe as published, kept for reference. */
  sourceValidUntil: string | null;
  replaces: string | null;
  sourceEnergyClass: DpeClass | null;
  sourceGhgClass: DpeClass | null;
  primaryEnergy: number | null;
  finalEnergy: number | null;
  ghgEmissions: number | null;
  referenceSurface: number | null;
  altitudeAbove800m: boolean | null;
  climateZone: string | null;
  /** methode_application_dpe: individual dwelling, generated from a building DPE… */
  application: string | null;
  rplsId: string | null;
  banId: string | null;
}

/** What Vigie stores for a DPE: the reading plus what the rules derive from it. */
export interface DpeRecord extends DpeReading {
  method: DpeMethod;
  validUntil: string;
  electricityFactor: number;
  energyClass: DpeClass | null;
  ghgClass: DpeClass | null;
  label: DpeClass | null;
}

/**
 * Recomputes the classes of 2021-method DPEs from their figures with today's tables (a DPE made
 * before July 2024 for a dwelling under 40 m² gets the 2024 small-surface class, as the ADEME
 * attestation would give). Pre-2021 DPEs keep their published classes: their scales differ.
 */
export function toDpeRecord(reading: DpeReading): DpeRecord {
  const method = methodOf(reading.issuedOn);
  const base = { ...reading, method, validUntil: validUntil(reading.issuedOn), electricityFactor: electricityPrimaryFactor(reading.issuedOn) };
  if (method === '3cl-2021' && reading.primaryEnergy !== null && reading.ghgEmissions !== null) {
    const label = dpeLabel({
      primaryEnergy: reading.primaryEnergy,
      ghgEmissions: reading.ghgEmissions,
      referenceSurface: reading.referenceSurface,
      highAltitude: isHighAltitudeVariant(reading.altitudeAbove800m ?? false, reading.climateZone),
    });
    return { ...base, energyClass: label.energy, ghgClass: label.ghg, label: label.overall };
  }
  const published = method === '3cl-2021' && reading.sourceEnergyClass && reading.sourceGhgClass
    ? worseClass(reading.sourceEnergyClass, reading.sourceGhgClass)
    : reading.sourceEnergyClass;
  return { ...base, energyClass: reading.sourceEnergyClass, ghgClass: reading.sourceGhgClass, label: published };
}
