-- A statement whose last part arrived waits here for the reconciliation worker, which compares it
-- after the poll that completed it committed, outside the ingest transaction (PROTOCOL.md section 6).
create table reconciliation_due (
    statement_id   text primary key,
    node_id        text        not null,
    as_of_sequence bigint      not null,
    completed_at   timestamptz not null default now()
);
