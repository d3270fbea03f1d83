import { perimeterFor, requireAccess } from '../../access/authorize.js';
import { forbidden, validationError } from '../../core/errors.js';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import { listCurrentCategories } from '../../incidents/repository/categories.js';
import { buildDashboard } from '../domain/dashboard.js';
import type { MonthRange } from '../domain/months.js';
import { partnerDashboard } from '../domain/partner-view.js';
import type { ObservatoryFilter, Scope } from '../filters.js';
import { buildingsInScope, heatPoints } from '../repository.js';
import { placesInScope } from '../scope.js';
import { hotCells } from './domain/hot-cells.js';
import { dashboardInputs, hotspotUnits, scopeOf } from '../service.js';
import { communeNames, organisationName } from './repository.js';

/** What a partner pack covers: communes (INSEE codes), optionally narrowed to one priority neighbourhood. */
export interface PackSubject {
  communes: readonly string[];
  qpv?: string;
}

export interface PartnerPack {
  landlord: string;
  communes: { insee: string; name: string }[];
  qpv: string | null;
  producedAt: Date;
  figures: ReturnType<typeof partnerDashboard>;
}

/**
 * The figures of a partner pack, for a commune's or a local security council's (CLSPD) use:
 * the partner view of the dashboard over the communes asked — a partner's own communes by
 * default — whoever asks. Small counts become « < 5 » and secondary cells « s » even for the
 * landlord's staff, since the file leaves the landlord.
 */
export async function partnerPack(db: Queryable, actor: Actor, subject: PackSubject, period: MonthRange, now = new Date()): Promise<PartnerPack> {
  const perimeter = perimeterFor(actor, 'read_aggregates');
  if (!perimeter) throw forbidden('Permission « read_aggregates » refusée (permission denied)');
  const asked = [...new Set(subject.communes.length > 0 || perimeter.wholeOrganisation ? subject.communes : perimeter.communes)].sort();
  if (asked.length === 0 && subject.qpv === undefined) {
    throw validationError('Commune ou QPV requis / Commune or QPV required', [{ field: 'query.communes', message: 'Au moins une commune (code INSEE) ou un QPV / At least one commune or a QPV' }]);
  }
  return db.transaction(async (tx) => {
    // A commune is granted only when the caller's perimeter covers it (or every agency holding dwellings there).
    for (const insee of asked) await requireAccess(tx, actor, 'read_aggregates', { kind: 'commune', insee });
    const scope: Scope = asked.length === 0
      ? { organisationId: actor.organisationId, perimeter }
      : { organisationId: actor.organisationId, perimeter: { wholeOrganisation: false, agencyIds: [], directorateIds: [], communes: asked } };
    const figures = partnerDashboard(buildDashboard(await dashboardInputs(tx, scope, { period, ...(subject.qpv === undefined ? {} : { qpv: subject.qpv }) })));
    const communes = asked.length > 0 ? asked : figures.communes.map((row) => row.insee);
    return { landlord: await organisationName(tx, actor.organisationId), communes: await communeNames(tx, communes), qpv: subject.qpv ?? null, producedAt: now, figures };
  });
}

/** The board report and the USH survey cover the whole landlord: `read_landlord_reports`, which only whole-landlord roles hold. */
function requireWholeLandlord(actor: Actor): void {
  if (!perimeterFor(actor, 'read_landlord_reports')?.wholeOrganisation) {
    throw forbidden('Permission « read_landlord_reports » refusée : rapports du bailleur entier (whole-landlord reports, permission denied)');
  }
}

export const yearRange = (year: number): MonthRange => ({ from: `${year}-01`, to: `${year}-12` });

/** Cells of the board report's map (metres) and their neighbourhood: the dashboard map's defaults. */
export const BOARD_CELL = 200;
export const BOARD_DISTANCE = 400;

/** The dashboard of a year over the whole landlord, every figure shown (the same computation as `GET /observatory/dashboard`). */
async function yearFigures(db: Queryable, actor: Actor, year: number) {
  requireWholeLandlord(actor);
  const filter: ObservatoryFilter = { period: yearRange(year) };
  const scope = await scopeOf(db, actor, filter);
  return { scope, filter, figures: buildDashboard(await dashboardInputs(db, scope, filter)) };
}

/** The figures of the annual report to the board: the dashboard of the year, its hotspots on 200 m cells and the buildings' heat. */
export function boardReport(db: Queryable, actor: Actor, year: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const { scope, filter, figures } = await yearFigures(tx, actor, year);
    const cells = await hotspotUnits(tx, scope, filter, { unit: 'cell', cellSize: BOARD_CELL, distance: BOARD_DISTANCE });
    const residences = new Map((await placesInScope(tx, scope, filter)).residences.map((residence) => [residence.residenceId, residence]));
    const places = (await buildingsInScope(tx, scope, filter)).map((building) => {
      const residence = residences.get(building.residenceId);
      return { lon: building.lon, lat: building.lat, residence: residence?.name ?? '', commune: residence?.communeName ?? residence?.communeInsee ?? '' };
    });
    const points = await heatPoints(tx, scope, filter, filter.period);
    return { landlord: await organisationName(tx, actor.organisationId), year, producedAt: now, figures, cells, hotCells: hotCells(cells, places, BOARD_CELL), points };
  });
}
export type BoardReport = Awaited<ReturnType<typeof boardReport>>;

/** The figures of the USH survey of one year: the dashboard's families and categories, with the nomenclature's labels. */
export function ushSurvey(db: Queryable, actor: Actor, year: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const { figures } = await yearFigures(tx, actor, year);
    const categories = await listCurrentCategories(tx, actor.organisationId);
    return { landlord: await organisationName(tx, actor.organisationId), year, producedAt: now, figures, categories };
  });
}
export type UshSurvey = Awaited<ReturnType<typeof ushSurvey>>;
