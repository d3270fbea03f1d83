import type { DemoCommune } from './communes.js';
import { drawConstructionYear, drawFinancing, type BuildingStyle } from './dwellings.js';
import { offsetMetres, spiralPoint, type Point } from './geo.js';
import { AddressBook, miningCiteName, NameBook, pavilionGroupName, MINING_STREET_NAMES, RECENT_RESIDENCE_NAMES, RESIDENCE_NAMES, STREET_NAMES } from './names.js';
import { DEMO_AGENCIES } from './organisation.js';
import type { Random } from './random.js';

/** The demo's places before they become rows: residences, buildings and entrances. */

export type ResidenceKind = 'grand_ensemble' | 'bars' | 'small_collective' | 'recent_collective' | 'mining_cite' | 'houses';

export interface Street {
  number: string;
  type: string;
  name: string;
}

export interface DraftEntrance {
  code: string;
  point: Point;
  dwellings: number;
  dwellingsPerLevel: number;
}

export interface DraftBuilding {
  code: string;
  name: string | null;
  street: Street;
  point: Point;
  style: BuildingStyle;
  year: number;
  financing: string;
  /** Empty for a house: its one dwelling has no separate entrance. */
  entrances: DraftEntrance[];
}

export interface DraftResidence {
  code: string;
  name: string;
  kind: ResidenceKind;
  commune: DemoCommune;
  /** Set for the landmark grands ensembles, whose agency is the one named after them. */
  agencyCode: string | null;
  qpvCode: string | null;
  centre: Point;
  buildings: DraftBuilding[];
}

/** Famous 1960s neighbourhoods of the largest towns, each with an agency of its own. */
export const LANDMARKS: Readonly<Record<string, { name: string; agencyName: string }>> = {
  '62498': { name: 'La Grande Résidence', agencyName: 'Lens Grande Résidence' },
  '62041': { name: 'Saint-Michel', agencyName: 'Arras – Saint-Michel' },
  '62193': { name: 'Beau-Marais', agencyName: 'Calais – Beau-Marais' },
  '62160': { name: 'Le Chemin Vert', agencyName: 'Boulogne-sur-Mer' },
  '62643': { name: 'La Tour du Renard', agencyName: 'Outreau' },
  '62119': { name: 'Le Mont-Liébaut', agencyName: 'Béthune – Mont-Liébaut' },
  '62510': { name: 'Riaumont', agencyName: 'Liévin' },
};

function agencyCodeNamed(name: string): string {
  const agency = DEMO_AGENCIES.find((candidate) => candidate.name === name);
  if (!agency) throw new Error(`No demo agency is named "${name}"`);
  return agency.code;
}

interface Shape {
  entrances: number;
  levels: number;
  perLevel: number;
}

const SMALL_REMAINDER = 8;

function shapeFor(rng: Random, style: BuildingStyle): Shape {
  switch (style) {
    case 'tower':
      return { entrances: 1, levels: rng.int(11, 16), perLevel: 4 };
    case 'bar':
      return { entrances: rng.int(3, 8), levels: rng.int(5, 10), perLevel: 2 };
    case 'recent_collective':
      return { entrances: rng.int(1, 3), levels: rng.int(3, 6), perLevel: rng.int(3, 5) };
    default:
      return { entrances: rng.int(1, 2), levels: rng.int(3, 5), perLevel: rng.int(2, 4) };
  }
}

const capacity = (shape: Shape) => shape.entrances * shape.levels * shape.perLevel;

/** Allocates QPV codes (QN062xxM) in the order neighbourhoods are met. */
class QpvCodes {
  private readonly codes = new Map<string, string>();

  codeFor(key: string): string {
    const existing = this.codes.get(key);
    if (existing) return existing;
    if (this.codes.size >= 99) throw new Error('More than 99 QPV in the demo');
    const code = `QN062${String(this.codes.size + 1).padStart(2, '0')}M`;
    this.codes.set(key, code);
    return code;
  }
}

export class Planner {
  readonly residences: DraftResidence[] = [];
  private readonly qpv = new QpvCodes();
  /** Residence names and addresses are unique within the commune being planned. */
  private names = new NameBook();
  private addresses = new AddressBook();

