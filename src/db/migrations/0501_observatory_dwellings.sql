-- Dwellings per building and entrance (0 = no entrance: houses), kept by triggers on dwellings:
-- rates per 100 dwellings read a few thousand rows instead of every dwelling.
CREATE TABLE observatory_dwelling_counts (
  organisation_id  integer NOT NULL,
  building_id      integer NOT NULL,
  entrance_id      integer NOT NULL,
  dwellings        integer NOT NULL,
  PRIMARY KEY (organisation_id, building_id, entrance_id)
);

CREATE FUNCTION observatory_recount(org integer, building_ids integer[]) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM observatory_dwelling_counts WHERE organisation_id = org AND building_id = ANY(building_ids);
  INSERT INTO observatory_dwelling_counts (organisation_id, building_id, entrance_id, dwellings)
  SELECT organisation_id, building_id, COALESCE(entrance_id, 0), count(*)
  FROM dwellings WHERE organisation_id = org AND building_id = ANY(building_ids)
  GROUP BY organisation_id, building_id, COALESCE(entrance_id, 0);
END $$;

CREATE FUNCTION observatory_dwellings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE org integer;
BEGIN
  FOR org IN SELECT DISTINCT organisation_id FROM changed LOOP
    PERFORM observatory_recount(org, ARRAY(SELECT DISTINCT building_id FROM changed WHERE organisation_id = org));
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER observatory_dwellings_inserted AFTER INSERT ON dwellings
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_dwellings_changed();
CREATE TRIGGER observatory_dwellings_updated_from AFTER UPDATE ON dwellings
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_dwellings_changed();
CREATE TRIGGER observatory_dwellings_updated_to AFTER UPDATE ON dwellings
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_dwellings_changed();
CREATE TRIGGER observatory_dwellings_deleted AFTER DELETE ON dwellings
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observatory_dwellings_changed();

INSERT INTO observatory_dwelling_counts (organisation_id, building_id, entrance_id, dwellings)
SELECT organisation_id, building_id, COALESCE(entrance_id, 0), count(*) FROM dwellings GROUP BY 1, 2, 3;

SELECT vigie_enable_tenant_rls('observatory_dwelling_counts');
