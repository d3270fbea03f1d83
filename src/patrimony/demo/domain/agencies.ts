import type { DemoCommune } from './communes.js';
import { distanceMetres, spiralPoint, type Point } from './geo.js';
import { DEMO_AGENCIES, DEMO_EMAIL_DOMAIN, type DemoAgency } from './organisation.js';

export interface DemoAgencyDetails extends DemoAgency {
  /** Full postal address of the office. */
  fullAddress: string;
  phone: string;
  email: string;
  point: Point;
}

/** Office details: phone numbers in the range reserved for fiction, e-mails on a reserved domain. */
export function agencyDetails(communes: ReadonlyMap<string, DemoCommune>): DemoAgencyDetails[] {
  return DEMO_AGENCIES.map((agency, index) => {
    const seat = seatOf(agency, communes);
    return {
      ...agency,
      fullAddress: `${agency.address}, ${seat.name}`,
      phone: `03 53 73 ${String(index + 1).padStart(2, '0')} 00`,
      email: `agence.${slug(agency.name)}@${DEMO_EMAIL_DOMAIN}`,
      // Offices sharing a town stand in different streets of it.
      point: spiralPoint(seat.point, index + 1, 60),
    };
  });
}

/** Seats this much farther than the nearest one still share its residences. */
const NEIGHBOURING_SEATS_METRES = 4_500;

/**
 * Chooses each residence's agency among those whose office is in the nearest seat commune or
 * one close to it, taking turns, so that neighbouring agencies of a conurbation (Arras, Lens,
 * Béthune, Calais) share its residences.
 */
export class AgencyAssigner {
  private readonly agencies: { agency: DemoAgency; seat: DemoCommune }[];
  private readonly turns = new Map<string, number>();

  constructor(communes: ReadonlyMap<string, DemoCommune>) {
    this.agencies = DEMO_AGENCIES.map((agency) => ({ agency, seat: seatOf(agency, communes) }));
  }

  agencyFor(commune: DemoCommune): string {
    const distances = this.agencies.map(({ seat }) => distanceMetres(seat.point, commune.point));
    const nearest = Math.min(...distances);
    const candidates = this.agencies.filter((_, index) => distances[index]! <= nearest + NEIGHBOURING_SEATS_METRES);
    const turn = this.turns.get(commune.insee) ?? 0;
    this.turns.set(commune.insee, turn + 1);
    return candidates[turn % candidates.length]!.agency.code;
  }
}

function seatOf(agency: DemoAgency, communes: ReadonlyMap<string, DemoCommune>): DemoCommune {
  const seat = communes.get(agency.seatInsee);
  if (!seat) throw new Error(`The seat commune ${agency.seatInsee} of agency "${agency.name}" is not among the demo communes`);
  return seat;
}

/** "Arras – Saint-Michel" → "arras-saint-michel". */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/œ/g, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
