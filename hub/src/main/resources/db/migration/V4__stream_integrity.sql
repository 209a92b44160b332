-- Every batch the hub accepted, by its place in the bank's stream, so a different batch at an accepted
-- sequence (a fork: two histories) is told from an exact replay.
create table accepted_batch (
    node_id         text   not null,
    first_sequence  bigint not null,
    last_sequence   bigint not null,
    batch_hash      bytea  not null,
    primary key (node_id, first_sequence)
);

-- A stream the hub stopped applying: a fork was seen. Batches are held until an operator resumes it.
alter table node_stream
    add column suspended_at     timestamptz,
    add column suspended_reason text;

-- Notifications for the operator and the regulator name neither a bank nor a volunteer.
alter table notification drop constraint notification_check;
