-- Photos of an incident: metadata here, the bytes (re-encoded without EXIF/GPS, and a thumbnail)
-- in the attachment store under their keys. After 0600 so that it can enable the tenancy wall
-- itself and the application role's default privileges cover it.
CREATE TABLE incident_photos (
  organisation_id  integer NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  incident_id      bigint NOT NULL,
  -- The key a phone sends with a photo captured offline: a retried upload stores it once.
  idempotency_key  text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  media_type       text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
  width            integer NOT NULL CHECK (width > 0),
  height           integer NOT NULL CHECK (height > 0),
  byte_size        integer NOT NULL CHECK (byte_size > 0),
  storage_key      text NOT NULL,
  thumbnail_key    text NOT NULL,
  uploaded_at      timestamptz NOT NULL DEFAULT now(),
  uploaded_by      integer,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, incident_id) REFERENCES incidents (organisation_id, id)
);
CREATE INDEX incident_photos_incident ON incident_photos (organisation_id, incident_id, id);
CREATE UNIQUE INDEX incident_photos_idempotency_key ON incident_photos (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The retention job deletes photos older than a limit.
CREATE INDEX incident_photos_uploaded ON incident_photos (organisation_id, uploaded_at);
SELECT vigie_enable_tenant_rls('incident_photos');
