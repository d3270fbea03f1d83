-- Retention: each organisation's overrides of the default durations (src/gdpr/domain/policy.ts
-- holds the defaults and the meaning of each rule), and the mark of an anonymised incident.
CREATE TABLE retention_policies (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  rule             text NOT NULL CHECK (rule IN ('incident_anonymise', 'incident_photos', 'sessions', 'pre_litigation_closed',
                                                 'pre_litigation_limitation')),
  months           integer NOT NULL CHECK (months BETWEEN 0 AND 1200),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, rule)
);
SELECT vigie_enable_tenant_rls('retention_policies');

-- Set when the retention engine cleared the incident's free text and recorder and coarsened its place.
ALTER TABLE incidents ADD COLUMN anonymised_at timestamptz;
CREATE INDEX incidents_to_anonymise ON incidents (organisation_id, occurred_at) WHERE anonymised_at IS NULL;
