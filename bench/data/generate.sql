-- Realistic benchmark data for EmulationApi, written straight into the schema the API's migrations created.
--   1,000 units as in one province's registry (60 departments, 840 organisations, enterprises, agencies and the like,
--   100 communes and wards), 200 plans over 10 years (2021–2030),
--   100,000 tasks (500 per plan: Q1–Q4 and Recurring) with month/quarter/date/recurring timings and their deadlines,
--   statuses that follow the deadline against 2026-11-24, lead and coordinator assignees skewed towards the
--   departments (as in the real plans), some group assignees, and a progress report for every reported task.
--   The 20 issued plans (2026) get their obligations from the API's own derivation (emulation_derive_obligations, as
--   issuing does), each obligation progress consistent with its task's, one report per reported obligation, and the
--   tasks' status derived from their leads (emulation_refresh_task_status), and the scorecard's tally rebuilt from them.
-- Deterministic (setseed). Runs in ~20-40 s on 2 cores.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SELECT setseed(0.42) \gset

BEGIN;
TRUNCATE progress_reports, task_assignees, tasks, plans, audit_entries, cluster_members, member_scores, covenants, clusters, movements CASCADE;
DELETE FROM units;

ALTER TABLE units DISABLE TRIGGER units_touch;
ALTER TABLE plans DISABLE TRIGGER plans_touch;
ALTER TABLE tasks DISABLE TRIGGER tasks_touch;
-- The scorecard's tally is built once at the end (emulation_rebuild_obligation_counts, the API's own rebuild) instead of
-- by its triggers, which would run after each of the derivation's and the progress's statements.
ALTER TABLE obligations DISABLE TRIGGER obligations_counted_inserted;
ALTER TABLE obligations DISABLE TRIGGER obligations_counted_updated;
ALTER TABLE obligations DISABLE TRIGGER obligations_counted_deleted;
ALTER TABLE tasks DISABLE TRIGGER tasks_counted_moved;

-- ---------------------------------------------------------------- units
CREATE TEMP TABLE dept_names(di int, name text, short text) ON COMMIT DROP;
INSERT INTO dept_names VALUES
 (1,'Sở Nội vụ','SNV'),(2,'Sở Tài chính','STC'),(3,'Sở Xây dựng','SXD'),(4,'Sở Công Thương','SCT'),
 (5,'Sở Nông nghiệp và Môi trường','SNNMT'),(6,'Sở Giáo dục và Đào tạo','SGDDT'),(7,'Sở Y tế','SYT'),
 (8,'Sở Văn hóa, Thể thao và Du lịch','SVHTTDL'),(9,'Sở Khoa học và Công nghệ','SKHCN'),(10,'Sở Tư pháp','STP'),
 (11,'Sở Dân tộc và Tôn giáo','SDTTG'),(12,'Thanh tra tỉnh','TTT'),(13,'Văn phòng UBND tỉnh','VPUBND'),
 (14,'Công an tỉnh','CAT'),(15,'Bộ Chỉ huy Quân sự tỉnh','BCHQS'),(16,'Ban Quản lý các khu công nghiệp','BQLKCN'),
 (17,'Đài Phát thanh và Truyền hình tỉnh','PTTH'),(18,'Báo Bắc Ninh','BBN'),(19,'Liên đoàn Lao động tỉnh','LDLD'),
 (20,'Hội Liên hiệp Phụ nữ tỉnh','HLHPN');

