/**
 * One line of Vigie's native patrimony file: one dwelling with the chain of places it sits in
 * (directorate → agency → residence → building → entrance). Codes are the external ids of the
 * landlord's property-management system; re-importing a file updates by these codes.
 * Columns of the CSV/XLSX file carry exactly these names (documented in docs/import-formats.md).
 */
export interface NativePatrimonyRow {
  directorate_code: string;
  directorate_name: string;
  agency_code: string;
  agency_name: string;
  residence_code: string;
  residence_name: string;
  commune_insee: string;
  qpv_code: string | null;
  building_code: string;
  building_name: string | null;
  street_number: string | null;
  street_type: string | null;
  street_name: string | null;
  /** Identifiant BAN (cle_interop) of the building's address, lower case: `62498_0420_00012`, `…_00012_bis`. */
  ban_id?: string | null;
  /** WGS84 position of the building (EPSG:4326). */
  longitude: number;
  latitude: number;
  /** WGS84 position of the residence; when absent, the centroid of its buildings. */
  residence_longitude?: number | null;
  residence_latitude?: number | null;
  /** Null for an individual house with no separate entrance. */
  entrance_code: string | null;
  dwelling_code: string;
  rpls_id: string | null;
  kind: 'collective' | 'individual';
  floor: number | null;
  rooms: number | null;
  habitable_surface: number | null;
  construction_year: number | null;
  financing: string | null;
  dpe_energy_class: string | null;
  dpe_ghg_class: string | null;
  /** ISO date YYYY-MM-DD. */
  dpe_date: string | null;
}
