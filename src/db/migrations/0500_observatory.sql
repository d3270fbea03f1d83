-- Observatory roll-ups: the figures of the dashboards, kept up to date by triggers so that no
-- dashboard scans raw incidents. Counted: live incidents only (neither drafts nor merged duplicates).
--
-- Each counted incident has one row in observatory_contributions: exactly what it adds to the
-- roll-ups. Any change to an incident, to its actions or to its status history recomputes the
-- contributions of the incidents touched, takes the old ones off the roll-ups and adds the new
-- ones, so edits, merges and deletions stay exact. Triggers are per statement (transition
-- tables), so a bulk insert updates each roll-up once.

CREATE TABLE observatory_contributions (
  organisation_id  integer NOT NULL,
  incident_id      bigint NOT NULL,
  -- First day of the month the incident occurred in, in Paris time.
  month            date NOT NULL,
  category_code    text NOT NULL,
  family           char(1) NOT NULL,
  severity         text NOT NULL,
  status           text NOT NULL,
  agency_id        integer NOT NULL,
  residence_id     integer NOT NULL,
  building_id      integer,
  entrance_id      integer,
  -- ISO weekday (1 = Monday) and hour in Paris time; null when the time is unknown.
  weekday          smallint,
  hour             smallint,
  damage_cost      numeric(14, 2) NOT NULL,
  complaint        boolean NOT NULL,
  -- Worst ITT class among staff victims of an attack on staff (family E): 0 unknown, 1 none,
  -- 2 up to 8 days, 3 over 8 days; null when no staff victim is recorded.
  staff_itt        smallint,
  -- Hours from recording to the last closure, for closed incidents whose closure was seen.
  handling_hours   numeric(14, 4),
  PRIMARY KEY (organisation_id, incident_id)
);

-- Month × category × severity × status at four place levels. Every row carries the wider
-- places of its own so that a filter at any level reads one level.
CREATE TABLE incident_rollups (
  organisation_id   integer NOT NULL,
  level             text NOT NULL CHECK (level IN ('agency', 'residence', 'building', 'entrance')),
  place_id          integer NOT NULL,
  agency_id         integer NOT NULL,
  residence_id      integer,
  building_id       integer,
  month             date NOT NULL,
  category_code     text NOT NULL,
  family            char(1) NOT NULL,
  severity          text NOT NULL,
  status            text NOT NULL,
  incidents         integer NOT NULL,
  damage_cost       numeric(16, 2) NOT NULL,
  with_cost         integer NOT NULL,
  with_complaint    integer NOT NULL,
  handled           integer NOT NULL,
  handling_hours    numeric(18, 4) NOT NULL,
  staff_itt_unknown integer NOT NULL,
  staff_itt_none    integer NOT NULL,
  staff_itt_up_to_8 integer NOT NULL,
  staff_itt_over_8  integer NOT NULL,
  PRIMARY KEY (organisation_id, level, place_id, month, category_code, severity, status)
);
CREATE INDEX incident_rollups_month ON incident_rollups (organisation_id, level, month);
CREATE INDEX incident_rollups_emptied ON incident_rollups (organisation_id) WHERE incidents = 0;

-- Hour × weekday by agency, month and family (incidents with a known time only).
CREATE TABLE incident_rollup_hours (
  organisation_id  integer NOT NULL,
  agency_id        integer NOT NULL,
  month            date NOT NULL,
  family           char(1) NOT NULL,
  weekday          smallint NOT NULL,
  hour             smallint NOT NULL,
  incidents        integer NOT NULL,
  PRIMARY KEY (organisation_id, month, agency_id, family, weekday, hour)
);
CREATE INDEX incident_rollup_hours_emptied ON incident_rollup_hours (organisation_id) WHERE incidents = 0;

-- Bumped by every change to counted figures: in-memory indexes (map clusters) compare it.
CREATE TABLE observatory_versions (
  organisation_id  integer PRIMARY KEY,
  version          bigint NOT NULL
);

