-- ADEME DPEs without a known RPLS number are matched by address: by BAN identifier (learnt from
-- the DPEs of the same building that were matched by RPLS number), else by normalised address.
CREATE TABLE building_ban_addresses (
  organisation_id  integer NOT NULL,
  ban_id           text NOT NULL,
  building_id      integer NOT NULL,
  PRIMARY KEY (organisation_id, ban_id),
  FOREIGN KEY (organisation_id, building_id) REFERENCES buildings (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX building_ban_addresses_building ON building_ban_addresses (organisation_id, building_id);
SELECT vigie_enable_tenant_rls('building_ban_addresses');

ALTER TABLE dpe_records DROP CONSTRAINT dpe_records_matched_by_check;
ALTER TABLE dpe_records ADD CONSTRAINT dpe_records_matched_by_check CHECK (matched_by IN ('rpls', 'ban', 'address'));
