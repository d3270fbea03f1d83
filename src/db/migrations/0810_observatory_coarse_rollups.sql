-- Coarse roll-ups for the dashboard's wide panels. The roll-ups of 0500 keep severity and status
-- at every place level, so a whole landlord's twelve months are tens of thousands of rows that
-- grow with the incidents. These keep, per month and family:
--   organisation rows: each category (the indicators, families, categories and trend of a
--     whole-landlord dashboard);
--   agency and residence rows: every category together (the agency and residence panels);
-- and the hour × weekday grid of the whole organisation. Their size follows the places and the
-- months, not the incidents. Filters on severity or status, and category filters on agency or
-- residence panels, still read 0500's roll-ups: the service chooses (src/observatory/filters.ts).
-- Maintained from the same contributions by observatory_apply, so they stay exactly the sums of
-- 0500's rows.

CREATE TABLE incident_rollup_coarse (
  organisation_id   integer NOT NULL,
  level             text NOT NULL CHECK (level IN ('organisation', 'agency', 'residence')),
  -- 0 on organisation rows.
  place_id          integer NOT NULL,
  -- The agency of agency and residence rows (of a residence's incidents, the first agency if they
  -- ever differ within a month), the residence of residence rows.
  agency_id         integer,
  residence_id      integer,
  month             date NOT NULL,
  family            char(1) NOT NULL,
  -- '' on agency and residence rows: the family's categories together.
  category_code     text NOT NULL,
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
  -- Month before place: the dashboard reads a range of months of one level.
  PRIMARY KEY (organisation_id, level, month, place_id, family, category_code)
);
CREATE INDEX incident_rollup_coarse_emptied ON incident_rollup_coarse (organisation_id) WHERE incidents = 0;

CREATE TABLE incident_rollup_organisation_hours (
  organisation_id  integer NOT NULL,
  month            date NOT NULL,
  family           char(1) NOT NULL,
  weekday          smallint NOT NULL,
  hour             smallint NOT NULL,
  incidents        integer NOT NULL,
  PRIMARY KEY (organisation_id, month, family, weekday, hour)
);
CREATE INDEX incident_rollup_organisation_hours_emptied ON incident_rollup_organisation_hours (organisation_id) WHERE incidents = 0;

SELECT vigie_enable_tenant_rls(t) FROM unnest(ARRAY['incident_rollup_coarse', 'incident_rollup_organisation_hours']::regclass[]) AS t;

-- Existing figures: the sums of 0500's rows.
INSERT INTO incident_rollup_coarse (organisation_id, level, place_id, agency_id, residence_id, month, family, category_code,
  incidents, damage_cost, with_cost, with_complaint, handled, handling_hours, staff_itt_unknown, staff_itt_none, staff_itt_up_to_8, staff_itt_over_8)
SELECT r.organisation_id, l.level, l.place_id, min(l.agency_id), l.residence_id, r.month, r.family, l.category_code,
  sum(r.incidents), sum(r.damage_cost), sum(r.with_cost), sum(r.with_complaint), sum(r.handled), sum(r.handling_hours),
  sum(r.staff_itt_unknown), sum(r.staff_itt_none), sum(r.staff_itt_up_to_8), sum(r.staff_itt_over_8)
FROM incident_rollups r
CROSS JOIN LATERAL (VALUES
  ('agency', 'organisation', 0, NULL::integer, NULL::integer, r.category_code),
  ('agency', 'agency', r.agency_id, r.agency_id, NULL::integer, ''),
  ('residence', 'residence', r.place_id, r.agency_id, r.place_id, '')
) AS l(source, level, place_id, agency_id, residence_id, category_code)
WHERE r.level = l.source
GROUP BY r.organisation_id, l.level, l.place_id, l.residence_id, r.month, r.family, l.category_code;

INSERT INTO incident_rollup_organisation_hours (organisation_id, month, family, weekday, hour, incidents)
SELECT organisation_id, month, family, weekday, hour, sum(incidents)
FROM incident_rollup_hours GROUP BY organisation_id, month, family, weekday, hour;

-- 0800's observatory_apply, adding to the coarse roll-ups too.
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
