-- A transaction's notices to one bank share one outbox row (up to a notice batch's worth, in order), so
-- the apply path writes, and the relay reads and deletes, one row per bank and poll instead of one per
-- event.
alter table notice_outbox add column notices bytea[];
update notice_outbox set notices = array[notice];
alter table notice_outbox alter column notices set not null;
alter table notice_outbox drop column notice;

-- An account's posting updates stay heap-only (HOT: no new index entries) when no indexed column changes.
-- "Active since" therefore reads a day that changes at most once a day per account, not the updated_at
-- timestamp that every posting moves, and account pages keep room for the new row versions.
alter table account add column active_on date;
update account set active_on = (updated_at at time zone 'UTC')::date;
alter table account alter column active_on set not null;
alter table account alter column active_on set default (now() at time zone 'UTC')::date;
drop index account_volunteer_updated;
create index account_volunteer_active on account (active_on) where kind = 'VOLUNTEER';
alter table account set (fillfactor = 70);