INSERT INTO units (id, code, name, short_name, kind, parent_id, document_exchange_id, aliases, is_active, created_at, updated_at)
SELECT gen_random_uuid(),
       CASE WHEN i <= 20 THEN d.short
            WHEN i <= 60 THEN 'SO' || lpad(i::text, 3, '0')
            WHEN i <= 900 THEN 'TC' || lpad(i::text, 4, '0')
            ELSE 'XP' || lpad(i::text, 5, '0') END,
       CASE WHEN i <= 20 THEN d.name
            WHEN i <= 60 THEN 'Ban chuyên môn số ' || i
            WHEN i <= 900 THEN (ARRAY['Hội Nông dân','Đoàn Thanh niên','Hội Cựu chiến binh','Công ty cổ phần','Trường Cao đẳng','Bệnh viện'])[1 + i % 6] || ' số ' || i
            WHEN i % 3 = 0 THEN 'UBND phường ' || (ARRAY['Kinh Bắc','Võ Cường','Đại Phúc','Suối Hoa','Vũ Ninh','Hạp Lĩnh','Khắc Niệm','Đình Bảng'])[1 + i % 8] || ' ' || i
            ELSE 'UBND xã ' || (ARRAY['Gia Bình','Lương Tài','Quế Võ','Tiên Du','Thuận Thành','Yên Phong','Việt Yên','Hiệp Hòa','Lạng Giang'])[1 + i % 9] || ' ' || i END,
       CASE WHEN i <= 20 THEN d.short END,
       CASE WHEN i <= 60 THEN 'Department'
            WHEN i <= 900 THEN (ARRAY['MassOrganization','PartyBody','Enterprise','Press','CentralAgency','Council'])[1 + i % 6]
            WHEN i % 3 = 0 THEN 'Ward' ELSE 'Commune' END,
       NULL,
       CASE WHEN i % 4 = 0 THEN '000.00.' || lpad((i % 100)::text, 2, '0') || '.H' || lpad((i % 64)::text, 2, '0') END,
       CASE WHEN i <= 20 THEN ARRAY[d.short || ' tỉnh'] ELSE '{}'::text[] END,
       true,
       timestamptz '2025-07-01 08:00+07' + (i || ' seconds')::interval,
       timestamptz '2025-07-01 08:00+07' + (i || ' seconds')::interval
FROM generate_series(1, 1000) g(i) LEFT JOIN dept_names d ON d.di = g.i;

CREATE TEMP TABLE unit_ix ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY created_at) AS i, id FROM units;
CREATE UNIQUE INDEX ON unit_ix (i);
ANALYZE unit_ix;

-- ---------------------------------------------------------------- plans: 20 a year, 2021..2030
INSERT INTO plans (id, year, number, title, issuing_body, place, issue_date, signer_name, signer_title, legal_bases,
                   purpose, requirements, sections, recipients, status, created_at, updated_at)
SELECT gen_random_uuid(), y, CASE WHEN y <= 2026 THEN k || '/KH-UBND' END,
       'Kế hoạch thi đua số ' || k || ' năm ' || y || ' — ' || (ARRAY['phong trào thi đua yêu nước','chuyển đổi số','xây dựng nông thôn mới','cải cách hành chính','an toàn giao thông'])[1 + k % 5],
       'UBND tỉnh Bắc Ninh', 'Bắc Ninh', CASE WHEN y <= 2026 THEN make_date(y, 1, 10 + k) END,
       'Nguyễn Văn A', 'KT. CHỦ TỊCH — PHÓ CHỦ TỊCH',
       ARRAY['Luật Thi đua, khen thưởng ngày 15/6/2022', 'Nghị định số 98/2023/NĐ-CP'],
       'Phát huy truyền thống yêu nước.', 'Thiết thực, hiệu quả.',
       '[{"heading":"I. MỤC ĐÍCH, YÊU CẦU","body":"..."}]'::jsonb,
       ARRAY['Bộ Nội vụ', 'Các sở, ban, ngành'],
       CASE WHEN y <= 2025 THEN 'Closed' WHEN y = 2026 THEN 'Issued' ELSE 'Draft' END,
       make_timestamptz(y, 1, 10 + k, 9, 0, 0, 'Asia/Ho_Chi_Minh'), make_timestamptz(y, 1, 10 + k, 9, 0, 0, 'Asia/Ho_Chi_Minh')
FROM generate_series(2021, 2030) y, generate_series(1, 20) k;

CREATE TEMP TABLE plan_ix ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY year, issue_date, title) AS p, id, year FROM plans;

