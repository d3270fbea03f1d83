-- The BAN identifier (identifiant BAN, « cle_interop ») of a building's address, given in the
-- patrimony file, so ADEME DPEs find their building by it from the first import. Several
-- buildings may share one address: not unique.
ALTER TABLE buildings ADD COLUMN ban_id text;
CREATE INDEX buildings_ban_id ON buildings (organisation_id, ban_id) WHERE ban_id IS NOT NULL;
