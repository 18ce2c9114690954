-- Benchmark data for deploy/bench/projects.sh (issue 3): project areas, parcels and stage history in 阿鲁科尔沁旗
-- (150421), generated set-wise with generate_series. Run on a migrated database (after `guagou seed --demo` is
-- fine: the demo rows are counted in the totals and their codes are skipped).
--
--   psql -v ON_ERROR_STOP=1 -v projects=5000 -v parcels=200000 -v detail_parcels=500 -f generate.sql
--
-- Result: exactly :projects project areas and :parcels parcels in the database. Exactly one project (the first
-- generated 2022 project at stage 2, 方案编制 — editable, so its page is the heaviest to render) has
-- :detail_parcels parcels; every other generated project has 10–70 (about 40 on average). Each project has its
-- 新建 record and one 推进 record per stage it has passed. The rows are deterministic (no random()).

\set ON_ERROR_STOP on
\if :{?projects}
\else
  \set projects 5000
\endif
\if :{?parcels}
\else
  \set parcels 200000
\endif
\if :{?detail_parcels}
\else
  \set detail_parcels 500
\endif

-- Read back by the checks in the DO blocks (psql variables are not substituted inside $$ … $$).
SELECT set_config('bench.projects', :'projects', false) AS bench_projects,
       set_config('bench.parcels', :'parcels', false) AS bench_parcels,
       set_config('bench.detail_parcels', :'detail_parcels', false) AS bench_detail_parcels \gset

BEGIN;

-- The 8 townships of 150421 (codes 150421100…150421107) and their villages, numbered for lookups by position.
CREATE TEMP TABLE bench_townships ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY t.code)::int AS n, t.id, t.name
FROM guagou.regions t
JOIN guagou.regions c ON c.id = t.parent_id
WHERE c.code = '150421';

CREATE TEMP TABLE bench_villages ON COMMIT DROP AS
SELECT t.n AS township_n,
       row_number() OVER (PARTITION BY t.n ORDER BY v.code)::int AS n,
       count(*) OVER (PARTITION BY t.n)::int AS of_township,
       v.id, v.name
FROM guagou.regions v
JOIN bench_townships t ON t.id = v.parent_id;

DO $$
BEGIN
  IF (SELECT count(*) FROM bench_townships) <> 8 THEN
    RAISE EXCEPTION 'expected the 8 townships of 150421 (run guagou seed first), found %', (SELECT count(*) FROM bench_townships);
  END IF;
  IF (SELECT count(DISTINCT township_n) FROM bench_villages) <> 8 THEN
    RAISE EXCEPTION 'every township of 150421 needs at least one village';
  END IF;
  IF (SELECT count(*) FROM guagou.project_areas) >= current_setting('bench.projects')::int THEN
    RAISE EXCEPTION 'the database already has % project areas', (SELECT count(*) FROM guagou.project_areas);
  END IF;
END $$;

-- Project i (1…N) gets year 2015 + (i-1) mod 12 and, within its year, the next free sequence number; stages
-- cycle within each year, so every (year, stage) pair has about N/144 projects.
CREATE TEMP TABLE bench_projects ON COMMIT DROP AS
WITH g AS (
    SELECT i, 2015 + (i - 1) % 12 AS year, (i - 1) / 12 AS k
    FROM generate_series(1, :projects - (SELECT count(*)::int FROM guagou.project_areas)) AS i
), base AS (
    SELECT year, max(substr(code, 13, 3)::int) AS last_sequence
    FROM guagou.project_areas WHERE county_code = '150421' GROUP BY year
)
SELECT g.i, g.year,
       coalesce(base.last_sequence, 0) + 1 + g.k AS sequence,
       1 + (g.k + g.year) % 12 AS stage,
       1 + g.i % 8 AS township_n,
       make_date(g.year, 1, 5) + (g.i % 60) AS filed_on
FROM g LEFT JOIN base USING (year);

DO $$
BEGIN
  IF (SELECT max(sequence) FROM bench_projects) > 999 THEN
    RAISE EXCEPTION 'too many projects per year for a 3-digit sequence';
  END IF;
END $$;

-- The detail-page project: the first generated 2022 project in 方案编制.
CREATE TEMP TABLE bench_detail ON COMMIT DROP AS
SELECT i FROM bench_projects WHERE year = 2022 AND stage = 2 ORDER BY i LIMIT 1;

