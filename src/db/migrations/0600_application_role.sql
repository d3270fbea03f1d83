-- The role every API request runs as (SET LOCAL ROLE in withTenant): it owns nothing, so the
-- tenant_isolation policies apply to it whatever account the server connects with. Migrations,
-- the command line and system jobs keep the connecting (owner) role.
DO $$
BEGIN
  CREATE ROLE vigie_app NOLOGIN;
EXCEPTION
  -- Roles are shared by every database of a server; parallel test databases race on it.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT vigie_app TO %I', current_user);
  END IF;
EXCEPTION
  WHEN unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO vigie_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vigie_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vigie_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO vigie_app;
-- Tables, sequences and functions of later migrations, created by the same migrating role.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vigie_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vigie_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO vigie_app;
