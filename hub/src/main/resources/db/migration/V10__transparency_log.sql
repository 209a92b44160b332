-- The transparency log (RFC 9162): one leaf per applied event, appended in the transaction that applies
-- it, every complete subtree kept so that proofs need no rebuilding, and the signed checkpoints.
create table log_leaf (
    leaf_index   bigint primary key,
    event_id     uuid        not null unique,
    leaf_hash    bytea       not null check (length(leaf_hash) = 32),
    appended_at  timestamptz not null default now()
);

-- Complete subtrees of 2^level leaves (level >= 1), node_index counted at that level.
create table log_node (
    level       smallint not null check (level >= 1),
    node_index  bigint   not null,
    hash        bytea    not null check (length(hash) = 32),
    primary key (level, node_index)
);

create table log_head (
    id         int    primary key check (id = 1),
    tree_size  bigint not null
);
insert into log_head (id, tree_size) values (1, 0);

create table log_checkpoint (
    tree_size   bigint primary key,
    root_hash   bytea  not null,
    signed_at   bigint not null,
    key_id      text   not null,
    signature   bytea  not null
);
