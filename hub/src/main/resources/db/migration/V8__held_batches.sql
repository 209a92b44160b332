-- A batch that arrives after a sequence gap is held in quarantine until the gap is filled (or an operator
-- accepts the gap); it is then applied, and the row records when it was released.
alter table quarantined_record add column held boolean not null default false;
alter table quarantined_record add column first_sequence bigint;
alter table quarantined_record add column released_at timestamptz;
create index quarantined_record_held on quarantined_record (node_id, first_sequence) where held and released_at is null;

-- The same record may be refused for a new reason once it is released and tried again.
drop index quarantined_record_once;
create unique index quarantined_record_once
    on quarantined_record (kafka_topic, kafka_partition, kafka_offset, coalesce(event_id, ''), reason_code);
