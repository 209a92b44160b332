-- A bank key's life: first used at a stream sequence (the rotation point for the keys before it), retired
-- after the sequence just before a newer key's first use, or revoked by an administrator. Batches signed
-- with a revoked key, or with a retired key past its last sequence, are quarantined with KEY_REVOKED.
alter table node_key
    add column first_used_sequence    bigint,
    add column retired_after_sequence bigint,
    add column revoked_at             timestamptz,
    add column revocation_reason      text;
