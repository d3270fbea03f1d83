-- "My incidents": the reporter follows what became of what they recorded (list filter mine=true).
CREATE INDEX incidents_recorded_by ON incidents (organisation_id, recorded_by, occurred_at DESC, id DESC) WHERE recorded_by IS NOT NULL;
