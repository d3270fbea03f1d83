-- Status history of financing lines: who moved a line from one status to another, and when
-- (the semi-annual tracking table shows it). A line's creation has no "from", its deletion no "to";
-- the history outlives the line, not its operation.
CREATE TABLE financing_line_status_changes (
  organisation_id  integer NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  operation_id     integer NOT NULL,
  line_id          integer NOT NULL,
  source           text NOT NULL,
  from_status      text CHECK (from_status IN ('requested', 'notified', 'committed', 'paid')),
  to_status        text CHECK (to_status IN ('requested', 'notified', 'committed', 'paid')),
  amount_cents     bigint NOT NULL,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  changed_by       text NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, operation_id) REFERENCES renovation_operations (organisation_id, id) ON DELETE CASCADE,
  CHECK (from_status IS NOT NULL OR to_status IS NOT NULL)
);
CREATE INDEX financing_line_status_changes_operation ON financing_line_status_changes (organisation_id, operation_id, changed_at);

SELECT vigie_enable_tenant_rls('financing_line_status_changes');
