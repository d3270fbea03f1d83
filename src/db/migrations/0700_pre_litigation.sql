-- Pre-litigation files: the restricted purpose where the identity of the people concerned is
-- allowed, for the few roles that prepare legal action. Kept apart from the observatory: no
-- observatory table or query joins these tables. Each file lies in one agency (that of its
-- incidents), which is the perimeter its readers need. Deleted by the retention engine.

CREATE TABLE pre_litigation_files (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  agency_id        integer NOT NULL,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled', 'time_barred', 'judgment_executed')),
  opened_at        timestamptz NOT NULL DEFAULT now(),
  -- When the file left 'open': the retention delay of closed files runs from here.
  closed_at        timestamptz,
  created_by       integer,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  CHECK ((status = 'open') = (closed_at IS NULL)),
  FOREIGN KEY (organisation_id, agency_id) REFERENCES agencies (organisation_id, id)
);
CREATE INDEX pre_litigation_files_agency ON pre_litigation_files (organisation_id, agency_id, id);

CREATE TABLE pre_litigation_incidents (
  organisation_id  integer NOT NULL,
  file_id          integer NOT NULL,
  incident_id      bigint NOT NULL,
  PRIMARY KEY (organisation_id, file_id, incident_id),
  FOREIGN KEY (organisation_id, file_id) REFERENCES pre_litigation_files (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, incident_id) REFERENCES incidents (organisation_id, id)
);
CREATE INDEX pre_litigation_incidents_incident ON pre_litigation_incidents (organisation_id, incident_id);

CREATE TABLE pre_litigation_persons (
  organisation_id  integer NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  file_id          integer NOT NULL,
  full_name        text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  role             text NOT NULL CHECK (role IN ('tenant', 'occupant', 'visitor', 'other')),
  -- The dwelling the person is tenant or occupant of, when there is one.
  dwelling_id      integer,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, file_id) REFERENCES pre_litigation_files (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, dwelling_id) REFERENCES dwellings (organisation_id, id)
);
CREATE INDEX pre_litigation_persons_file ON pre_litigation_persons (organisation_id, file_id);
CREATE INDEX pre_litigation_persons_name ON pre_litigation_persons (organisation_id, lower(full_name));
CREATE INDEX pre_litigation_persons_dwelling ON pre_litigation_persons (organisation_id, dwelling_id) WHERE dwelling_id IS NOT NULL;

-- The legal steps, in the order of the graduated response.
CREATE TABLE pre_litigation_steps (
  organisation_id  integer NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  file_id          integer NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('lease_rules_reminder', 'formal_notice', 'complaint', 'summons', 'judgment')),
  step_date        date NOT NULL,
  note             text CHECK (length(note) <= 2000),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  recorded_by      integer,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, file_id) REFERENCES pre_litigation_files (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX pre_litigation_steps_file ON pre_litigation_steps (organisation_id, file_id, step_date, id);

SELECT vigie_enable_tenant_rls(t) FROM unnest(ARRAY['pre_litigation_files', 'pre_litigation_incidents', 'pre_litigation_persons',
  'pre_litigation_steps']::regclass[]) AS t;