INSERT INTO guagou.project_areas
    (code, name, county_id, county_code, year, kind, plan_type, responsible_units, stage,
     approval_document, approved_on, approval_level, implementation_due_on, acceptance_due_on, created_at, updated_at)
SELECT format('150421-%s-%s', p.year, lpad(p.sequence::text, 3, '0')),
       format('%s%s年城乡建设用地增减挂钩项目区（第%s号）', t.name, p.year, p.sequence),
       (SELECT id FROM guagou.regions WHERE code = '150421'),
       '150421', p.year,
       CASE WHEN p.i % 10 = 0 THEN 'InProvinceTrade' ELSE 'InCounty' END,
       'ProjectArea',
       format('旗自然资源局、%s人民政府', t.name),
       p.stage,
       CASE WHEN p.stage >= 4 THEN format('阿政办发〔%s〕%s号', p.year, 10 + p.i % 90) END,
       CASE WHEN p.stage >= 4 THEN p.filed_on + 90 END,
       CASE WHEN p.stage >= 4 THEN 'City' END,
       CASE WHEN p.stage >= 4 THEN ((p.filed_on + 90) + interval '2 years')::date END,
       CASE WHEN p.stage >= 4 THEN ((p.filed_on + 90) + interval '3 years')::date END,
       (p.filed_on + time '09:30') AT TIME ZONE 'Asia/Shanghai',
       least((p.filed_on + 45 * (p.stage - 1) + time '16:00') AT TIME ZONE 'Asia/Shanghai', timestamptz '2026-11-20 16:00+08')
FROM bench_projects p
JOIN bench_townships t ON t.n = p.township_n
ORDER BY p.i;

CREATE TEMP TABLE bench_ids ON COMMIT DROP AS
SELECT p.*, pa.id AS project_id, (p.i = (SELECT i FROM bench_detail)) AS is_detail
FROM bench_projects p
JOIN guagou.project_areas pa ON pa.code = format('150421-%s-%s', p.year, lpad(p.sequence::text, 3, '0'));

-- History: 新建, then one 推进 per stage passed, 45 days apart, by the role that takes that step.
INSERT INTO guagou.stage_transitions
    (project_area_id, kind, from_stage, to_stage, actor_id, actor_name, actor_role, occurred_at, effective_on, document_number, opinion)
SELECT b.project_id,
       CASE WHEN s = 0 THEN 'Filed' ELSE 'Advanced' END,
       greatest(s, 1), greatest(s, 1) + sign(s)::int,  -- 新建: 1 → 1; step s: s → s + 1
       '00000000-0000-4000-8000-000000000421'::uuid,
       CASE r.role WHEN 'CountyClerk' THEN '基准测试县局经办人' WHEN 'CityApprover' THEN '基准测试市级审批人'
                   WHEN 'TownshipClerk' THEN '基准测试乡镇经办人' ELSE '基准测试县局审核人' END,
       r.role,
       (b.filed_on + 45 * s + time '10:00') AT TIME ZONE 'Asia/Shanghai',
       b.filed_on + 45 * s,
       CASE WHEN s IN (3, 4, 7, 8, 9) THEN format('阿自然资发〔%s〕%s号', b.year, s * 7 + 3) END,
       CASE WHEN s = 0 THEN '新建项目区' ELSE '基准测试数据' END
FROM bench_ids b
CROSS JOIN LATERAL generate_series(0, b.stage - 1) AS s
CROSS JOIN LATERAL (SELECT CASE
    WHEN s IN (3, 4, 8) THEN 'CityApprover'
    WHEN s IN (5, 6) THEN 'TownshipClerk'
    WHEN s = 7 THEN 'CountyReviewer'
    ELSE 'CountyClerk' END AS role) AS r
ORDER BY b.i, s;

-- Parcel counts: the detail project gets :detail_parcels; the remainder is split over the other generated projects
-- by deterministic weights 10…70, rounded so that the total is exact.
CREATE TEMP TABLE bench_counts ON COMMIT DROP AS
WITH remainder AS (
    SELECT (:parcels - :detail_parcels - (SELECT count(*) FROM guagou.parcels))::bigint AS r
), w AS (
    SELECT project_id, i, township_n, (10 + (i * 7919) % 61)::bigint AS w FROM bench_ids WHERE NOT is_detail
), c AS (
    SELECT w.*, (sum(w) OVER (ORDER BY i))::bigint AS cum, (sum(w) OVER ())::bigint AS total FROM w
)
SELECT project_id, i, township_n, ((SELECT r FROM remainder) * cum / total - (SELECT r FROM remainder) * (cum - w) / total)::int AS n
FROM c
UNION ALL
SELECT project_id, i, township_n, :detail_parcels FROM bench_ids WHERE is_detail;

