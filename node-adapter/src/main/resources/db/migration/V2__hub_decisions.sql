-- What the hub answered about each published event, from its signed notices on tbx.node.<nodeId>.in.
alter table outbox_event add column hub_status text check (hub_status in ('ACCEPTED', 'REJECTED'));
alter table outbox_event add column hub_reason text;
alter table outbox_event add column hub_detail text;
alter table outbox_event add column hub_answered_at timestamptz;
