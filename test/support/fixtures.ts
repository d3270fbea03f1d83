import type { Queryable } from '../../src/db/database.js';

export interface SmallPatrimony {
  organisationId: number;
  directorateId: number;
  agencyIds: { lens: number; arras: number };
  residenceIds: { lens: number; arras: number };
  buildingIds: { lensTower: number; arrasHouse: number };
  entranceIds: { lensA: number; lensB: number };
}

async function insertId(db: Queryable, sql: string, params: unknown[]): Promise<number> {
  const [row] = await db.query<{ id: number }>(`${sql} RETURNING id`, params);
  return row!.id;
}

/**
 * A tiny organisation for tests: one directorate, two agencies (Lens, Arras), a tower of
 * 6 collective dwellings in two entrances in Lens (QPV), and one individual house in Arras.
 */
export async function createSmallPatrimony(db: Queryable, siren = '272000011', name = 'Office Test Habitat'): Promise<SmallPatrimony> {
  const organisationId = await insertId(db, `INSERT INTO organisations (name, siren) VALUES ($1, $2)`, [name, siren]);
  const directorateId = await insertId(db, `INSERT INTO directorates (organisation_id, external_id, name) VALUES ($1, 'DT1', 'Direction territoriale Artois')`, [organisationId]);
  const agency = (code: string, label: string) =>
    insertId(db, `INSERT INTO agencies (organisation_id, external_id, directorate_id, name) VALUES ($1, $2, $3, $4)`, [organisationId, code, directorateId, label]);
  const agencyIds = { lens: await agency('AG-LENS', 'Lens Grande Résidence'), arras: await agency('AG-ARRAS', 'Arras – Saint-Michel') };
  const residence = (code: string, label: string, agencyId: number, insee: string, qpv: string | null, lon: number, lat: number) =>
    insertId(db, `INSERT INTO residences (organisation_id, external_id, agency_id, name, commune_insee, qpv_code, geom)
                  VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326))`, [organisationId, code, agencyId, label, insee, qpv, lon, lat]);
  const residenceIds = {
    lens: await residence('RES-LENS-1', 'Résidence Grande Résidence', agencyIds.lens, '62498', 'QN06201M', 2.8195, 50.4387),
    arras: await residence('RES-ARRAS-1', 'Cité des Jardins', agencyIds.arras, '62041', null, 2.7818, 50.2930),
  };
  const building = (code: string, residenceId: number, insee: string, lon: number, lat: number) =>
    insertId(db, `INSERT INTO buildings (organisation_id, external_id, residence_id, name, street_number, street_type, street_name, commune_insee, geom)
                  VALUES ($1, $2, $3, $2, '1', 'rue', 'de la Paix', $4, ST_SetSRID(ST_MakePoint($5, $6), 4326))`, [organisationId, code, residenceId, insee, lon, lat]);
  const buildingIds = {
    lensTower: await building('BAT-LENS-A', residenceIds.lens, '62498', 2.8196, 50.4388),
    arrasHouse: await building('BAT-ARRAS-1', residenceIds.arras, '62041', 2.7819, 50.2931),
  };
  const entrance = (code: string) =>
    insertId(db, `INSERT INTO entrances (organisation_id, external_id, building_id, name) VALUES ($1, $2, $3, $2)`, [organisationId, code, buildingIds.lensTower]);
  const entranceIds = { lensA: await entrance('ESC-A'), lensB: await entrance('ESC-B') };
  for (let i = 0; i < 6; i++) {
    await db.query(
      `INSERT INTO dwellings (organisation_id, external_id, rpls_id, building_id, entrance_id, kind, floor, rooms, habitable_surface, dpe_energy_class)
       VALUES ($1, $2, $3, $4, $5, 'collective', $6, 3, 62.5, $7)`,
      [organisationId, `LOG-LENS-${i}`, `${siren}L${i}`, buildingIds.lensTower, i < 3 ? entranceIds.lensA : entranceIds.lensB, i % 3, i === 0 ? 'G' : 'D'],
    );
  }
  await db.query(
    `INSERT INTO dwellings (organisation_id, external_id, building_id, kind, rooms, habitable_surface, dpe_energy_class)
     VALUES ($1, 'LOG-ARRAS-1', $2, 'individual', 4, 85, 'E')`,
    [organisationId, buildingIds.arrasHouse],
  );
  return { organisationId, directorateId, agencyIds, residenceIds, buildingIds, entranceIds };
}