-- Parcels: 4 in 5 are 拆旧 (demolition), the rest 建新 (construction), in 3 townships per project. Inserted round
-- robin over the projects (parcel 1 of every project, then parcel 2, …) so a project's parcels are spread over
-- the table as when many projects are entered at the same time.
INSERT INTO guagou.parcels
    (project_area_id, zone, code, name, township_id, village_id, land_class, reclamation_direction, planned_use,
     ownership, declared_area, note)
SELECT c.project_id,
       CASE WHEN x.demolition THEN 'Demolition' ELSE 'Construction' END,
       CASE WHEN x.demolition THEN format('CJ-%s', lpad(j::text, 4, '0')) ELSE format('JX-%s', lpad((j - x.demolition_count)::text, 4, '0')) END,
       CASE WHEN x.demolition THEN format('%s旧宅基地%s号', v.name, j) ELSE format('%s建新地块%s号', t.name, j - x.demolition_count) END,
       t.id,
       CASE WHEN x.demolition THEN v.id END,
       CASE WHEN x.demolition THEN (ARRAY['0702', '0702', '0602', '1201', '203'])[1 + j % 5]
            ELSE (ARRAY['0103', '0102', '0101'])[1 + j % 3] END,
       CASE WHEN NOT x.demolition THEN NULL
            WHEN j % 10 = 7 THEN 'Forest' WHEN j % 10 = 8 THEN 'Grassland' WHEN j % 10 = 9 THEN 'KeepConstruction'
            ELSE 'Farmland' END,
       CASE WHEN NOT x.demolition THEN (ARRAY['农村集中安置', '城镇住宅', '工业用地'])[1 + j % 3] END,
       CASE WHEN x.demolition THEN format('%s集体', v.name) ELSE '国有' END,
       CASE WHEN x.demolition THEN round(300 + (c.i * 31 + j * 977) % 9700 + (j * 37 % 100) / 100.0, 2)
            ELSE round(200 + (c.i * 17 + j * 613) % 3000 + (j * 53 % 100) / 100.0, 2) END,
       CASE WHEN j % 50 = 0 THEN '基准测试数据：待补充权属证明' END
FROM bench_counts c
CROSS JOIN LATERAL generate_series(1, c.n) AS j
CROSS JOIN LATERAL (SELECT j <= c.n - c.n / 5 AS demolition, c.n - c.n / 5 AS demolition_count,
                           1 + (c.township_n + j % 3) % 8 AS township_n) AS x
JOIN bench_townships t ON t.n = x.township_n
JOIN bench_villages v ON v.township_n = x.township_n AND v.n = 1 + (j / 3) % v.of_township
ORDER BY j, c.i;

DO $$
DECLARE
  projects int := (SELECT count(*) FROM guagou.project_areas);
  parcels int := (SELECT count(*) FROM guagou.parcels);
  biggest int := (SELECT max(n) FROM (SELECT count(*) AS n FROM guagou.parcels GROUP BY project_area_id) s);
  at_detail_size int := (SELECT count(*) FROM (SELECT 1 FROM guagou.parcels GROUP BY project_area_id
                                               HAVING count(*) = current_setting('bench.detail_parcels')::int) s);
BEGIN
  IF projects <> current_setting('bench.projects')::int OR parcels <> current_setting('bench.parcels')::int
     OR biggest <> current_setting('bench.detail_parcels')::int OR at_detail_size <> 1 THEN
    RAISE EXCEPTION 'generated % projects, % parcels, largest project % parcels, % projects of the detail size',
      projects, parcels, biggest, at_detail_size;
  END IF;
END $$;

COMMIT;

VACUUM (ANALYZE) guagou.project_areas;
VACUUM (ANALYZE) guagou.parcels;
VACUUM (ANALYZE) guagou.stage_transitions;
ANALYZE guagou.regions;

-- The detail project's code, for the caller.
SELECT pa.code AS detail_code
FROM guagou.project_areas pa
JOIN guagou.parcels x ON x.project_area_id = pa.id
GROUP BY pa.code
HAVING count(*) = :detail_parcels;
