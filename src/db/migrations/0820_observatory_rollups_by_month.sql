-- The dashboard reads a range of months of one level of incident_rollups, but the key of 0500
-- led with the place: a bulk load laid the rows out place by place, so a year of entrance rows
-- (about 90,000 at a million incidents) lay scattered over the whole table and cost a page read
-- each. The key now puts the month before the place, as 0810's tables do; an index by place keeps
-- one place's history a range read; the rows are rewritten once in the new order, and
-- observatory_apply inserts in it. Only the key's order changes: ON CONFLICT names the same columns.
ALTER TABLE incident_rollups DROP CONSTRAINT incident_rollups_pkey,
  ADD PRIMARY KEY (organisation_id, level, month, place_id, category_code, severity, status);
DROP INDEX incident_rollups_month;
CREATE INDEX incident_rollups_place ON incident_rollups (organisation_id, level, place_id, month);
CLUSTER incident_rollups USING incident_rollups_pkey;

-- 0810's observatory_apply, inserting in the new key order.
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
  -- In key order: a bulk refresh then fills the key's index by appending, and lays the rows out
  -- month by month as the dashboard reads them.
  ORDER BY l.level, c.month, l.place_id, c.category_code, c.severity, c.status
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

  -- The coarse roll-ups of 0810, from the same contributions.
  INSERT INTO incident_rollup_coarse AS r (organisation_id, level, place_id, agency_id, residence_id, month, family, category_code,
    incidents, damage_cost, with_cost, with_complaint, handled, handling_hours,
    staff_itt_unknown, staff_itt_none, staff_itt_up_to_8, staff_itt_over_8)
  SELECT c.organisation_id, l.level, l.place_id, min(l.agency_id), l.residence_id, c.month, c.family, l.category_code,
    sign * count(*), sign * sum(c.damage_cost), sign * count(*) FILTER (WHERE c.damage_cost > 0),
    sign * count(*) FILTER (WHERE c.complaint), sign * count(c.handling_hours), sign * COALESCE(sum(c.handling_hours), 0),
    sign * count(*) FILTER (WHERE c.staff_itt = 0), sign * count(*) FILTER (WHERE c.staff_itt = 1),
    sign * count(*) FILTER (WHERE c.staff_itt = 2), sign * count(*) FILTER (WHERE c.staff_itt = 3)
  FROM observatory_contributions c
  JOIN (SELECT DISTINCT unnest(ids) AS id) t ON t.id = c.incident_id
  CROSS JOIN LATERAL (VALUES
    ('organisation', 0, NULL::integer, NULL::integer, c.category_code),
    ('agency', c.agency_id, c.agency_id, NULL::integer, ''),
    ('residence', c.residence_id, c.agency_id, c.residence_id, '')
  ) AS l(level, place_id, agency_id, residence_id, category_code)
  WHERE c.organisation_id = org
  GROUP BY c.organisation_id, l.level, l.place_id, l.residence_id, c.month, c.family, l.category_code
  ON CONFLICT (organisation_id, level, month, place_id, family, category_code) DO UPDATE SET
    incidents = r.incidents + excluded.incidents, damage_cost = r.damage_cost + excluded.damage_cost,
    with_cost = r.with_cost + excluded.with_cost, with_complaint = r.with_complaint + excluded.with_complaint,
    handled = r.handled + excluded.handled, handling_hours = r.handling_hours + excluded.handling_hours,
    staff_itt_unknown = r.staff_itt_unknown + excluded.staff_itt_unknown, staff_itt_none = r.staff_itt_none + excluded.staff_itt_none,
    staff_itt_up_to_8 = r.staff_itt_up_to_8 + excluded.staff_itt_up_to_8, staff_itt_over_8 = r.staff_itt_over_8 + excluded.staff_itt_over_8;

  INSERT INTO incident_rollup_organisation_hours AS h (organisation_id, month, family, weekday, hour, incidents)
  SELECT c.organisation_id, c.month, c.family, c.weekday, c.hour, sign * count(*)
  FROM observatory_contributions c
  JOIN (SELECT DISTINCT unnest(ids) AS id) t ON t.id = c.incident_id
  WHERE c.organisation_id = org AND c.weekday IS NOT NULL
  GROUP BY c.organisation_id, c.month, c.family, c.weekday, c.hour
  ON CONFLICT (organisation_id, month, family, weekday, hour) DO UPDATE SET incidents = h.incidents + excluded.incidents;

  -- observatory_refresh adds after taking off: rows left at zero now are empty (it clears the
  -- tables of 0500 itself).
  IF sign = 1 THEN
    DELETE FROM incident_rollup_coarse WHERE organisation_id = org AND incidents = 0;
    DELETE FROM incident_rollup_organisation_hours WHERE organisation_id = org AND incidents = 0;
  END IF;
END $$;
