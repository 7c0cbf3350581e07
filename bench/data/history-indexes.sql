-- Rebuilds the indexes history.sql dropped, of one kind: -v kind=gin (the tasks' trigram index, ~30 s on one core: a GIN
-- build is not parallel in PostgreSQL 15) or -v kind=btree (the others, ~18 s with parallel workers). bench/run.sh runs
-- both at once, then drops bench_saved_indexes and vacuums and analyses the grown tables.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET maintenance_work_mem = '512MB';
SET max_parallel_maintenance_workers = 2;
SELECT indexdef FROM bench_saved_indexes WHERE (indexdef ~ ' USING gin ') = (:'kind' = 'gin') ORDER BY indexname \gexec
