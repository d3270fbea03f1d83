-- Decisions counted apart (CCH art. R. 421-13): the approval of the accounts, where remote
-- participants count neither for the quorum nor for the majority (decree 2019-462), and the
-- appointment or dismissal of the director general, taken by two thirds.
ALTER TABLE deliberation_items ADD COLUMN nature text NOT NULL DEFAULT 'ordinary'
  CHECK (nature IN ('ordinary', 'accounts_approval', 'director_general'));
