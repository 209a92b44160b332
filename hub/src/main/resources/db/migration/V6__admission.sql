-- A bank admitted through the hub (POST /api/v1/admissions) and, later, offboarded. Banks registered by their
-- key alone (before admissions existed, or by an operator) have no admission time.
alter table node
    add column admitted_at     timestamptz,
    add column admitted_by     text,
    add column token_id        text,
    add column offboarded_at   timestamptz,
    add column offboarded_by   text,
    add column offboard_reason text;
