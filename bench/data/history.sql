-- Grows the data set of generate.sql to ~1,000,000 tasks (issue 15: "two sizes in the same run"): :plans_per_year closed
-- plans a year for 2001–2020, 500 tasks each, with the same mix of timings, statuses, direct and group assignees and
-- report history as generate.sql's closed plans. The issued year (2026), its obligations and every other row stay as
-- they were: a figure filtered to 2026 should not grow; one over all years grows with the rows it counts.
-- Obligations are derived only for issued plans (as issuing does), so none here. Set-based, foreign-key checks and
-- triggers off (session_replication_role = replica, which also skips the touch triggers: updated_at is written as
-- the data says), the secondary indexes of tasks and task_assignees dropped during the load and rebuilt after. Each
-- table is written once: the assignees are drawn first into a temporary table, so the tasks are inserted with their lead
-- and coordinator texts (an UPDATE of every new task after the fact rewrote 900,000 rows and left as many dead ones for
-- VACUUM); temporary tables live in temp_buffers (no WAL, no shared buffers).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET session_replication_role = replica;
SET maintenance_work_mem = '512MB';
SET max_parallel_maintenance_workers = 2;
SET temp_buffers = '512MB';
SELECT setseed(0.24) \gset

BEGIN;
CREATE TEMP TABLE saved_indexes ON COMMIT DROP AS
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = 'public' AND tablename IN ('tasks', 'task_assignees', 'progress_reports') AND indexname NOT LIKE 'pk\_%';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM saved_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
END $$;

CREATE TEMP TABLE unit_ix ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY created_at, code) AS i, id FROM units WHERE code !~ '^(IMP|RAW)';
CREATE UNIQUE INDEX ON unit_ix (i);

CREATE TEMP TABLE new_plans ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, y AS year, k FROM generate_series(2001, 2020) y, generate_series(1, :plans_per_year) k;

INSERT INTO plans (id, year, number, title, issuing_body, place, issue_date, signer_name, signer_title, legal_bases,
                   purpose, requirements, sections, recipients, status, created_at, updated_at)
SELECT id, year, k || '/KH-UBND', 'Kế hoạch số ' || k || ' năm ' || year, 'UBND tỉnh Bắc Ninh', 'Bắc Ninh',
       make_date(year, 1, 1) + (k % 300), 'Nguyễn Văn A', 'KT. CHỦ TỊCH — PHÓ CHỦ TỊCH', ARRAY['Luật Thi đua, khen thưởng'],
       'Phát huy truyền thống yêu nước.', 'Thiết thực, hiệu quả.', '[]'::jsonb, ARRAY['Các sở, ban, ngành'], 'Closed',
       make_timestamptz(year, 1, 1, 9, 0, 0, 'Asia/Ho_Chi_Minh') + (k || ' hours')::interval,
       make_timestamptz(year, 1, 1, 9, 0, 0, 'Asia/Ho_Chi_Minh') + (k || ' hours')::interval
FROM new_plans;

CREATE TEMP TABLE h ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, pl.id AS plan_id, pl.year, n,
       CASE WHEN n <= 100 THEN 'Q1' WHEN n <= 200 THEN 'Q2' WHEN n <= 300 THEN 'Q3' WHEN n <= 400 THEN 'Q4' ELSE 'Recurring' END AS grp,
       (n - 1) % 100 + 1 AS seq, (n - 1) / 100 + 1 AS q,
       random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
FROM new_plans pl, generate_series(1, 500) n;

CREATE TEMP TABLE ha ON COMMIT DROP AS
SELECT role, position, unit_id, "group", source_text, task_id FROM task_assignees LIMIT 0;

-- Assignees: the same mix as generate.sql (88 % one lead unit skewed to the departments, 12 % a group lead, 15 % a
-- second lead, 0–3 coordinators, 30 % RelatedUnits). Positions as generate.sql writes them.
INSERT INTO ha (role, position, unit_id, "group", source_text, task_id)
SELECT 'Lead', 0, CASE WHEN x < 0.88 THEN u.id END,
       CASE WHEN x >= 0.88 THEN (ARRAY['AllCommunesAndWards','AllLocalitiesAndUnits','ClusterAndBlocLeaders','AllClustersAndBlocs'])[1 + floor(y * 4)::int] END,
       NULL, h.id
