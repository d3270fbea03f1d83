-- Access: accounts, role assignments with their perimeters, sessions, the hash-chained audit
-- log, and Row-Level Security as the second tenancy wall behind the application's checks.

CREATE TABLE users (
  organisation_id       integer NOT NULL REFERENCES organisations (id),
  id                    integer GENERATED ALWAYS AS IDENTITY,
  email                 text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  display_name          text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  -- argon2id PHC string; null for an account that can only sign in through single sign-on.
  password_hash         text,
  must_change_password  boolean NOT NULL DEFAULT false,
  disabled              boolean NOT NULL DEFAULT false,
  failed_attempts       integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until          timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  password_changed_at   timestamptz,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, email)
);
CREATE INDEX users_email ON users (email);

CREATE TABLE role_assignments (
  organisation_id     integer NOT NULL,
  id                  integer GENERATED ALWAYS AS IDENTITY,
  user_id             integer NOT NULL,
  role                text NOT NULL CHECK (role IN ('agent', 'agency_manager', 'territorial_director', 'observatory_officer',
                                                    'executive', 'partner', 'administrator', 'group_analyst')),
  whole_organisation  boolean NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, user_id, role),
  FOREIGN KEY (organisation_id, user_id) REFERENCES users (organisation_id, id) ON DELETE CASCADE
);

-- One row per agency, directorate or commune of an assignment's perimeter.
CREATE TABLE role_perimeter_items (
  organisation_id  integer NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  assignment_id    integer NOT NULL,
  agency_id        integer,
  directorate_id   integer,
  commune_insee    text REFERENCES communes (insee_code),
  CHECK (num_nonnulls(agency_id, directorate_id, commune_insee) = 1),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, assignment_id) REFERENCES role_assignments (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, agency_id) REFERENCES agencies (organisation_id, id),
  FOREIGN KEY (organisation_id, directorate_id) REFERENCES directorates (organisation_id, id)
);
CREATE INDEX role_perimeter_items_assignment ON role_perimeter_items (organisation_id, assignment_id);

CREATE TABLE sessions (
  organisation_id  integer NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  user_id          integer NOT NULL,
  -- sha256 (hex) of the 256-bit random token: a stolen table does not yield usable cookies.
  token_hash       text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_seen_at     timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, user_id) REFERENCES users (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (organisation_id, user_id);

-- Append-only and hash-chained per organisation: hash = sha256(previous_hash || canonical row).
-- No foreign key to users: the log outlives the accounts it mentions.
CREATE TABLE audit_log (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  seq              bigint NOT NULL CHECK (seq > 0),
  occurred_at      timestamptz NOT NULL,
  actor_user_id    integer,
  actor_label      text NOT NULL,
  action           text NOT NULL,
  object_type      text NOT NULL,
  object_id        text,
  before           jsonb,
  after            jsonb,
  previous_hash    text NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
  hash             text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (organisation_id, seq)
);
CREATE INDEX audit_log_object ON audit_log (organisation_id, object_type, object_id);

CREATE FUNCTION vigie_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION vigie_refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION vigie_refuse_audit_change();

-- Tenancy wall. Every migration that adds a tenant table must call
--   SELECT vigie_enable_tenant_rls('new_table');
-- (src/access/tenancy.test.ts fails for any table with organisation_id left without it).
-- The policy compares with the transaction's vigie.organisation_id (set by withTenant); when it is
-- unset, a non-owner role sees nothing. Table owners bypass RLS: the application must connect
-- as a non-owner role for this wall to stand (docs/security.md).
CREATE FUNCTION vigie_enable_tenant_rls(target regclass, tenant_column name DEFAULT 'organisation_id') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (%2$I = nullif(current_setting(''vigie.organisation_id'', true), '''')::integer)'
    ' WITH CHECK (%2$I = nullif(current_setting(''vigie.organisation_id'', true), '''')::integer)',
    target, tenant_column);
END
$$;

SELECT vigie_enable_tenant_rls('organisations', 'id');
-- Every table created so far that carries organisation_id, whichever migration created it.
DO $$
DECLARE tenant_table regclass;
BEGIN
  FOR tenant_table IN
    SELECT c.oid::regclass FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  LOOP
    PERFORM vigie_enable_tenant_rls(tenant_table);
  END LOOP;
END
$$;

-- The two look-ups made before the tenant is known, run with the owner's rights so that a
-- non-owner application role needs no cross-tenant read: accounts by email, session by token.
CREATE FUNCTION vigie_accounts_by_email(p_email text) RETURNS TABLE (organisation_id integer, user_id integer, siren text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.organisation_id, u.id, o.siren FROM users u JOIN organisations o ON o.id = u.organisation_id
  WHERE u.email = lower(p_email)
$$;

CREATE FUNCTION vigie_session_by_token(p_token_hash text) RETURNS TABLE (organisation_id integer, session_id integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT organisation_id, id FROM sessions WHERE token_hash = p_token_hash
$$;
