-- Bulk loads (history imports of up to millions of incidents): the per-statement roll-up refresh
-- of 0500 costs a contribution recomputation for every batch and every child table. Inside a
-- transaction that called observatory_bulk_begin(), the triggers only note which incidents
-- changed; observatory_bulk_finish() then refreshes them once, set-based, in the same
-- transaction. If the caller never finishes, a deferred trigger does it at commit, so the
-- roll-ups can never be left behind the incidents.

-- Opens bulk mode for the rest of the transaction (transaction-local setting, temporary tables).
CREATE FUNCTION observatory_bulk_begin() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('vigie.observatory_bulk', true) = 'on' THEN RETURN; END IF;
  -- A second bulk load in the same transaction reuses the tables and the commit-time guard.
  IF to_regclass('pg_temp.observatory_bulk_guard') IS NULL THEN
    CREATE TEMP TABLE observatory_bulk_pending (organisation_id integer NOT NULL, incident_id bigint NOT NULL) ON COMMIT DROP;
    CREATE TEMP TABLE observatory_bulk_guard (opened boolean) ON COMMIT DROP;
    CREATE CONSTRAINT TRIGGER observatory_bulk_at_commit AFTER INSERT ON pg_temp.observatory_bulk_guard
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION observatory_bulk_at_commit();
    INSERT INTO pg_temp.observatory_bulk_guard VALUES (true);
  END IF;
  PERFORM set_config('vigie.observatory_bulk', 'on', true);
END $$;

-- Refreshes the contributions of every incident noted since observatory_bulk_begin(), then
-- leaves bulk mode: later statements of the transaction refresh as usual.
-- Memory for the sorts and aggregates of hundreds of thousands of contributions at once.
CREATE FUNCTION observatory_bulk_finish() RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE org integer;
BEGIN
  IF current_setting('vigie.observatory_bulk', true) IS DISTINCT FROM 'on' THEN RETURN; END IF;
  PERFORM set_config('vigie.observatory_bulk', 'off', true);
  FOR org IN SELECT DISTINCT organisation_id FROM pg_temp.observatory_bulk_pending LOOP
    PERFORM observatory_refresh(org, ARRAY(SELECT DISTINCT incident_id FROM pg_temp.observatory_bulk_pending WHERE organisation_id = org));
  END LOOP;
  DELETE FROM pg_temp.observatory_bulk_pending;
END $$;

CREATE FUNCTION observatory_bulk_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM observatory_bulk_finish();
  RETURN NULL;
END $$;

-- The triggers of 0500, which note instead of refreshing while bulk mode is on.
CREATE OR REPLACE FUNCTION observatory_incidents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE org integer;
BEGIN
  IF current_setting('vigie.observatory_bulk', true) = 'on' THEN
    INSERT INTO pg_temp.observatory_bulk_pending SELECT organisation_id, id FROM changed;
    RETURN NULL;
  END IF;
  FOR org IN SELECT DISTINCT organisation_id FROM changed LOOP
    PERFORM observatory_refresh(org, ARRAY(SELECT id FROM changed WHERE organisation_id = org));
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION observatory_incident_children_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE org integer;
BEGIN
  IF current_setting('vigie.observatory_bulk', true) = 'on' THEN
    INSERT INTO pg_temp.observatory_bulk_pending SELECT DISTINCT organisation_id, incident_id FROM changed;
    RETURN NULL;
  END IF;
  FOR org IN SELECT DISTINCT organisation_id FROM changed LOOP
    PERFORM observatory_refresh(org, ARRAY(SELECT DISTINCT incident_id FROM changed WHERE organisation_id = org));
  END LOOP;
  RETURN NULL;
END $$;

-- The roll-up functions of 0500, with the incidents given as a joined set instead of
-- `= ANY(ids)`: a filter over an array parameter compares every row with every id, which is
-- quadratic for the hundreds of thousands of incidents of one bulk refresh.
-- Adds (sign = 1) or takes off (sign = -1) the contributions of these incidents.
CREATE OR REPLACE FUNCTION observatory_apply(org integer, ids bigint[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
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
  JOIN (SELECT DISTINCT unnest(ids) AS id) t ON t.id = c.incident_id
  CROSS JOIN LATERAL (VALUES
    ('agency', c.agency_id, NULL::integer, NULL::integer),
    ('residence', c.residence_id, c.residence_id, NULL::integer),
    ('building', c.building_id, c.residence_id, c.building_id),
    ('entrance', c.entrance_id, c.residence_id, c.building_id)
  ) AS l(level, place_id, residence_id, building_id)
  WHERE c.organisation_id = org AND l.place_id IS NOT NULL
  GROUP BY c.organisation_id, l.level, l.place_id, c.agency_id, l.residence_id, l.building_id, c.month, c.category_code,
    c.family, c.severity, c.status
  -- In key order: a bulk refresh then fills the key's index by appending, not at random.
  ORDER BY l.level, l.place_id, c.month, c.category_code, c.severity, c.status
  ON CONFLICT (organisation_id, level, place_id, month, category_code, severity, status) DO UPDATE SET
    incidents = r.incidents + excluded.incidents, damage_cost = r.damage_cost + excluded.damage_cost,
    with_cost = r.with_cost + excluded.with_cost, with_complaint = r.with_complaint + excluded.with_complaint,
    handled = r.handled + excluded.handled, handling_hours = r.handling_hours + excluded.handling_hours,
    staff_itt_unknown = r.staff_itt_unknown + excluded.staff_itt_unknown, staff_itt_none = r.staff_itt_none + excluded.staff_itt_none,
    staff_itt_up_to_8 = r.staff_itt_up_to_8 + excluded.staff_itt_up_to_8, staff_itt_over_8 = r.staff_itt_over_8 + excluded.staff_itt_over_8;

  INSERT INTO incident_rollup_hours AS h (organisation_id, agency_id, month, family, weekday, hour, incidents)
  SELECT c.organisation_id, c.agency_id, c.month, c.family, c.weekday, c.hour, sign * count(*)
  FROM observatory_contributions c
  JOIN (SELECT DISTINCT unnest(ids) AS id) t ON t.id = c.incident_id
  WHERE c.organisation_id = org AND c.weekday IS NOT NULL
  GROUP BY c.organisation_id, c.agency_id, c.month, c.family, c.weekday, c.hour
  ORDER BY c.month, c.agency_id, c.family, c.weekday, c.hour
  ON CONFLICT (organisation_id, month, agency_id, family, weekday, hour) DO UPDATE SET incidents = h.incidents + excluded.incidents;
END $$;

-- Recomputes the contributions of these incidents from their current state. Runs with the
-- owner's rights: the caller may write incidents, not the shared roll-up rows it cannot see.
CREATE OR REPLACE FUNCTION observatory_refresh(org integer, ids bigint[]) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM observatory_apply(org, ids, -1);
  DELETE FROM observatory_contributions c USING (SELECT DISTINCT unnest(ids) AS id) t WHERE c.organisation_id = org AND c.incident_id = t.id;
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
  JOIN (SELECT DISTINCT unnest(ids) AS id) t ON t.id = i.id
  WHERE i.organisation_id = org AND i.status <> 'draft' AND i.duplicate_of IS NULL;
  PERFORM observatory_apply(org, ids, 1);
  DELETE FROM incident_rollups WHERE organisation_id = org AND incidents = 0;
  DELETE FROM incident_rollup_hours WHERE organisation_id = org AND incidents = 0;
  INSERT INTO observatory_versions AS v (organisation_id, version) VALUES (org, 1)
  ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
END $$;
