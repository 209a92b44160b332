-- No-shows and late cancellations a bank reports for a volunteer it enrolled (PROTOCOL.md section 15). The bank
-- names each report with its own id, so a retry is answered with the first; they count in the standing from
-- rulebook 4.
create table absence (
    absence_id    uuid primary key,
    volunteer_id  text        not null,
    node_id       text        not null,
    kind          text        not null check (kind in ('NO_SHOW', 'LATE_CANCELLATION')),
    due_at        timestamptz not null,
    note          text,
    reported_at   timestamptz not null default now()
);
create index absence_volunteer on absence (volunteer_id);

-- Disputes now cover service records too: the bank that recorded a service disputes it, for itself or for the
-- recipient, and an upheld one reverses the credit at that bank's cost. The column names the bank that posted the
-- disputed event, whichever kind it was.
alter table dispute rename column debiting_node_id to posting_node_id;
alter table dispute rename column debit_code to event_code;
