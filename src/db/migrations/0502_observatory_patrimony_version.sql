-- A version of each organisation's patrimony, bumped by any change to its places or dwellings:
-- the observatory keeps the places in scope of a filter (names, communes, QPV, dwellings) in
-- memory and reads them again only when it moved.
ALTER TABLE observatory_versions ADD COLUMN patrimony_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION observatory_patrimony_changed() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO observatory_versions AS v (organisation_id, version, patrimony_version)
  SELECT DISTINCT organisation_id, 0, 1 FROM changed
  ON CONFLICT (organisation_id) DO UPDATE SET patrimony_version = v.patrimony_version + 1;
  RETURN NULL;
END $$;

DO $$
DECLARE place_table text;
BEGIN
  FOREACH place_table IN ARRAY ARRAY['directorates', 'agencies', 'residences', 'buildings', 'entrances', 'dwellings'] LOOP
    EXECUTE format('CREATE TRIGGER observatory_version_%1$s_inserted AFTER INSERT ON %1$I REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION observatory_patrimony_changed()', place_table);
    EXECUTE format('CREATE TRIGGER observatory_version_%1$s_updated AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION observatory_patrimony_changed()', place_table);
    EXECUTE format('CREATE TRIGGER observatory_version_%1$s_deleted AFTER DELETE ON %1$I REFERENCING OLD TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION observatory_patrimony_changed()', place_table);
  END LOOP;
END $$;