-- ---------------------------------------------------------------- tasks: 500 a plan
CREATE TEMP TABLE t0 ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, pl.id AS plan_id, pl.year, n,
       CASE WHEN n <= 100 THEN 'Q1' WHEN n <= 200 THEN 'Q2' WHEN n <= 300 THEN 'Q3' WHEN n <= 400 THEN 'Q4' ELSE 'Recurring' END AS grp,
       (n - 1) % 100 + 1 AS seq,
       (n - 1) / 100 + 1 AS q,
       random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
FROM plan_ix pl, generate_series(1, 500) n;

CREATE TEMP TABLE t1 ON COMMIT DROP AS
SELECT t.*,
       CASE WHEN grp = 'Recurring' THEN 'Recurring' WHEN r1 < 0.5 THEN 'Month' WHEN r1 < 0.75 THEN 'Quarter' ELSE 'Date' END AS kind,
       CASE WHEN grp <> 'Recurring' THEN (q - 1) * 3 + 1 + floor(r2 * 3)::int END AS mon
FROM t0 t;

CREATE TEMP TABLE t2 ON COMMIT DROP AS
SELECT t.*,
       CASE kind
         WHEN 'Month' THEN (make_date(year, mon, 1) + interval '1 month' - interval '1 day')::date
         WHEN 'Quarter' THEN (make_date(year, q * 3, 1) + interval '1 month' - interval '1 day')::date
         WHEN 'Date' THEN make_date(year, mon, 1 + floor(r3 * 28)::int)
       END AS deadline
FROM t1 t;

CREATE TEMP TABLE t3 ON COMMIT DROP AS
SELECT t.*,
       CASE
         WHEN deadline IS NULL THEN CASE WHEN year > 2026 THEN 'NotStarted' WHEN r4 < 0.6 THEN 'InProgress' WHEN r4 < 0.8 THEN 'Done' WHEN r4 < 0.85 THEN 'NotCarriedOut' ELSE 'NotStarted' END
         WHEN deadline < date '2026-10-25' THEN CASE WHEN r4 < 0.75 THEN 'Done' WHEN r4 < 0.80 THEN 'NotCarriedOut' WHEN r4 < 0.90 THEN 'InProgress' ELSE 'NotStarted' END
         WHEN deadline < date '2027-01-01' THEN CASE WHEN r4 < 0.30 THEN 'Done' WHEN r4 < 0.75 THEN 'InProgress' ELSE 'NotStarted' END
         ELSE CASE WHEN r4 < 0.25 THEN 'InProgress' ELSE 'NotStarted' END
       END AS status
FROM t2 t;