  constructor(private readonly rng: Random) {}

  /** Plans exactly `collective` and `individual` dwellings in the commune. */
  planCommune(commune: DemoCommune, collective: number, individual: number): void {
    this.names = new NameBook();
    this.addresses = new AddressBook();
    let remaining = collective;
    const landmark = LANDMARKS[commune.insee];
    if (landmark && remaining > 0) remaining -= this.grandEnsemble(commune, this.names.unique(landmark.name), agencyCodeNamed(landmark.agencyName), remaining);
    while (remaining > 0) remaining -= this.collectiveResidence(commune, remaining);
    remaining = individual;
    while (remaining > 0) remaining -= this.houseResidence(commune, remaining);
  }

  private collectiveResidence(commune: DemoCommune, budget: number): number {
    const names = this.names;
    const rng = this.rng;
    const kind = rng.weighted<'grand_ensemble' | 'bars' | 'small_collective' | 'recent_collective'>(
      commune.largeTown
        ? [['grand_ensemble', budget >= 250 ? 12 : 0], ['bars', 38], ['small_collective', 28], ['recent_collective', 22]]
        : commune.population >= 8_000
          ? [['bars', 30], ['small_collective', 42], ['recent_collective', 28]]
          : [['small_collective', 60], ['recent_collective', 40]],
    );
    if (kind === 'grand_ensemble') return this.grandEnsemble(commune, names.fresh(() => `Résidence ${rng.pick(RESIDENCE_NAMES)}`), null, budget);
    const inQpv = kind === 'bars' && commune.population >= 10_000 && rng.chance(0.6);
    const name = names.fresh(() => (kind === 'recent_collective' ? rng.pick(RECENT_RESIDENCE_NAMES) : `Résidence ${rng.pick(RESIDENCE_NAMES)}`));
    const style: BuildingStyle = kind === 'bars' ? 'bar' : kind;
    const count = kind === 'bars' ? rng.int(1, 3) : kind === 'small_collective' ? rng.int(1, 4) : rng.int(1, 2);
    const residence = this.residence(commune, name, kind, null, inQpv ? this.qpv.codeFor(commune.insee) : null);
    return this.collectiveBuildings(residence, Array<BuildingStyle>(count).fill(style), budget);
  }

  private grandEnsemble(commune: DemoCommune, name: string, agencyCode: string | null, budget: number): number {
    const rng = this.rng;
    const qpvKey = agencyCode ? `${commune.insee}:${name}` : commune.insee;
    const residence = this.residence(commune, name, 'grand_ensemble', agencyCode, this.qpv.codeFor(qpvKey));
    const styles: BuildingStyle[] = [...Array<BuildingStyle>(rng.int(2, 4)).fill('tower'), ...Array<BuildingStyle>(rng.int(2, 4)).fill('bar')];
    return this.collectiveBuildings(residence, styles, budget);
  }

  /** Adds buildings of the given styles until the budget is spent; returns the dwellings placed. */
  private collectiveBuildings(residence: DraftResidence, styles: readonly BuildingStyle[], budget: number): number {
    const rng = this.rng;
    const [streetType, streetName] = rng.pick(STREET_NAMES);
    const baseYear = drawConstructionYear(rng, styles[0]!);
    let placed = 0;
    let towers = 0;
    let others = 0;
    for (const [index, style] of styles.entries()) {
      if (placed >= budget) break;
      const shape = shapeFor(rng, style);
      const left = budget - placed;
      // A tiny remainder joins this building rather than making a residence of two flats.
      const dwellings = left - capacity(shape) < SMALL_REMAINDER ? left : capacity(shape);
      const year = Math.min(2024, baseYear + rng.int(0, 2));
      const point = spiralPoint(residence.centre, index, 45);
      const code = `${residence.code}-B${String(index + 1).padStart(2, '0')}`;
      residence.buildings.push({
        code,
        name: style === 'tower' ? `Tour ${++towers}` : `Bâtiment ${String.fromCharCode(65 + others++)}`,
        street: { number: this.addresses.number(streetType, streetName), type: streetType, name: streetName },
        point,
        style,
        year,
        financing: drawFinancing(rng, year),
        entrances: splitIntoEntrances(code, point, shape, dwellings),
      });
      placed += dwellings;
    }
    return placed;
  }