FROM h CROSS JOIN LATERAL (SELECT random() AS x, random() AS y, random() AS z, h.id AS hid) r
JOIN unit_ix u ON u.i = CASE WHEN r.z < 0.88 THEN 1 + floor(60 * r.y * r.y)::int WHEN r.z < 0.92 THEN 61 + floor(840 * r.y)::int ELSE 901 + floor(100 * r.y)::int END;
INSERT INTO ha (role, position, unit_id, "group", source_text, task_id)
SELECT 'Lead', 1, u.id, NULL, NULL, h.id
FROM h CROSS JOIN LATERAL (SELECT random() AS x, random() AS y, h.id AS hid) r
JOIN unit_ix u ON u.i = 1 + floor(60 * r.y)::int
WHERE r.x < 0.15 AND NOT EXISTS (SELECT 1 FROM ha a WHERE a.task_id = h.id AND a.position = 0 AND a.unit_id = u.id);
INSERT INTO ha (role, position, unit_id, "group", source_text, task_id)
SELECT 'Coordinator', k, u.id, NULL, NULL, h.id
FROM h CROSS JOIN LATERAL (SELECT floor(random() * 4)::int AS cnt, h.id AS hid) c
CROSS JOIN LATERAL generate_series(0, c.cnt - 1) k
CROSS JOIN LATERAL (SELECT random() AS y, k AS kk, h.id AS hid) r
JOIN unit_ix u ON u.i = CASE WHEN k = 0 THEN 1 + floor(200 * r.y)::int ELSE 1 + floor(1000 * r.y)::int END;
INSERT INTO ha (role, position, unit_id, "group", source_text, task_id)
SELECT 'Coordinator', 10, NULL, 'RelatedUnits', 'các cơ quan, đơn vị có liên quan', h.id FROM h WHERE random() < 0.30;

INSERT INTO tasks (id, plan_id, "group", sequence, content, deadline, lead_text, coordinator_text, timing_text, status,
                   completed_on, last_reported_on, report_count, timing_condition, timing_date, timing_kind, timing_month,
                   timing_quarter, created_at, updated_at)
SELECT id, plan_id, grp, seq, c.content, d.deadline, x.lead_text, x.coord_text,
       CASE k.kind WHEN 'Month' THEN 'Tháng ' || k.mon || '/' || year WHEN 'Quarter' THEN 'Quý ' || q || '/' || year
                   WHEN 'Date' THEN to_char(d.deadline, 'DD/MM/YYYY') ELSE 'Thường xuyên' END,
       s.status,
       CASE WHEN s.status = 'Done' THEN coalesce(d.deadline, make_date(year, 6, 30)) + (floor(r3 * 40) - 28)::int END,
       CASE WHEN s.status <> 'NotStarted' THEN coalesce(d.deadline, make_date(year, 6, 30)) + (floor(r3 * 40) - 28)::int END,
       CASE WHEN s.status = 'NotStarted' THEN 0 ELSE 1 + floor(r2 * 4)::int END,
       CASE WHEN r3 < 0.05 THEN 'nếu có' END,
       CASE WHEN k.kind = 'Date' THEN d.deadline END, k.kind,
       CASE WHEN k.kind = 'Month' THEN k.mon END, CASE WHEN k.kind = 'Quarter' THEN q END,
       make_timestamptz(year, 1, 15, 9, 0, 0, 'Asia/Ho_Chi_Minh') + (n || ' seconds')::interval,
       coalesce(d.deadline, make_date(year, 6, 30))::timestamptz + (floor(r1 * 36000) || ' seconds')::interval
