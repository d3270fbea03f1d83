-- Board decisions register. The tables map 1:1 to the session model of
-- src/deliberations/domain/model.ts: the service rebuilds a session from these rows and runs the
-- domain's rules on it. Constraints hold only what that model's schema guarantees, so that a
-- draft which breaks the rules (quorum, votes…) can still be saved; the rules are the domain's.
-- external_id is the id used in a session file (`CA`, `m01`), for idempotent imports.

-- The extract's letterhead and the SCDL identity of the landlord (`landlord` in a session file).
CREATE TABLE deliberation_landlords (
  organisation_id  integer PRIMARY KEY REFERENCES organisations (id),
  name             text NOT NULL,
  legal_form       text NOT NULL,
  siret            text NOT NULL,
  address_lines    text[] NOT NULL,
  dg_civility      text NOT NULL CHECK (dg_civility IN ('M.', 'Mme')),
  dg_first_name    text NOT NULL,
  dg_last_name     text NOT NULL
);

-- Board (conseil d'administration) and Bureau, with the settings of their internal rules.
CREATE TABLE deliberation_instances (
  organisation_id            integer NOT NULL REFERENCES organisations (id),
  id                         integer GENERATED ALWAYS AS IDENTITY,
  external_id                text,
  kind                       text NOT NULL CHECK (kind IN ('board', 'bureau')),
  name                       text NOT NULL,
  seats                      integer NOT NULL CHECK (seats > 0),
  -- Share of voting members present or represented; both null when the rules are unknown.
  quorum_numerator           integer,
  quorum_denominator         integer,
  max_proxies_per_member     integer CHECK (max_proxies_per_member >= 0),
  remote_attendance_allowed  boolean NOT NULL,
  majority                   text NOT NULL CHECK (majority IN ('present_or_represented', 'votes_cast')),
  casting_vote               boolean NOT NULL,
  PRIMARY KEY (organisation_id, id),
  CHECK ((quorum_numerator IS NULL) = (quorum_denominator IS NULL)),
  CHECK (quorum_numerator IS NULL OR (quorum_numerator > 0 AND quorum_numerator <= quorum_denominator))
);
CREATE UNIQUE INDEX deliberation_instances_external_id ON deliberation_instances (organisation_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE deliberation_members (
  organisation_id  integer NOT NULL REFERENCES organisations (id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  external_id      text,
  civility         text NOT NULL CHECK (civility IN ('M.', 'Mme')),
  first_name       text NOT NULL,
  last_name        text NOT NULL,
  category         text NOT NULL CHECK (category IN ('collectivity_elected', 'collectivity_qualified_person', 'qualified_person',
                     'association', 'tenants_representative', 'staff_representative', 'other')),
  voting           boolean NOT NULL,
  mandate_start    date NOT NULL,
  mandate_end      date,
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX deliberation_members_external_id ON deliberation_members (organisation_id, external_id) WHERE external_id IS NOT NULL;

-- The instances a member sits in (a Bureau member also sits on the board).
CREATE TABLE deliberation_member_instances (
  organisation_id  integer NOT NULL,
  member_id        integer NOT NULL,
  instance_id      integer NOT NULL,
  PRIMARY KEY (organisation_id, member_id, instance_id),
  FOREIGN KEY (organisation_id, member_id) REFERENCES deliberation_members (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, instance_id) REFERENCES deliberation_instances (organisation_id, id)
);

CREATE TABLE deliberation_sessions (
  organisation_id     integer NOT NULL REFERENCES organisations (id),
  id                  integer GENERATED ALWAYS AS IDENTITY,
  instance_id         integer NOT NULL,
  date                date NOT NULL,
  convocation_date    date NOT NULL,
  president_id        integer NOT NULL,
  -- Held after a first meeting without quorum: no quorum required.
  second_convocation  boolean NOT NULL DEFAULT false,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, instance_id, date),
  FOREIGN KEY (organisation_id, instance_id) REFERENCES deliberation_instances (organisation_id, id),
  FOREIGN KEY (organisation_id, president_id) REFERENCES deliberation_members (organisation_id, id)
);

CREATE TABLE deliberation_attendance (
  organisation_id  integer NOT NULL,
  session_id       integer NOT NULL,
  member_id        integer NOT NULL,
  status           text NOT NULL CHECK (status IN ('present', 'remote', 'excused_with_proxy', 'excused', 'absent')),
  proxy_holder_id  integer,
  PRIMARY KEY (organisation_id, session_id, member_id),
  CHECK ((status = 'excused_with_proxy') = (proxy_holder_id IS NOT NULL)),
  FOREIGN KEY (organisation_id, session_id) REFERENCES deliberation_sessions (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, member_id) REFERENCES deliberation_members (organisation_id, id),
  FOREIGN KEY (organisation_id, proxy_holder_id) REFERENCES deliberation_members (organisation_id, id)
);

CREATE TABLE deliberation_items (
  organisation_id        integer NOT NULL,
  id                     integer GENERATED ALWAYS AS IDENTITY,
  session_id             integer NOT NULL,
  rank                   integer NOT NULL CHECK (rank > 0),
  act_number             text NOT NULL,
  subject                text NOT NULL,
  directorate            text NOT NULL,
  rapporteur_civility    text NOT NULL CHECK (rapporteur_civility IN ('M.', 'Mme')),
  rapporteur_first_name  text NOT NULL,
  rapporteur_last_name   text NOT NULL,
  report                 text[] NOT NULL DEFAULT '{}',
  decisions              text[] NOT NULL,
  -- Bureau only: the board decision delegating the matter.
  delegation             text,
  vote_kind              text NOT NULL CHECK (vote_kind IN ('unanimity', 'counts', 'per_member')),
  -- Set only for vote_kind = 'counts'; per-member ballots are in deliberation_ballots.
  votes_for              integer CHECK (votes_for >= 0),
  votes_against          integer CHECK (votes_against >= 0),
  votes_abstentions      integer CHECK (votes_abstentions >= 0),
  votes_not_voting       integer CHECK (votes_not_voting >= 0),
  president_choice       text CHECK (president_choice IN ('for', 'against')),
  declared_result        text CHECK (declared_result IN ('adopted_unanimously', 'adopted', 'rejected')),
  matter_code            text,
  matter_name            text,
  prefecture_id          text,
  transmitted_on         date,
  acknowledged_on        date,
  published_on           date,
  url                    text,
  -- Workflow: a draft may break the rules; adopted, rejected and transmitted items may not.
  status                 text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'rejected', 'transmitted')),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, session_id, rank),
  UNIQUE (organisation_id, act_number),
  CHECK ((vote_kind = 'counts') = (votes_for IS NOT NULL AND votes_against IS NOT NULL AND votes_abstentions IS NOT NULL AND votes_not_voting IS NOT NULL)),
  CHECK ((matter_code IS NULL) = (matter_name IS NULL)),
  FOREIGN KEY (organisation_id, session_id) REFERENCES deliberation_sessions (organisation_id, id) ON DELETE CASCADE
);