  private houseResidence(commune: DemoCommune, budget: number): number {
    const rng = this.rng;
    const cite = commune.miningBasin && budget >= 15 && rng.chance(0.8);
    const drawn = cite ? rng.int(20, 120) : rng.int(3, commune.population >= 8_000 ? 30 : 20);
    const houses = budget - drawn < 3 ? budget : Math.min(drawn, budget);
    const qpvCode = cite && commune.population >= 5_000 && rng.chance(0.3) ? this.qpv.codeFor(commune.insee) : null;
    const residence = this.residence(commune, this.names.fresh(() => (cite ? miningCiteName(rng) : pavilionGroupName(rng))), cite ? 'mining_cite' : 'houses', null, qpvCode);
    const style: BuildingStyle = cite ? 'mining_cottage' : 'house';
    const year = drawConstructionYear(rng, style);
    // Miners' cottages came to the office later, financed when it bought and renovated them.
    const citeFinancing = cite ? drawFinancing(rng, rng.int(1985, 2015)) : null;
    const perStreet = cite ? rng.int(12, 24) : houses;
    const streets = Math.ceil(houses / perStreet);
    const spacing = cite ? 16 : 20;
    const angle = rng.between(0, Math.PI);
    const streetNames = rng.sample(cite ? MINING_STREET_NAMES : STREET_NAMES, streets);
    for (let house = 0; house < houses; house++) {
      const streetIndex = Math.floor(house / perStreet);
      const position = house % perStreet;
      const [streetType, streetName] = streetNames[streetIndex]!;
      // Houses face each other in pairs along each street; streets run parallel, 70 m apart.
      const along = (Math.floor(position / 2) - perStreet / 4) * spacing;
      const across = (streetIndex - (streets - 1) / 2) * 70 + (position % 2 === 0 ? -12 : 12);
      const houseYear = Math.min(2024, year + (cite ? 0 : rng.int(0, 1)));
      residence.buildings.push({
        code: `${residence.code}-M${String(house + 1).padStart(3, '0')}`,
        name: null,
        street: { number: this.addresses.number(streetType, streetName), type: streetType, name: streetName },
        point: offsetMetres(residence.centre, along * Math.cos(angle) - across * Math.sin(angle), along * Math.sin(angle) + across * Math.cos(angle)),
        style,
        year: houseYear,
        financing: citeFinancing ?? drawFinancing(rng, houseYear),
        entrances: [],
      });
    }
    return houses;
  }

  private residence(commune: DemoCommune, name: string, kind: ResidenceKind, agencyCode: string | null, qpvCode: string | null): DraftResidence {
    const rng = this.rng;
    const spread = agencyCode ? 500 : commune.population >= 25_000 ? 900 : commune.population >= 8_000 ? 600 : 350;
    const distance = spread * Math.sqrt(rng.float());
    const bearing = rng.between(0, 2 * Math.PI);
    const residence: DraftResidence = {
      code: `E${String(this.residences.length + 1).padStart(4, '0')}`,
      name,
      kind,
      commune,
      agencyCode,
      qpvCode,
      centre: offsetMetres(commune.point, distance * Math.cos(bearing), distance * Math.sin(bearing)),
      buildings: [],
    };
    this.residences.push(residence);
    return residence;
  }
}

/** Spreads the dwellings evenly over as many entrances (stairwells) as the shape needs. */
function splitIntoEntrances(buildingCode: string, point: Point, shape: Shape, dwellings: number): DraftEntrance[] {
  const perEntrance = shape.levels * shape.perLevel;
  const entrances = Math.max(1, Math.ceil(dwellings / perEntrance));
  return Array.from({ length: entrances }, (_, index) => ({
    code: `${buildingCode}-${String.fromCharCode(65 + index)}`,
    point: offsetMetres(point, (index - (entrances - 1) / 2) * 18, 0),
    dwellings: Math.floor(dwellings / entrances) + (index < dwellings % entrances ? 1 : 0),
    dwellingsPerLevel: shape.perLevel,
  }));
}
