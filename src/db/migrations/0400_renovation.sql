-- Renovation: DPE records per dwelling (ADEME open data), planned renovation operations.

CREATE TABLE dpe_records (
  organisation_id       integer NOT NULL REFERENCES organisations (id),
  id                    integer GENERATED ALWAYS AS IDENTITY,
  numero_dpe            text NOT NULL,
  dwelling_id           integer NOT NULL,
  issued_on             date NOT NULL,
  -- Last valid day by the rules (ten years, or the transitional end dates of older DPEs).
  valid_until           date NOT NULL,
  source_valid_until    date,
  replaces_numero_dpe   text,
  method                text NOT NULL CHECK (method IN ('3cl-2021', 'pre-2021')),
  application           text,
  primary_energy        numeric(9, 2) CHECK (primary_energy >= 0),
  final_energy          numeric(9, 2) CHECK (final_energy >= 0),
  ghg_emissions         numeric(9, 2) CHECK (ghg_emissions >= 0),
  electricity_factor    numeric(4, 2) NOT NULL,
  reference_surface     numeric(7, 2) CHECK (reference_surface > 0),
  altitude_above_800m   boolean,
  climate_zone          text,
  source_energy_class   char(1) CHECK (source_energy_class BETWEEN 'A' AND 'G'),
  source_ghg_class      char(1) CHECK (source_ghg_class BETWEEN 'A' AND 'G'),
  energy_class          char(1) CHECK (energy_class BETWEEN 'A' AND 'G'),
  ghg_class             char(1) CHECK (ghg_class BETWEEN 'A' AND 'G'),
  label                 char(1) CHECK (label BETWEEN 'A' AND 'G'),
  rpls_id               text,
  ban_id                text,
  matched_by            text NOT NULL CHECK (matched_by IN ('rpls')),
  imported_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, numero_dpe),
  FOREIGN KEY (organisation_id, dwelling_id) REFERENCES dwellings (organisation_id, id)
);
CREATE INDEX dpe_records_dwelling ON dpe_records (organisation_id, dwelling_id, issued_on);

-- Planned renovation operations and the dwellings each one covers.
CREATE TABLE renovation_operations (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text NOT NULL,
  name             text NOT NULL,
  end_date         date NOT NULL,
  target_label     char(1) NOT NULL CHECK (target_label BETWEEN 'A' AND 'G'),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id)
);

CREATE TABLE renovation_operation_dwellings (
  organisation_id  integer NOT NULL,
  operation_id     integer NOT NULL,
  dwelling_id      integer NOT NULL,
  PRIMARY KEY (organisation_id, operation_id, dwelling_id),
  FOREIGN KEY (organisation_id, operation_id) REFERENCES renovation_operations (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, dwelling_id) REFERENCES dwellings (organisation_id, id)
);
CREATE INDEX renovation_operation_dwellings_dwelling ON renovation_operation_dwellings (organisation_id, dwelling_id);
