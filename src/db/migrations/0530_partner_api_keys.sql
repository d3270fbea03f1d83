-- Partner API keys: the read-only Open311 GeoReport v2 endpoint (docs/observatory.md, "Open311")
-- authenticates a partner (a town, the police) by a key bound to a perimeter of communes.
CREATE TABLE partner_api_keys (
  organisation_id   integer NOT NULL REFERENCES organisations (id),
  id                integer GENERATED ALWAYS AS IDENTITY,
  -- sha256 (hex) of the key, which is shown once at creation: a stolen table yields no usable key.
  key_hash          text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  label             text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  created_at        timestamptz NOT NULL DEFAULT now(),
  -- The account that created it, or null with the command's name in created_by_label.
  created_by        integer,
  created_by_label  text NOT NULL,
  revoked_at        timestamptz,
  last_used_at      timestamptz,
  PRIMARY KEY (organisation_id, id)
);

-- The partner's perimeter: one row per commune, as role_perimeter_items does for accounts.
CREATE TABLE partner_api_key_communes (
  organisation_id  integer NOT NULL,
  key_id           integer NOT NULL,
  commune_insee    text NOT NULL REFERENCES communes (insee_code),
  PRIMARY KEY (organisation_id, key_id, commune_insee),
  FOREIGN KEY (organisation_id, key_id) REFERENCES partner_api_keys (organisation_id, id) ON DELETE CASCADE
);

SELECT vigie_enable_tenant_rls('partner_api_keys');
SELECT vigie_enable_tenant_rls('partner_api_key_communes');

-- The look-up made before the tenant is known, with the owner's rights (as for session tokens).
CREATE FUNCTION vigie_api_key_by_hash(p_key_hash text) RETURNS TABLE (organisation_id integer, key_id integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT organisation_id, id FROM partner_api_keys WHERE key_hash = p_key_hash
$$;
