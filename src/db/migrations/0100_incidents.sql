-- Incidents: the observatory's facts, their follow-up and their history.
-- Closed vocabularies are mirrored from src/incidents/domain (vocabulary.ts, workflow.ts, actions.ts).

-- Each landlord's nomenclature. A change to a category is a new version; incidents point at the
-- version they were recorded with, so renaming never rewrites history.
CREATE TABLE incident_categories (
  organisation_id   integer NOT NULL REFERENCES organisations (id),
  code              text NOT NULL CHECK (code ~ '^[A-F]\.[A-Z][A-Z0-9_]{1,31}$'),
  version           integer NOT NULL CHECK (version >= 1),
  family            char(1) NOT NULL,
  label_fr          text NOT NULL,
  label_en          text NOT NULL,
  default_severity  text NOT NULL CHECK (default_severity IN ('G1', 'G2', 'G3', 'G4')),
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by        integer,
  PRIMARY KEY (organisation_id, code, version),
  CHECK (family = left(code, 1))
);

CREATE TABLE incidents (
  organisation_id        integer NOT NULL REFERENCES organisations (id),
  id                     bigint GENERATED ALWAYS AS IDENTITY,
  -- Idempotency: the id of the landlord's former tool (history import) and the key a phone
  -- sends with an incident captured offline, so a retried upload never records it twice.
  external_id            text,
  idempotency_key        text,
  -- The place at its own level, and every wider level denormalised for filters and hall levels.
  place_kind             text NOT NULL CHECK (place_kind IN ('dwelling', 'entrance', 'building', 'residence', 'common_area')),
  dwelling_id            integer,
  common_area_id         integer,
  entrance_id            integer,
  building_id            integer,
  residence_id           integer NOT NULL,
  agency_id              integer NOT NULL,
  geom                   geometry(Point, 4326) NOT NULL,
  occurred_at            timestamptz NOT NULL,
  occurred_until         timestamptz,
  time_unknown           boolean NOT NULL DEFAULT false,
  recorded_at            timestamptz NOT NULL DEFAULT now(),
  recorded_by            integer,
  channel                text NOT NULL CHECK (channel IN ('caretaker', 'tenant', 'phone', 'police', 'patrol', 'email')),
  category_code          text NOT NULL,
  category_version       integer NOT NULL,
  family                 char(1) NOT NULL,
  severity               text NOT NULL CHECK (severity IN ('G1', 'G2', 'G3', 'G4')),
  description            text NOT NULL CHECK (length(description) <= 2000),
  -- [{ "role": …, "ittClass": … }]: victims by role only, never by identity.
  victims                jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(victims) = 'array'),
  perpetrator            text NOT NULL DEFAULT 'not_identified' CHECK (perpetrator IN ('not_identified', 'identified', 'tenant')),
  estimated_cost         numeric(12, 2) CHECK (estimated_cost >= 0),
  actual_cost            numeric(12, 2) CHECK (actual_cost >= 0),
  work_order_ref         text,
  insurance_claim_ref    text,
  status                 text NOT NULL CHECK (status IN ('draft', 'recorded', 'qualified', 'in_progress', 'closed')),
  outcome                text CHECK (outcome IN ('resolved', 'no_further_action')),
  suspected_duplicate_of bigint,
  duplicate_of           bigint,
  merged_at              timestamptz,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  CHECK ((status = 'closed') = (outcome IS NOT NULL)),
  CHECK (occurred_until IS NULL OR occurred_until >= occurred_at),
  CHECK (family = left(category_code, 1)),
  CHECK ((duplicate_of IS NULL) = (merged_at IS NULL)),
  FOREIGN KEY (organisation_id, category_code, category_version) REFERENCES incident_categories (organisation_id, code, version),
  FOREIGN KEY (organisation_id, dwelling_id) REFERENCES dwellings (organisation_id, id),
  FOREIGN KEY (organisation_id, common_area_id) REFERENCES common_areas (organisation_id, id),
  FOREIGN KEY (organisation_id, entrance_id) REFERENCES entrances (organisation_id, id),
  FOREIGN KEY (organisation_id, building_id) REFERENCES buildings (organisation_id, id),
  FOREIGN KEY (organisation_id, residence_id) REFERENCES residences (organisation_id, id),
  FOREIGN KEY (organisation_id, agency_id) REFERENCES agencies (organisation_id, id),
  FOREIGN KEY (organisation_id, suspected_duplicate_of) REFERENCES incidents (organisation_id, id),
  FOREIGN KEY (organisation_id, duplicate_of) REFERENCES incidents (organisation_id, id)
);
CREATE UNIQUE INDEX incidents_external_id ON incidents (organisation_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX incidents_idempotency_key ON incidents (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The list is read newest first with keyset pagination on (occurred_at, id): one index per
-- common entry point (whole organisation, each place level, status, family), the other
-- filters (severity, channel, category) being applied along the way.
CREATE INDEX incidents_occurred ON incidents (organisation_id, occurred_at DESC, id DESC);
CREATE INDEX incidents_agency ON incidents (organisation_id, agency_id, occurred_at DESC, id DESC);
CREATE INDEX incidents_residence ON incidents (organisation_id, residence_id, occurred_at DESC, id DESC);
CREATE INDEX incidents_building ON incidents (organisation_id, building_id, occurred_at DESC, id DESC) WHERE building_id IS NOT NULL;
CREATE INDEX incidents_entrance ON incidents (organisation_id, entrance_id, occurred_at DESC, id DESC) WHERE entrance_id IS NOT NULL;
CREATE INDEX incidents_status ON incidents (organisation_id, status, occurred_at DESC, id DESC);
CREATE INDEX incidents_family ON incidents (organisation_id, family, occurred_at DESC, id DESC);

-- Every change, field by field (who, when, before → after), kept for good.
CREATE TABLE incident_history (
  organisation_id  integer NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  incident_id      bigint NOT NULL,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  changed_by       integer,
  field            text NOT NULL,
  before_value     jsonb,
  after_value      jsonb,
  -- Why, when the change needs one (reopening).
  reason           text,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, incident_id) REFERENCES incidents (organisation_id, id)
);
CREATE INDEX incident_history_incident ON incident_history (organisation_id, incident_id, id);

-- The graduated response and its legal follow-up.
CREATE TABLE incident_actions (
  organisation_id  integer NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  incident_id      bigint NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('lease_rules_reminder', 'formal_notice', 'sworn_guard_report', 'complaint_filed',
                     'police_log', 'clspd_report', 'mediation', 'lease_termination', 'legal_outcome',
                     'hr_support', 'victim_support', 'accompanied_complaint')),
  action_date      date NOT NULL,
  note             text CHECK (length(note) <= 2000),
  police_station   text,
  legal_outcome    text CHECK (legal_outcome IN ('dismissed', 'alternative_measure', 'caution', 'conviction', 'acquittal')),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  recorded_by      integer,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, incident_id) REFERENCES incidents (organisation_id, id)
);
CREATE INDEX incident_actions_incident ON incident_actions (organisation_id, incident_id, action_date, id);

CREATE TABLE incident_comments (
  organisation_id  integer NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  incident_id      bigint NOT NULL,
  body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       integer,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, incident_id) REFERENCES incidents (organisation_id, id)
);
CREATE INDEX incident_comments_incident ON incident_comments (organisation_id, incident_id, id);
