-- Boundaries for the parcels that deploy/bench/generate.sql creates without one, for the overlap benchmark of
-- issue 4 (deploy/bench/parcels.sh). Run after generate.sql:
--
--   psql -v ON_ERROR_STOP=1 -f boundaries.sql
--
-- Every parcel without a boundary gets a 48-sided outline (ST_Buffer with 12 segments per quarter, about the ~50
-- vertices of a surveyed parcel) of its declared area (capped at a 55 m radius), one per cell of a 500-column grid of
-- 0.0016° × 0.0015° cells (about 128 m × 166 m) from 119.6°E 43.7°N: 200 000 parcels fill 0.8° × 0.6° (about
-- 64 km × 67 km) of 阿鲁科尔沁旗 around 120°E 44°N, where the benchmark's new parcels lie. Outlines stay inside
-- their cells, so the stored parcels do not overlap each other. Deterministic (no random()). The generated
-- `boundary` geometry column and its GiST index fill themselves from boundary_ewkb.

\set ON_ERROR_STOP on

BEGIN;

WITH numbered AS (
    SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n,
           least(sqrt(declared_area / pi()), 55)::float8 AS radius_m
    FROM guagou.parcels
    WHERE boundary_ewkb IS NULL
), placed AS (
    SELECT id, n, radius_m,
           119.6 + (n % 500 + 0.5) * 0.0016 AS lon,
           43.7 + (n / 500 + 0.5) * 0.0015 AS lat,
           -- jitter within the cell, in metres, keeping the outline inside it
           ((n::bigint * 7919) % 101 / 100.0 - 0.5) * (128 - 2 * radius_m) AS dx_m,
           ((n::bigint * 104729) % 101 / 100.0 - 0.5) * (166 - 2 * radius_m) AS dy_m
    FROM numbered
)
UPDATE guagou.parcels p
SET boundary_ewkb = ST_AsEWKB(ST_Multi(ST_SetSRID(ST_Translate(
        ST_Scale(ST_Buffer(ST_MakePoint(x.dx_m, x.dy_m), x.radius_m, 'quad_segs=12'),
                 1 / (111320 * cos(radians(x.lat))), 1 / 110950.0),
        x.lon, x.lat), 4490)))
FROM placed x
WHERE p.id = x.id;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM guagou.parcels WHERE boundary IS NULL OR NOT ST_IsValid(boundary)) THEN
    RAISE EXCEPTION 'a stored parcel has no valid boundary';
  END IF;
END $$;

COMMIT;

VACUUM (ANALYZE) guagou.parcels;

SELECT count(*) AS parcels_with_boundary, round(avg(ST_NPoints(boundary))) AS vertices_per_parcel,
       round(avg(ST_Area(boundary::geography))) AS mean_area_m2
FROM guagou.parcels;
