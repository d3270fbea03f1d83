-- Lighter roll-up maintenance for the statements that cannot change a contribution. Recording an
-- incident refreshed its contribution twice: once for the incident, once again for its first
-- status line. An incident's contribution reads from its children only
--   - its status lines closing it (field 'status', after '"closed"', reason other than 'import'):
--     the handling time;
--   - its complaint actions (kinds 'complaint_filed', 'accompanied_complaint'): with_complaint;
-- so the children's triggers now refresh only the incidents whose inserted, updated or deleted
-- children are such rows. And a refresh takes nothing off the roll-ups when none of its
-- incidents had a contribution yet (a new incident).

-- Refreshes the contributions of these incidents (paired arrays), or notes them in bulk mode (0800).
CREATE FUNCTION observatory_incidents_touched(orgs integer[], ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE org integer;
BEGIN
  IF current_setting('vigie.observatory_bulk', true) = 'on' THEN
    INSERT INTO pg_temp.observatory_bulk_pending SELECT * FROM unnest(orgs, ids);
    RETURN;
  END IF;
  FOR org IN SELECT DISTINCT o FROM unnest(orgs) AS o LOOP
    PERFORM observatory_refresh(org, ARRAY(SELECT t.id FROM unnest(orgs, ids) AS t(o, id) WHERE t.o = org));
  END LOOP;
END $$;

-- Status lines: `changed` is the transition table of the lines inserted or deleted.
CREATE FUNCTION observatory_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs integer[]; ids bigint[];
BEGIN
  SELECT array_agg(organisation_id), array_agg(incident_id) INTO orgs, ids
  FROM (SELECT DISTINCT organisation_id, incident_id FROM changed
        WHERE field = 'status' AND after_value = '"closed"'::jsonb AND reason IS DISTINCT FROM 'import') t;
  IF ids IS NOT NULL THEN PERFORM observatory_incidents_touched(orgs, ids); END IF;
  RETURN NULL;
END $$;

-- Actions inserted or deleted (`changed`).
CREATE FUNCTION observatory_actions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs integer[]; ids bigint[];
BEGIN
  SELECT array_agg(organisation_id), array_agg(incident_id) INTO orgs, ids
  FROM (SELECT DISTINCT organisation_id, incident_id FROM changed WHERE kind IN ('complaint_filed', 'accompanied_complaint')) t;
  IF ids IS NOT NULL THEN PERFORM observatory_incidents_touched(orgs, ids); END IF;
  RETURN NULL;
END $$;

-- Actions updated: a complaint before or after the update (its kind or incident may change).
CREATE FUNCTION observatory_actions_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs integer[]; ids bigint[];
BEGIN
  SELECT array_agg(organisation_id), array_agg(incident_id) INTO orgs, ids
  FROM (SELECT organisation_id, incident_id FROM before_update WHERE kind IN ('complaint_filed', 'accompanied_complaint')
        UNION SELECT organisation_id, incident_id FROM after_update WHERE kind IN ('complaint_filed', 'accompanied_complaint')) t;
  IF ids IS NOT NULL THEN PERFORM observatory_incidents_touched(orgs, ids); END IF;
  RETURN NULL;
END $$;

DROP TRIGGER observatory_actions_inserted ON incident_actions;
DROP TRIGGER observatory_actions_updated ON incident_actions;
DROP TRIGGER observatory_actions_deleted ON incident_actions;
DROP TRIGGER observatory_history_inserted ON incident_history;
DROP TRIGGER observatory_history_deleted ON incident_history;
DROP FUNCTION observatory_incident_children_changed();

CREATE TRIGGER observatory_actions_inserted AFTER INSERT ON incident_actions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_actions_changed();
CREATE TRIGGER observatory_actions_updated AFTER UPDATE ON incident_actions
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION observatory_actions_updated();
CREATE TRIGGER observatory_actions_deleted AFTER DELETE ON incident_actions
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_actions_changed();
CREATE TRIGGER observatory_history_inserted AFTER INSERT ON incident_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_history_changed();
CREATE TRIGGER observatory_history_deleted AFTER DELETE ON incident_history
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_history_changed();

-- 0800's observatory_refresh. Without contributions to take off, it skips taking them off
-- and clearing the rows that would have emptied (a refresh that only adds empties none).
CREATE OR REPLACE FUNCTION observatory_refresh(org integer, ids bigint[]) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE counted boolean;
BEGIN
  counted := EXISTS (SELECT 1 FROM observatory_contributions c JOIN (SELECT DISTINCT unnest(ids) AS id) t ON t.id = c.incident_id
                     WHERE c.organisation_id = org);
  IF counted THEN
    PERFORM observatory_apply(org, ids, -1);
    DELETE FROM observatory_contributions c USING (SELECT DISTINCT unnest(ids) AS id) t WHERE c.organisation_id = org AND c.incident_id = t.id;
  END IF;
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
  IF counted THEN
    DELETE FROM incident_rollups WHERE organisation_id = org AND incidents = 0;
    DELETE FROM incident_rollup_hours WHERE organisation_id = org AND incidents = 0;
  END IF;
  INSERT INTO observatory_versions AS v (organisation_id, version) VALUES (org, 1)
  ON CONFLICT (organisation_id) DO UPDATE SET version = v.version + 1;
END $$;
