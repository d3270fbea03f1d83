-- Renovation programme (kind, plan, phases, costs, labels) and its funding (Département
-- conventions, financing lines). Money in integer euro cents.

ALTER TABLE renovation_operations
  ALTER COLUMN target_label DROP NOT NULL,
  ADD COLUMN kind text NOT NULL DEFAULT 'energy_renovation'
    CHECK (kind IN ('energy_renovation', 'maintenance', 'vacant_refurbishment', 'adaptation', 'demolition_reconstruction')),
  ADD COLUMN plan text NOT NULL DEFAULT 'psp' CHECK (plan IN ('psp', 'pmt_2022_2024', 'pmt_2025_2030')),
  -- The year the operation is programmed for (the year of the November forecast).
  ADD COLUMN programme_year integer CHECK (programme_year BETWEEN 2000 AND 2100),
  ADD COLUMN directorate_id integer,
  ADD COLUMN planned_cost_cents bigint NOT NULL DEFAULT 0 CHECK (planned_cost_cents >= 0),
  ADD COLUMN committed_cost_cents bigint NOT NULL DEFAULT 0 CHECK (committed_cost_cents >= 0),
  ADD COLUMN paid_cost_cents bigint NOT NULL DEFAULT 0 CHECK (paid_cost_cents >= 0),
  ADD COLUMN label_before char(1) CHECK (label_before BETWEEN 'A' AND 'G'),
  ADD COLUMN label_after char(1) CHECK (label_after BETWEEN 'A' AND 'G'),
  ADD COLUMN energy_before numeric(7, 1) CHECK (energy_before >= 0),
  ADD COLUMN energy_target numeric(7, 1) CHECK (energy_target >= 0),
  ADD COLUMN energy_after numeric(7, 1) CHECK (energy_after >= 0),
  ADD COLUMN ghg_before numeric(7, 1) CHECK (ghg_before >= 0),
  ADD CONSTRAINT renovation_operations_directorate
    FOREIGN KEY (organisation_id, directorate_id) REFERENCES directorates (organisation_id, id);
CREATE INDEX renovation_operations_year ON renovation_operations (organisation_id, programme_year);

CREATE TABLE renovation_operation_phases (
  organisation_id  integer NOT NULL,
  operation_id     integer NOT NULL,
  phase            text NOT NULL CHECK (phase IN ('studies', 'work_order', 'works', 'handover', 'guarantee', 'final_account')),
  planned_start    date,
  planned_end      date,
  actual_start     date,
  actual_end       date,
  PRIMARY KEY (organisation_id, operation_id, phase),
  FOREIGN KEY (organisation_id, operation_id) REFERENCES renovation_operations (organisation_id, id) ON DELETE CASCADE
);

-- Département conventions: the framework (envelopes over its period) and the annual
-- application conventions under it.
CREATE TABLE funding_conventions (
  organisation_id   integer NOT NULL REFERENCES organisations (id),
  id                integer GENERATED ALWAYS AS IDENTITY,
  external_id       text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('framework', 'application')),
  framework_id      integer,
  name              text NOT NULL,
  first_year        integer NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
  last_year         integer NOT NULL CHECK (last_year >= first_year),
  investment_cents  bigint NOT NULL CHECK (investment_cents >= 0),
  operating_cents   bigint NOT NULL CHECK (operating_cents >= 0),
  signed_on         date,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, external_id),
  FOREIGN KEY (organisation_id, framework_id) REFERENCES funding_conventions (organisation_id, id),
  CHECK ((kind = 'framework') = (framework_id IS NULL)),
  CHECK (kind = 'framework' OR first_year = last_year)
);

CREATE TABLE financing_lines (
  organisation_id  integer NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  operation_id     integer NOT NULL,
  source           text NOT NULL CHECK (source IN
    ('departement_investment', 'departement_operating', 'state', 'eco_pret', 'cee', 'own_funds', 'other_loan', 'other')),
  amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
  status           text NOT NULL CHECK (status IN ('requested', 'notified', 'committed', 'paid')),
  -- The application convention a Département line draws on.
  convention_id    integer,
  note             text,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, operation_id) REFERENCES renovation_operations (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, convention_id) REFERENCES funding_conventions (organisation_id, id)
);
CREATE INDEX financing_lines_operation ON financing_lines (organisation_id, operation_id);
CREATE INDEX financing_lines_convention ON financing_lines (organisation_id, convention_id);

-- Tenancy wall (see 0200_access.sql), for these tables and those of 0400.
SELECT vigie_enable_tenant_rls('dpe_records');
SELECT vigie_enable_tenant_rls('renovation_operations');
SELECT vigie_enable_tenant_rls('renovation_operation_dwellings');
SELECT vigie_enable_tenant_rls('renovation_operation_phases');
SELECT vigie_enable_tenant_rls('funding_conventions');
SELECT vigie_enable_tenant_rls('financing_lines');