-- Attendance changes for one item (a member arriving or leaving during the session).
CREATE TABLE deliberation_item_attendance (
  organisation_id  integer NOT NULL,
  item_id          integer NOT NULL,
  member_id        integer NOT NULL,
  status           text NOT NULL CHECK (status IN ('present', 'remote', 'excused_with_proxy', 'excused', 'absent')),
  proxy_holder_id  integer,
  PRIMARY KEY (organisation_id, item_id, member_id),
  CHECK ((status = 'excused_with_proxy') = (proxy_holder_id IS NOT NULL)),
  FOREIGN KEY (organisation_id, item_id) REFERENCES deliberation_items (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, member_id) REFERENCES deliberation_members (organisation_id, id),
  FOREIGN KEY (organisation_id, proxy_holder_id) REFERENCES deliberation_members (organisation_id, id)
);

-- Members who take no part in the debate and vote of an item, and why.
CREATE TABLE deliberation_stand_asides (
  organisation_id  integer NOT NULL,
  item_id          integer NOT NULL,
  member_id        integer NOT NULL,
  reason           text NOT NULL,
  PRIMARY KEY (organisation_id, item_id, member_id),
  FOREIGN KEY (organisation_id, item_id) REFERENCES deliberation_items (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, member_id) REFERENCES deliberation_members (organisation_id, id)
);

-- Per-member vote; a represented member's ballot is cast by the proxy holder.
CREATE TABLE deliberation_ballots (
  organisation_id  integer NOT NULL,
  item_id          integer NOT NULL,
  member_id        integer NOT NULL,
  choice           text NOT NULL CHECK (choice IN ('for', 'against', 'abstention', 'not_voting')),
  PRIMARY KEY (organisation_id, item_id, member_id),
  FOREIGN KEY (organisation_id, item_id) REFERENCES deliberation_items (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, member_id) REFERENCES deliberation_members (organisation_id, id)
);

-- What a decision decided: a typed reference to an object of another module (or outside Vigie),
-- kept free so that a decision can be recorded before the convention or operation exists.
CREATE TABLE deliberation_links (
  organisation_id  integer NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  item_id          integer NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('funding_convention', 'operation', 'observatory_deployment', 'partnership', 'procurement_grouping', 'other')),
  reference        text NOT NULL,
  label            text,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, item_id, kind, reference),
  FOREIGN KEY (organisation_id, item_id) REFERENCES deliberation_items (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX deliberation_links_target ON deliberation_links (organisation_id, kind, reference);
