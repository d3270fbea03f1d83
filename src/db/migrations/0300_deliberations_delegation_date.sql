-- A Bureau decision cites the date of the board decision delegating its matter ("en vertu de la
-- délégation consentie par le Conseil d'administration le …"); `delegation` keeps its number.
ALTER TABLE deliberation_items ADD COLUMN delegation_date date;
ALTER TABLE deliberation_items ADD CONSTRAINT deliberation_items_delegation_dated
  CHECK (delegation_date IS NULL OR delegation IS NOT NULL) NOT VALID;