FROM h
LEFT JOIN (SELECT a.task_id,
                  string_agg(coalesce(u.name, a.source_text, a."group"), '; ' ORDER BY a.position) FILTER (WHERE a.role = 'Lead') AS lead_text,
                  string_agg(coalesce(u.name, a.source_text, a."group"), '; ' ORDER BY a.position) FILTER (WHERE a.role = 'Coordinator') AS coord_text
           FROM ha a LEFT JOIN units u ON u.id = a.unit_id GROUP BY a.task_id) x ON x.task_id = h.id
CROSS JOIN LATERAL (SELECT CASE WHEN grp = 'Recurring' THEN 'Recurring' WHEN r1 < 0.5 THEN 'Month' WHEN r1 < 0.75 THEN 'Quarter' ELSE 'Date' END AS kind,
                           CASE WHEN grp <> 'Recurring' THEN (q - 1) * 3 + 1 + floor(r2 * 3)::int END AS mon) k
CROSS JOIN LATERAL (SELECT CASE k.kind WHEN 'Month' THEN (make_date(year, k.mon, 1) + interval '1 month' - interval '1 day')::date
                                      WHEN 'Quarter' THEN (make_date(year, q * 3, 1) + interval '1 month' - interval '1 day')::date
                                      WHEN 'Date' THEN make_date(year, k.mon, 1 + floor(r3 * 28)::int) END AS deadline) d
CROSS JOIN LATERAL (SELECT CASE WHEN r4 < 0.75 THEN 'Done' WHEN r4 < 0.80 THEN 'NotCarriedOut' WHEN r4 < 0.90 THEN 'InProgress' ELSE 'NotStarted' END AS status) s
CROSS JOIN LATERAL (SELECT (ARRAY['Tổ chức phát động phong trào thi đua','Sơ kết, đánh giá kết quả thực hiện','Triển khai kế hoạch tuyên truyền về',
              'Kiểm tra, giám sát việc thực hiện','Tổng hợp, báo cáo kết quả','Xây dựng và nhân rộng điển hình tiên tiến về',
              'Hướng dẫn các địa phương thực hiện','Tổ chức hội nghị biểu dương'])[1 + floor(r5 * 8)::int]
         || ' ' || (ARRAY['chuyển đổi số trong cơ quan nhà nước','xây dựng nông thôn mới nâng cao','cải cách thủ tục hành chính',
                          'bảo đảm an toàn giao thông','phát triển kinh tế tư nhân','bảo vệ môi trường và ứng phó biến đổi khí hậu',
                          'thi đua đặc biệt','chăm lo đời sống người lao động'])[1 + (n * 7 + seq) % 8]
         || ' năm ' || year || ' (nhiệm vụ ' || grp || '.' || seq || ')' AS content) c;

-- plan_year: the task's plan's year (the trigger that fills it is off here).
INSERT INTO task_assignees (role, position, unit_id, "group", source_text, task_id, plan_year)
SELECT ha.role, ha.position, ha.unit_id, ha."group", ha.source_text, ha.task_id, h.year FROM ha JOIN h ON h.id = ha.task_id;

INSERT INTO progress_reports (id, task_id, reported_on, reporting_unit_id, status, text, evidence_links, created_at)
SELECT gen_random_uuid(), t.id, t.last_reported_on, (SELECT id FROM unit_ix WHERE i = 1), t.status,
       'Đã triển khai theo kế hoạch; kết quả đạt yêu cầu.', ARRAY['https://example.gov.vn/van-ban/' || t.sequence], t.updated_at
FROM tasks t JOIN h ON h.id = t.id WHERE t.last_reported_on IS NOT NULL;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
END $$;
COMMIT;
RESET session_replication_role;

VACUUM ANALYZE plans;
VACUUM ANALYZE tasks;
VACUUM ANALYZE task_assignees;
VACUUM ANALYZE progress_reports;
SELECT (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM tasks) AS tasks, (SELECT count(*) FROM task_assignees) AS assignees,
       (SELECT count(*) FROM progress_reports) AS reports, (SELECT count(*) FROM obligations) AS obligations;