-- ---------------------------------------------------------------- assignees
-- Drawn first into a temporary table, so each task is inserted once with its lead and coordinator texts (an UPDATE of
-- every task after the fact cost ~17 s: 100,000 rewritten rows and their index entries).
CREATE TEMP TABLE ta ON COMMIT DROP AS
SELECT role, position, unit_id, "group", source_text, task_id, plan_year FROM task_assignees LIMIT 0;
-- plan_year (the task's plan's year, which the feed's unit filters read) written here as the API's trigger would.
-- Lead: 88% one unit (departments 1..60 skewed: unit ~ 60 * r^2; 4% organisations 61..900; 8% communes/wards 901..1000),
--       12% a group; 15% of tasks get a second lead unit. Coordinators: 0..3 units plus 30% "RelatedUnits".
INSERT INTO ta (role, position, unit_id, "group", source_text, task_id, plan_year)
SELECT 'Lead', 0,
       CASE WHEN r.x < 0.88 THEN u.id END,
       CASE WHEN r.x >= 0.88 THEN (ARRAY['AllCommunesAndWards','AllLocalitiesAndUnits','ClusterAndBlocLeaders','AllClustersAndBlocs'])[1 + floor(r.y * 4)::int] END,
       NULL, t.id, t.year
FROM t3 t
CROSS JOIN LATERAL (SELECT random() AS x, random() AS y, random() AS z, t.id AS tid) r
JOIN unit_ix u ON u.i = CASE WHEN r.z < 0.88 THEN 1 + floor(60 * r.y * r.y)::int
                             WHEN r.z < 0.92 THEN 61 + floor(840 * r.y)::int
                             ELSE 901 + floor(100 * r.y)::int END;

INSERT INTO ta (role, position, unit_id, "group", source_text, task_id, plan_year)
SELECT 'Lead', 1, u.id, NULL, NULL, t.id, t.year
FROM t3 t
CROSS JOIN LATERAL (SELECT random() AS x, random() AS y, t.id AS tid) r
JOIN unit_ix u ON u.i = 1 + floor(60 * r.y)::int
WHERE r.x < 0.15
  AND NOT EXISTS (SELECT 1 FROM ta a WHERE a.task_id = t.id AND a.unit_id = u.id);

INSERT INTO ta (role, position, unit_id, "group", source_text, task_id, plan_year)
SELECT 'Coordinator', k, u.id, NULL, NULL, t.id, t.year
FROM t3 t
CROSS JOIN LATERAL (SELECT floor(random() * 4)::int AS cnt, t.id AS tid) c
CROSS JOIN LATERAL generate_series(0, c.cnt - 1) k
CROSS JOIN LATERAL (SELECT random() AS y, k AS kk, t.id AS tid) r
JOIN unit_ix u ON u.i = CASE WHEN k = 0 THEN 1 + floor(200 * r.y)::int ELSE 1 + floor(1000 * r.y)::int END;

INSERT INTO ta (role, position, unit_id, "group", source_text, task_id, plan_year)
SELECT 'Coordinator', 10, NULL, 'RelatedUnits', 'các cơ quan, đơn vị có liên quan', t.id, t.year
FROM t3 t WHERE random() < 0.30;

-- ---------------------------------------------------------------- tasks, with the cells as written from their assignees
INSERT INTO tasks (id, plan_id, "group", sequence, content, deadline, lead_text, coordinator_text, timing_text, status,
                   completed_on, last_reported_on, report_count, timing_condition, timing_date, timing_kind, timing_month,
                   timing_quarter, created_at, updated_at)
SELECT id, plan_id, grp, seq,
       (ARRAY['Tổ chức phát động phong trào thi đua','Sơ kết, đánh giá kết quả thực hiện','Triển khai kế hoạch tuyên truyền về',
              'Kiểm tra, giám sát việc thực hiện','Tổng hợp, báo cáo kết quả','Xây dựng và nhân rộng điển hình tiên tiến về',
              'Hướng dẫn các địa phương thực hiện','Tổ chức hội nghị biểu dương'])[1 + floor(r5 * 8)::int]
         || ' ' || (ARRAY['chuyển đổi số trong cơ quan nhà nước','xây dựng nông thôn mới nâng cao','cải cách thủ tục hành chính',
                          'bảo đảm an toàn giao thông','phát triển kinh tế tư nhân','bảo vệ môi trường và ứng phó biến đổi khí hậu',
                          'thi đua đặc biệt hoàn thành dự án Cảng hàng không Gia Bình','chăm lo đời sống người lao động'])[1 + (n * 7 + seq) % 8]
         || ' năm ' || year || ' (nhiệm vụ ' || grp || '.' || seq || ')',
       CASE WHEN status = 'NotCarriedOut' THEN deadline ELSE deadline END,
       x.lead_text, x.coord_text,
       CASE kind WHEN 'Month' THEN 'Tháng ' || mon || '/' || year WHEN 'Quarter' THEN 'Quý ' || q || '/' || year
                 WHEN 'Date' THEN to_char(deadline, 'DD/MM/YYYY') ELSE 'Thường xuyên' END,
       status,
       CASE WHEN status = 'Done' THEN least(coalesce(deadline, make_date(year, 6, 30)) + (floor(r3 * 40) - 28)::int, date '2026-11-24') END,
       CASE WHEN status <> 'NotStarted' THEN least(coalesce(deadline, make_date(year, 6, 30)) + (floor(r3 * 40) - 28)::int, date '2026-11-24') END,
       CASE WHEN status = 'NotStarted' THEN 0 ELSE 1 + floor(r2 * 4)::int END,
       CASE WHEN r3 < 0.05 THEN 'nếu có' END,
       CASE WHEN kind = 'Date' THEN deadline END,
       kind,
       CASE WHEN kind = 'Month' THEN mon END,
       CASE WHEN kind = 'Quarter' THEN q END,
       make_timestamptz(year, 1, 15, 9, 0, 0, 'Asia/Ho_Chi_Minh') + (n || ' seconds')::interval,
       least(coalesce(CASE WHEN status <> 'NotStarted' THEN least(coalesce(deadline, make_date(year, 6, 30)) + (floor(r3 * 40) - 28)::int, date '2026-11-24') END,
                      make_date(year, 1, 15))::timestamptz + (floor(r1 * 36000) || ' seconds')::interval, timestamptz '2026-11-24 08:00+07')
FROM t3
LEFT JOIN (SELECT a.task_id,
                  string_agg(coalesce(u.name, a.source_text, a."group"), '; ' ORDER BY a.position) FILTER (WHERE a.role = 'Lead') AS lead_text,
                  string_agg(coalesce(u.name, a.source_text, a."group"), '; ' ORDER BY a.position) FILTER (WHERE a.role = 'Coordinator') AS coord_text
           FROM ta a LEFT JOIN units u ON u.id = a.unit_id GROUP BY a.task_id) x ON x.task_id = t3.id;

INSERT INTO task_assignees (role, position, unit_id, "group", source_text, task_id, plan_year)
SELECT role, position, unit_id, "group", source_text, task_id, plan_year FROM ta;

-- ---------------------------------------------------------------- progress reports: the latest report of each reported task
-- Statistics first: without them the planner reads each task's lead through the partial index of the year's leads
-- (ix_task_assignees_lead_plan_year, whose predicate the lateral's role = 'Lead' matches) instead of the task's own
-- index, scanning ~88,000 lead rows per reported task (292 s for this statement; ~1 s with statistics).
ANALYZE tasks, task_assignees;
INSERT INTO progress_reports (id, task_id, reported_on, reporting_unit_id, status, text, evidence_links, created_at)
SELECT gen_random_uuid(), t.id, t.last_reported_on, coalesce(a.unit_id, (SELECT id FROM unit_ix WHERE i = 1)), t.status,
       'Đã triển khai theo kế hoạch; kết quả đạt yêu cầu.', ARRAY['https://example.gov.vn/van-ban/' || t.sequence],
       t.updated_at
FROM tasks t
LEFT JOIN LATERAL (SELECT unit_id FROM task_assignees a WHERE a.task_id = t.id AND a.role = 'Lead' AND a.unit_id IS NOT NULL ORDER BY position LIMIT 1) a ON true
JOIN plans p ON p.id = t.plan_id AND p.status <> 'Issued'
WHERE t.last_reported_on IS NOT NULL;

-- ---------------------------------------------------------------- obligations of the issued plans (as issuing derives them)
-- The progress drawn above is each task's goal; its units' obligations follow it (see below).
CREATE TEMP TABLE task_goal ON COMMIT DROP AS
SELECT t.id, t.status, t.last_reported_on FROM tasks t JOIN plans p ON p.id = t.plan_id AND p.status = 'Issued';
SELECT clock_timestamp() AS derive_started \gset
-- The first plan alone, then statistics on its obligations, then the other 19. Without statistics the planner reads a
-- task's lead obligations (emulation_refresh_task_status, at the end of each derivation) through the partial index of
-- active obligations (ix_obligations_active_unit_id_plan_year_role, whose state = 'Active' predicate the lookup
-- matches): every lead obligation derived so far, for every task — on a copy of the 100K data, 12.4 s of one plan's
-- 15.8 s derivation; 2.2-2.9 s with statistics.
SELECT count(*) AS derived_plans
FROM (SELECT emulation_derive_obligations(ARRAY(SELECT id FROM tasks WHERE plan_id = p.id), p.issue_date, DATE '2026-11-24')
      FROM plans p WHERE p.status = 'Issued' ORDER BY p.issue_date, p.id LIMIT 1) d;
ANALYZE obligations;
SELECT count(*) AS derived_plans
FROM (SELECT emulation_derive_obligations(ARRAY(SELECT id FROM tasks WHERE plan_id = p.id), p.issue_date, DATE '2026-11-24')
      FROM plans p WHERE p.status = 'Issued' ORDER BY p.issue_date, p.id OFFSET 1) d;
SELECT count(*) AS obligations, round(extract(epoch FROM clock_timestamp() - :'derive_started'::timestamptz)::numeric, 1) AS derive_seconds FROM obligations;

-- Each obligation's progress: leads take their task's (half of a group's leads not started yet on a task in progress,
-- which keeps the task in progress), coordinators their task's 60% of the time, else not started; one report per
-- reported obligation, on the task's report day (never before the obligation arose).
CREATE TEMP TABLE obligation_goal ON COMMIT DROP AS
SELECT o.id, o.task_id, o.unit_id, s.status, CASE WHEN s.status <> 'NotStarted' THEN greatest(g.last_reported_on, o.arose_on) END AS reported_on
FROM obligations o
JOIN task_goal g ON g.id = o.task_id
CROSS JOIN LATERAL (SELECT CASE
    WHEN g.last_reported_on IS NULL THEN 'NotStarted'
    WHEN o.role = 'Lead' AND o.source_group IS NOT NULL AND g.status = 'InProgress' AND random() < 0.5 THEN 'NotStarted'
    WHEN o.role = 'Lead' THEN g.status
    WHEN random() < 0.6 THEN g.status
    ELSE 'NotStarted' END AS status, o.id AS oid) s;

UPDATE obligations o
   SET status = g.status, last_reported_on = g.reported_on, report_count = CASE WHEN g.reported_on IS NULL THEN 0 ELSE 1 END,
       completed_on = CASE WHEN g.status = 'Done' THEN g.reported_on END,
       review = CASE WHEN g.status = 'Done' THEN 'Pending' ELSE 'None' END
  FROM obligation_goal g
 WHERE o.id = g.id AND g.status <> 'NotStarted';

INSERT INTO progress_reports (id, task_id, reported_on, reporting_unit_id, status, text, evidence_links, created_at, obligation_id, recorded_by)
SELECT gen_random_uuid(), g.task_id, g.reported_on, g.unit_id, g.status,
       'Đã triển khai theo kế hoạch; kết quả đạt yêu cầu.', ARRAY['https://example.gov.vn/van-ban/' || left(g.id::text, 8)],
       g.reported_on::timestamptz + interval '9 hours', g.id, 'bench'
FROM obligation_goal g WHERE g.reported_on IS NOT NULL;

SELECT emulation_refresh_task_status(ARRAY(SELECT id FROM task_goal), '{}');
SELECT count(*) AS obligations_reported, round(extract(epoch FROM clock_timestamp() - :'derive_started'::timestamptz)::numeric, 1) AS obligations_seconds
FROM obligations WHERE report_count > 0;

ALTER TABLE units ENABLE TRIGGER units_touch;
ALTER TABLE plans ENABLE TRIGGER plans_touch;
ALTER TABLE tasks ENABLE TRIGGER tasks_touch;
SELECT clock_timestamp() AS tally_started \gset
SELECT emulation_rebuild_obligation_counts();
SELECT count(*) AS tally_rows, round(extract(epoch FROM clock_timestamp() - :'tally_started'::timestamptz)::numeric, 1) AS tally_seconds
FROM obligation_counts;
ALTER TABLE obligations ENABLE TRIGGER obligations_counted_inserted;
ALTER TABLE obligations ENABLE TRIGGER obligations_counted_updated;
ALTER TABLE obligations ENABLE TRIGGER obligations_counted_deleted;
ALTER TABLE tasks ENABLE TRIGGER tasks_counted_moved;
COMMIT;

VACUUM ANALYZE units;
VACUUM ANALYZE plans;
VACUUM ANALYZE tasks;
VACUUM ANALYZE task_assignees;
VACUUM ANALYZE progress_reports;
VACUUM ANALYZE obligations;

SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM tasks) AS tasks,
       (SELECT count(*) FROM task_assignees) AS assignees, (SELECT count(*) FROM progress_reports) AS reports,
       (SELECT count(*) FROM obligations) AS obligations;
