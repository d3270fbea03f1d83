-- Long observatory analyses run off the request thread (near-repeat Knox, Gi* permutation
-- inference): each job's parameters, progress and result, per organisation and per user, kept
-- here so that a finished result survives a restart (a job a restart cut short is marked failed).
CREATE TABLE observatory_jobs (
  organisation_id  integer NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  user_id          integer NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('near_repeat', 'hotspot_permutation')),
  parameters       jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress_done    integer NOT NULL DEFAULT 0 CHECK (progress_done >= 0),
  progress_total   integer NOT NULL DEFAULT 0 CHECK (progress_total >= 0),
  result           jsonb,
  -- RFC 9457 fields (title, detail) of a failure.
  problem          jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX observatory_jobs_user ON observatory_jobs (organisation_id, user_id, id);
CREATE INDEX observatory_jobs_active ON observatory_jobs (status) WHERE status IN ('queued', 'running');
SELECT vigie_enable_tenant_rls('observatory_jobs');
