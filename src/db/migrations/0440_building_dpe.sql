-- A DPE established for a whole building (ADEME type_batiment « immeuble », method « dpe immeuble
-- collectif ») belongs to the building, not to one dwelling: it speaks for each of the building's
-- dwellings that has no valid DPE of its own. One table for both, so a DPE number stays unique
-- and a re-import may move a DPE from one level to the other. RLS is already on dpe_records.
ALTER TABLE dpe_records ALTER COLUMN dwelling_id DROP NOT NULL;
ALTER TABLE dpe_records ADD COLUMN building_id integer;
ALTER TABLE dpe_records ADD CONSTRAINT dpe_records_building_fkey
  FOREIGN KEY (organisation_id, building_id) REFERENCES buildings (organisation_id, id);
ALTER TABLE dpe_records ADD CONSTRAINT dpe_records_one_level CHECK ((dwelling_id IS NULL) <> (building_id IS NULL));
CREATE INDEX dpe_records_building ON dpe_records (organisation_id, building_id, issued_on) WHERE building_id IS NOT NULL;