-- Staff per agency (landlord's staff working there), an input of the per-100-staff rates.
CREATE TABLE observatory_agency_staff (
  organisation_id  integer NOT NULL,
  agency_id        integer NOT NULL,
  staff            integer NOT NULL CHECK (staff >= 0),
  PRIMARY KEY (organisation_id, agency_id),
  FOREIGN KEY (organisation_id, agency_id) REFERENCES agencies (organisation_id, id)
);

-- Adds (sign = 1) or takes off (sign = -1) the contributions of these incidents.
CREATE FUNCTION observatory_apply(org integer, ids bigint[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_rollups AS r (organisation_id, level, place_id, agency_id, residence_id, building_id, month, category_code,
    family, severity, status, incidents, damage_cost, with_cost, with_complaint, handled, handling_hours,
    staff_itt_unknown, staff_itt_none, staff_itt_up_to_8, staff_itt_over_8)
  SELECT c.organisation_id, l.level, l.place_id, c.agency_id, l.residence_id, l.building_id, c.month, c.category_code,
    c.family, c.severity, c.status, sign * count(*), sign * sum(c.damage_cost), sign * count(*) FILTER (WHERE c.damage_cost > 0),
    sign * count(*) FILTER (WHERE c.complaint), sign * count(c.handling_hours), sign * COALESCE(sum(c.handling_hours), 0),
    sign * count(*) FILTER (WHERE c.staff_itt = 0), sign * count(*) FILTER (WHERE c.staff_itt = 1),
    sign * count(*) FILTER (WHERE c.staff_itt = 2), sign * count(*) FILTER (WHERE c.staff_itt = 3)
  FROM observatory_contributions c
  CROSS JOIN LATERAL (VALUES
    ('agency', c.agency_id, NULL::integer, NULL::integer),
    ('residence', c.residence_id, c.residence_id, NULL::integer),
    ('building', c.building_id, c.residence_id, c.building_id),
    ('entrance', c.entrance_id, c.residence_id, c.building_id)
  ) AS l(level, place_id, residence_id, building_id)
  WHERE c.organisation_id = org AND c.incident_id = ANY(ids) AND l.place_id IS NOT NULL
  GROUP BY c.organisation_id, l.level, l.place_id, c.agency_id, l.residence_id, l.building_id, c.month, c.category_code,
    c.family, c.severity, c.status
  ON CONFLICT (organisation_id, level, place_id, month, category_code, severity, status) DO UPDATE SET
    incidents = r.incidents + excluded.incidents, damage_cost = r.damage_cost + excluded.damage_cost,
    with_cost = r.with_cost + excluded.with_cost, with_complaint = r.with_complaint + excluded.with_complaint,
    handled = r.handled + excluded.handled, handling_hours = r.handling_hours + excluded.handling_hours,
    staff_itt_unknown = r.staff_itt_unknown + excluded.staff_itt_unknown, staff_itt_none = r.staff_itt_none + excluded.staff_itt_none,
    staff_itt_up_to_8 = r.staff_itt_up_to_8 + excluded.staff_itt_up_to_8, staff_itt_over_8 = r.staff_itt_over_8 + excluded.staff_itt_over_8;

  INSERT INTO incident_rollup_hours AS h (organisation_id, agency_id, month, family, weekday, hour, incidents)
  SELECT c.organisation_id, c.agency_id, c.month, c.family, c.weekday, c.hour, sign * count(*)
  FROM observatory_contributions c
  WHERE c.organisation_id = org AND c.incident_id = ANY(ids) AND c.weekday IS NOT NULL
  GROUP BY c.organisation_id, c.agency_id, c.month, c.family, c.weekday, c.hour
  ON CONFLICT (organisation_id, month, agency_id, family, weekday, hour) DO UPDATE SET incidents = h.incidents + excluded.incidents;
END $$;

-- Recomputes the contributions of these incidents from their current state. Runs with the
-- owner's rights: the caller may write incidents, not the shared roll-up rows it cannot see.
CREATE FUNCTION observatory_refresh(org integer, ids bigint[]) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM observatory_apply(org, ids, -1);
  DELETE FROM observatory_contributions WHERE organisation_id = org AND incident_id = ANY(ids);
  INSERT INTO observatory_contributions
  SELECT i.organisation_id, i.id,
    date_trunc('month', i.occurred_at AT TIME ZONE 'Europe/Paris')::date,
    i.category_code, i.family, i.severity, i.status, i.agency_id, i.residence_id, i.building_id, i.entrance_id,
    CASE WHEN NOT i.time_unknown THEN extract(isodow FROM i.occurred_at AT TIME ZONE 'Europe/Paris')::smallint END,
    CASE WHEN NOT i.time_unknown THEN extract(hour FROM i.occurred_at AT TIME ZONE 'Europe/Paris')::smallint END,
    COALESCE(i.actual_cost, i.estimated_cost, 0),
    EXISTS (SELECT 1 FROM incident_actions a WHERE a.organisation_id = i.organisation_id AND a.incident_id = i.id
            AND a.kind IN ('complaint_filed', 'accompanied_complaint')),
    CASE WHEN i.family = 'E' THEN (
      SELECT max(CASE v->>'ittClass' WHEN 'itt_over_8_days' THEN 3 WHEN 'itt_up_to_8_days' THEN 2 WHEN 'no_itt' THEN 1 ELSE 0 END)
      FROM jsonb_array_elements(i.victims) AS v WHERE v->>'role' IN ('landlord_staff', 'contractor_staff')) END,
    CASE WHEN i.status = 'closed' THEN (
      SELECT extract(epoch FROM max(h.changed_at) - i.recorded_at) / 3600
      FROM incident_history h WHERE h.organisation_id = i.organisation_id AND h.incident_id = i.id AND h.field = 'status'
        AND h.after_value = '"closed"'::jsonb AND h.reason IS DISTINCT FROM 'import' AND h.changed_at >= i.recorded_at) END
  FROM incidents i
  WHERE i.organisation_id = org AND i.id = ANY(ids) AND i.status <> 'draft' AND i.duplicate_of IS NULL;
  PERFORM observatory_apply(org, ids, 1);
  DELETE FROM incident_rollups WHERE organisation_id = org AND incidents = 0;
  DELETE FROM incident_rollup_hours WHERE organisation_id = org AND incidents = 0;
  INSERT INTO observatory_versions AS v (organisation_id, version) VALUES (org, 1)
  ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
END $$;

-- Statement triggers: `changed` is the transition table of the rows inserted, updated or deleted.
CREATE FUNCTION observatory_incidents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE org integer;
BEGIN
  FOR org IN SELECT DISTINCT organisation_id FROM changed LOOP
    PERFORM observatory_refresh(org, ARRAY(SELECT id FROM changed WHERE organisation_id = org));
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION observatory_incident_children_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE org integer;
BEGIN
  FOR org IN SELECT DISTINCT organisation_id FROM changed LOOP
    PERFORM observatory_refresh(org, ARRAY(SELECT DISTINCT incident_id FROM changed WHERE organisation_id = org));
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER observatory_incidents_inserted AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incidents_changed();
CREATE TRIGGER observatory_incidents_updated AFTER UPDATE ON incidents
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incidents_changed();
CREATE TRIGGER observatory_incidents_deleted AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incidents_changed();

CREATE TRIGGER observatory_actions_inserted AFTER INSERT ON incident_actions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incident_children_changed();
CREATE TRIGGER observatory_actions_updated AFTER UPDATE ON incident_actions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incident_children_changed();
CREATE TRIGGER observatory_actions_deleted AFTER DELETE ON incident_actions
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incident_children_changed();

-- Closures are read from the status history (handling time).
CREATE TRIGGER observatory_history_inserted AFTER INSERT ON incident_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incident_children_changed();
CREATE TRIGGER observatory_history_deleted AFTER DELETE ON incident_history
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_incident_children_changed();

SELECT vigie_enable_tenant_rls(t) FROM unnest(ARRAY['observatory_contributions', 'incident_rollups', 'incident_rollup_hours',
  'observatory_versions', 'observatory_agency_staff']::regclass[]) AS t;
