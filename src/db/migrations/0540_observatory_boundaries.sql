-- Commune boundaries a landlord imports (`vigie import boundaries`, e.g. IGN Admin Express):
-- the product ships none. Per organisation, so each tenant loads and sees only its own copy.
-- They draw the observatory's choropleths per commune and, by union, per agency.
CREATE TABLE commune_boundaries (
  organisation_id  integer NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  insee_code       text NOT NULL CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
  name             text,
  geom             geometry(MultiPolygon, 4326) NOT NULL,
  imported_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, insee_code)
);
CREATE INDEX commune_boundaries_geom ON commune_boundaries USING gist (geom);
SELECT vigie_enable_tenant_rls('commune_boundaries');
