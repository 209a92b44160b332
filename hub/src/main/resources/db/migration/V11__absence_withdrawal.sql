-- A bank withdraws a no-show or late cancellation it reported by mistake: the report stays, marked, and no longer
-- counts in the standing.
alter table absence add column withdrawn_at timestamptz;
alter table absence add column withdrawal_reason text;
