-- 0014: statistics (DOMAIN.md §6, 可评价): what GET /v1/stats counts, defined once here,
-- and the rollup that lets a county's year answer in milliseconds over millions of matters.
--
-- What is counted. Days are Asia/Shanghai calendar days; a range [from, to] is inclusive.
-- A matter belongs to the subtree of its owning centre (matters.org_id and its ancestor
-- columns, as the queue's scope does), except for the no-litigation figures, which follow
-- the place where it happened (jf.matters_to_court, 0011).
--
--   registered       matters registered (created) in the range: the cohort the first
--                    figures below are about, each by its state now.
--   response rate    responded on time / registered. Responded: accepted or not accepted
--                    (with the reason and the body to go to), whichever came first
--                    (events move.accept, move.not_accept); resolving at the window
--                    follows an acceptance, so it counts through it. On time: at or before
--                    the due time of the matter's acceptance clock (for a petition, its
--                    15-day decision clock); a matter without such a clock counts as on time
--                    when responded. Still registered, or withdrawn unanswered: not
--                    responded.
--   resolution rate  resolved / accepted: among the cohort's matters ever accepted, those
--                    now resolved or closed. A lawsuit filed after pre-litigation mediation
--                    resolves the matter at the county (0011, jfd-engine-court.c), so it
--                    counts here and in the court figures too.
--   counts           the cohort by kind, category, source and status (now).
--   levels           the resolved matters of the cohort by the level of the centre that
--                    resolved them (a grid's resolution counts as the village's); they sum
--                    to the resolution rate's numerator.
--   satisfaction     (satisfied + basically satisfied) / follow-up visits done in the range
--                    (by the day of the visit; a matter visited twice counts twice).
--   on-time rate     clocks met at or before their due time / clocks met in the range (by the
--                    day met). A clock is met when the step it measures is taken; cancelled
--                    clocks and clocks still running, breached or not, are not counted.
--   departments      per department, the whistle targets of whistles blown in the range
--                    (targets cancelled with their whistle not counted): targets; check-in
--                    on time / check-ins decided (checked in, or flagged overdue); done on
--                    time / feedback decided (fed back, or flagged overdue); the mean of the
--                    ratings given; overdue counts (decided minus on time).
--   petitions        petitions opened in the range, by their stage now.
--   no-litigation    matters that went to court (a lawsuit filed, jf.matters_to_court) in
--                    the range, by the day filed, per village of the place, per 10,000
--                    residents (org_units.population).
--   trends           per ISO week and per month: registered (day registered), resolved
--                    (matters resolved or closed now, by the day of their latest
--                    resolution) and closed (day closed).
--
-- How. jf.stats_facts holds, per matter, everything those figures need (jf.stats_compute
-- derives it from the matter's rows). jf.stats_contributions turns a fact into dated
-- counters; jf.stats_cells sums them per (scope, day, figure, key) for the city, each
-- county and each township, so a county's year is a sum over ~365 × ~80 rows. Villages and
-- grids are small enough to sum their facts directly. The rollup is kept by jiefend's
-- scheduler tick (jf.stats_refresh, every scheduler interval), never by a trigger on the
-- writes: it reads the timeline's new events, recomputes their matters' facts and applies
-- the difference to the cells. Applying a matter is idempotent, so a matter is simply
-- applied again whenever in doubt. `jiefenctl stats rebuild` recomputes everything (after
-- a bulk load). Freshness: a committed change is counted by the next refresh that starts
-- after it, or the one after if its event id was still in flight (jf.stats_gaps): within
-- two scheduler intervals, 4 s with the default 2 s; stats_state.fresh_at says when.

-- The calendar day of a time in Asia/Shanghai.
CREATE FUNCTION jf.stats_day(t timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (t AT TIME ZONE 'Asia/Shanghai')::date
$$;

CREATE TABLE jf.stats_facts (
  matter_id         bigint PRIMARY KEY,
  -- The owning centre and its ancestors (matters.org_id, county_id, ...), and the place's.
  org_id            integer NOT NULL,
  county_id         integer,
  township_id       integer,
  village_id        integer,
  place_org_id      integer NOT NULL,
  place_county_id   integer,
  place_township_id integer,
  place_village_id  integer,
  registered_on     date NOT NULL,
  kind              text NOT NULL,
  category          text NOT NULL,
  source            text NOT NULL,
  status            text NOT NULL,
  responded         boolean NOT NULL,
  responded_on_time boolean NOT NULL,
  accepted          boolean NOT NULL,
  -- Set only while the matter is resolved or closed.
  resolved_level    text,
  resolved_on       date,
  closed_on         date,
  court_on          date,
  -- The counters of its records: [figure, key, day, n1, ...] (see jf.stats_contributions).
  extra             jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX stats_facts_county ON jf.stats_facts (county_id, registered_on);
CREATE INDEX stats_facts_township ON jf.stats_facts (township_id, registered_on);
CREATE INDEX stats_facts_village ON jf.stats_facts (village_id, registered_on);
CREATE INDEX stats_facts_org ON jf.stats_facts (org_id, registered_on);
CREATE INDEX stats_facts_registered ON jf.stats_facts (registered_on);
CREATE INDEX stats_facts_court_village ON jf.stats_facts (place_village_id)
  WHERE court_on IS NOT NULL;
CREATE INDEX stats_facts_court_place ON jf.stats_facts (place_org_id)
  WHERE court_on IS NOT NULL;

-- The rollup. What n1..n7 mean depends on the figure:
--   cohort   ''            registered, responded, responded on time, accepted, resolved
--   kind, category, source, status, level   the value   n1 matters
--   flow     ''            n1 resolved (that day), n2 closed (that day)
--   followup ''            visits, satisfied, basically satisfied, unsatisfied
--   clock    ''            met, met on time
--   dept     department id targets, check-in decided, checked in on time, feedback
--                          decided, done on time, rated, sum of ratings
--   petition stage         n1 petitions
--   court    village id    n1 matters ('' when the place is above a village); by place
CREATE TABLE jf.stats_cells (
  scope_id integer NOT NULL,   -- the city, a county or a township (org_units.id)
  day      date NOT NULL,
  figure   text NOT NULL,
  key      text NOT NULL,
  -- integer: its sum is a bigint, summed much faster than a bigint's numeric sum.
  n1 integer NOT NULL DEFAULT 0,
  n2 integer NOT NULL DEFAULT 0,
  n3 integer NOT NULL DEFAULT 0,
  n4 integer NOT NULL DEFAULT 0,
  n5 integer NOT NULL DEFAULT 0,
  n6 integer NOT NULL DEFAULT 0,
  n7 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scope_id, day, figure, key)
);

CREATE TABLE jf.stats_state (
  only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  -- Every event up to here is applied, except those in jf.stats_gaps.
  done_to     bigint NOT NULL DEFAULT 0,
  -- Off: the refresh does nothing (to measure intake without it, or during repairs).
  enabled     boolean NOT NULL DEFAULT true,
  -- The start of the last refresh that found no more events than it could apply: what was
  -- committed a moment before is counted (the "as_of" of GET /v1/stats).
  fresh_at    timestamptz,
  -- When the running rebuild began (NULL: none running), and when the last one ended.
  rebuild_started_at timestamptz,
  rebuilt_at  timestamptz
);
INSERT INTO jf.stats_state DEFAULT VALUES;

-- Event ids a refresh did not see below the newest it applied: taken by a transaction
-- still in flight (or rolled back). horizon is the xmax of a snapshot taken after: once
-- the oldest running transaction is at or past it, every transaction that could hold the
-- id has ended, and the event, if it exists, is applied. This relies on a writer of the
-- timeline having a transaction id before it takes an event id, which holds for every
-- function that appends an event: each writes the matter's row first.
CREATE TABLE jf.stats_gaps (
  event_id bigint PRIMARY KEY,
  horizon  xid8 NOT NULL
);

-- A matter's facts, for each of @p_ids that exists.
CREATE FUNCTION jf.stats_compute(p_ids bigint[]) RETURNS SETOF jf.stats_facts
LANGUAGE sql STABLE AS $$
  SELECT m.id, m.org_id, m.county_id, m.township_id, m.village_id,
         m.place_org_id, p.county_id, p.township_id, p.village_id,
         jf.stats_day(m.created_at), m.kind, m.category, m.source, m.status,
         r.at IS NOT NULL,
         r.at IS NOT NULL AND (r.due_at IS NULL OR r.at <= r.due_at),
         coalesce(r.accepted, false),
         CASE WHEN m.status IN ('resolved', 'closed')
              THEN CASE m.resolved_level WHEN 'grid' THEN 'village'
                                         ELSE coalesce(m.resolved_level, 'village') END END,
         CASE WHEN m.status IN ('resolved', 'closed') THEN jf.stats_day(m.resolved_at) END,
         jf.stats_day(m.closed_at),
         (SELECT jf.stats_day(min(c.filed_at)) FROM jf.matters_to_court c
          WHERE c.matter_id = m.id),
         x.extra
  FROM jf.matters m
  JOIN jf.org_units p ON p.id = m.place_org_id
  CROSS JOIN LATERAL (
    SELECT min(e.at) AS at, bool_or(e.kind = 'move.accept') AS accepted,
           (SELECT d.due_at FROM jf.deadlines d
            WHERE d.matter_id = m.id
              AND ((d.stage = 'acceptance' AND d.subject = '') OR d.stage = 'petition_decide')
            ORDER BY d.stage = 'petition_decide' DESC, d.id LIMIT 1) AS due_at
    FROM jf.events e
    WHERE e.matter_id = m.id AND e.kind IN ('move.accept', 'move.not_accept')) r
  CROSS JOIN LATERAL (
    SELECT coalesce(jsonb_agg(c ORDER BY c::text), '[]') AS extra FROM (
      SELECT jsonb_build_array('followup', '', jf.stats_day(f.done_at), 1,
                               (f.satisfaction = 'satisfied')::int,
                               (f.satisfaction = 'basically_satisfied')::int,
                               (f.satisfaction = 'unsatisfied')::int) AS c
      FROM jf.followups f WHERE f.matter_id = m.id AND f.done_at IS NOT NULL
      UNION ALL
      SELECT jsonb_build_array('clock', '', jf.stats_day(d.met_at), 1,
                               (d.due_at IS NULL OR d.met_at <= d.due_at)::int)
      FROM jf.deadlines d WHERE d.matter_id = m.id AND d.state = 'met'
                            AND d.met_at IS NOT NULL
      UNION ALL
      SELECT jsonb_build_array('dept', t.department_id::text, jf.stats_day(w.created_at), 1,
                               (t.checked_in_at IS NOT NULL OR t.checkin_overdue)::int,
                               (t.checked_in_at IS NOT NULL AND NOT t.checkin_overdue)::int,
                               (t.fed_back_at IS NOT NULL OR t.action_overdue)::int,
                               (t.fed_back_at IS NOT NULL AND NOT t.action_overdue)::int,
                               (t.rating IS NOT NULL)::int, coalesce(t.rating, 0))
      FROM jf.whistles w JOIN jf.whistle_targets t ON t.whistle_id = w.id
      WHERE w.matter_id = m.id AND t.status <> 'cancelled'
      UNION ALL
      SELECT jsonb_build_array('petition', t.stage, jf.stats_day(t.created_at), 1)
      FROM jf.petitions t WHERE t.matter_id = m.id) AS y) x
  WHERE m.id = ANY (p_ids)
$$;

-- The dated counters a fact adds to the rollup (the table above jf.stats_cells says what
-- n1..n7 are); by_place: counted in the place's scopes rather than the owner's. It takes
-- the fact's columns rather than its row: PostgreSQL 15 fails to plan the inlined function
-- over a whole-row argument ("variable not found in subplan target list").
CREATE FUNCTION jf.stats_contributions(
  p_registered_on date, p_kind text, p_category text, p_source text, p_status text,
  p_responded boolean, p_responded_on_time boolean, p_accepted boolean,
  p_resolved_level text, p_resolved_on date, p_closed_on date, p_court_on date,
  p_place_village_id integer, p_extra jsonb)
RETURNS TABLE (day date, figure text, key text, by_place boolean, n1 integer, n2 integer,
               n3 integer, n4 integer, n5 integer, n6 integer, n7 integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_registered_on, 'cohort', '', false, 1, p_responded::int, p_responded_on_time::int,
         p_accepted::int, (p_accepted AND p_resolved_on IS NOT NULL)::int, 0, 0
  UNION ALL
  SELECT p_registered_on, 'kind', p_kind, false, 1, 0, 0, 0, 0, 0, 0
  UNION ALL
  SELECT p_registered_on, 'category', p_category, false, 1, 0, 0, 0, 0, 0, 0
  UNION ALL
  SELECT p_registered_on, 'source', p_source, false, 1, 0, 0, 0, 0, 0, 0
  UNION ALL
  SELECT p_registered_on, 'status', p_status, false, 1, 0, 0, 0, 0, 0, 0
  UNION ALL
  SELECT p_registered_on, 'level', p_resolved_level, false, 1, 0, 0, 0, 0, 0, 0
  WHERE p_accepted AND p_resolved_on IS NOT NULL
  UNION ALL
  SELECT p_resolved_on, 'flow', '', false, 1, 0, 0, 0, 0, 0, 0 WHERE p_resolved_on IS NOT NULL
  UNION ALL
  SELECT p_closed_on, 'flow', '', false, 0, 1, 0, 0, 0, 0, 0 WHERE p_closed_on IS NOT NULL
  UNION ALL
  SELECT p_court_on, 'court', coalesce(p_place_village_id::text, ''), true,
         1, 0, 0, 0, 0, 0, 0
  WHERE p_court_on IS NOT NULL
  UNION ALL
  SELECT (e->>2)::date, e->>0, e->>1, false, (e->>3)::int, coalesce((e->>4)::int, 0),
         coalesce((e->>5)::int, 0), coalesce((e->>6)::int, 0), coalesce((e->>7)::int, 0),
         coalesce((e->>8)::int, 0), coalesce((e->>9)::int, 0)
  -- In the select list, for the same reason.
  FROM (SELECT jsonb_array_elements(p_extra) AS e) AS x
$$;

-- Brings the facts of @p_ids up to date and moves the rollup by the difference: the old
-- fact's counters out, the new one's in, in the scopes of each (an escalated matter leaves
-- its township's figures for its county's). Callers hold the stats lock.
CREATE FUNCTION jf.stats_apply(p_ids bigint[]) RETURNS integer
LANGUAGE plpgsql
-- A custom plan would fold the ids into a constant array and spend seconds planning it.
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_city integer := (SELECT id FROM jf.org_units WHERE level = 'city' ORDER BY id LIMIT 1);
  v_changed integer;
BEGIN
  IF coalesce(cardinality(p_ids), 0) = 0 THEN
    RETURN 0;
  END IF;
  WITH new AS MATERIALIZED (
    SELECT f FROM jf.stats_compute(p_ids) AS f
  ), old AS MATERIALIZED (
    SELECT f FROM jf.stats_facts AS f WHERE f.matter_id = ANY (p_ids)
  ), changed AS MATERIALIZED (
    -- (A row's IS NOT NULL means every field is: matter_id says whether it is there.)
    SELECT n.f AS new_f, o.f AS old_f
    FROM new n FULL JOIN old o ON (o.f).matter_id = (n.f).matter_id
    WHERE n.f IS DISTINCT FROM o.f
  ), signed AS (
    SELECT (new_f).*, 1 AS sign FROM changed WHERE (new_f).matter_id IS NOT NULL
    UNION ALL
    SELECT (old_f).*, -1 FROM changed WHERE (old_f).matter_id IS NOT NULL
  ), delta AS (
    SELECT s.scope_id, c.day, c.figure, c.key,
           sum(c.n1 * f.sign) AS n1, sum(c.n2 * f.sign) AS n2, sum(c.n3 * f.sign) AS n3,
           sum(c.n4 * f.sign) AS n4, sum(c.n5 * f.sign) AS n5, sum(c.n6 * f.sign) AS n6,
           sum(c.n7 * f.sign) AS n7
    FROM signed f
    CROSS JOIN LATERAL jf.stats_contributions(
             f.registered_on, f.kind, f.category, f.source, f.status, f.responded,
             f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on, f.closed_on,
             f.court_on, f.place_village_id, f.extra) AS c
    CROSS JOIN LATERAL (VALUES (v_city),
                               (CASE WHEN c.by_place THEN f.place_county_id
                                     ELSE f.county_id END),
                               (CASE WHEN c.by_place THEN f.place_township_id
                                     ELSE f.township_id END)) AS s (scope_id)
    WHERE s.scope_id IS NOT NULL
    GROUP BY 1, 2, 3, 4
  ), cells AS (
    INSERT INTO jf.stats_cells AS t (scope_id, day, figure, key, n1, n2, n3, n4, n5, n6, n7)
    SELECT * FROM delta
    WHERE (n1, n2, n3, n4, n5, n6, n7) <> (0, 0, 0, 0, 0, 0, 0)
    ON CONFLICT (scope_id, day, figure, key) DO UPDATE SET
      n1 = t.n1 + excluded.n1, n2 = t.n2 + excluded.n2, n3 = t.n3 + excluded.n3,
      n4 = t.n4 + excluded.n4, n5 = t.n5 + excluded.n5, n6 = t.n6 + excluded.n6,
      n7 = t.n7 + excluded.n7
    RETURNING 1
  ), facts AS (
    INSERT INTO jf.stats_facts
    SELECT (new_f).* FROM changed WHERE (new_f).matter_id IS NOT NULL
    ON CONFLICT (matter_id) DO UPDATE SET
      org_id = excluded.org_id, county_id = excluded.county_id,
      township_id = excluded.township_id, village_id = excluded.village_id,
      place_org_id = excluded.place_org_id, place_county_id = excluded.place_county_id,
      place_township_id = excluded.place_township_id,
      place_village_id = excluded.place_village_id, registered_on = excluded.registered_on,
      kind = excluded.kind, category = excluded.category, source = excluded.source,
      status = excluded.status, responded = excluded.responded,
      responded_on_time = excluded.responded_on_time, accepted = excluded.accepted,
      resolved_level = excluded.resolved_level, resolved_on = excluded.resolved_on,
      closed_on = excluded.closed_on, court_on = excluded.court_on, extra = excluded.extra
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM facts) + 0 * (SELECT count(*) FROM cells) INTO v_changed;
  RETURN v_changed;
END
$$;

-- One refresh, from the scheduler's tick: the events appended since the last one (at most
-- @p_limit) and those found late, applied. Another jiefend process refreshing already: it
-- returns at once. Answers {matters, events, behind} for the log.
CREATE FUNCTION jf.stats_refresh(p_limit integer) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  s jf.stats_state;
  v_start timestamptz := clock_timestamp();
  v_ids bigint[];
  v_matters bigint[];
  v_late bigint[];
  v_to bigint;
  v_applied integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(4712373651) THEN
    RETURN jsonb_build_object('busy', true);
  END IF;
  SELECT * INTO s FROM jf.stats_state;
  IF NOT s.enabled THEN
    RETURN jsonb_build_object('enabled', false);
  END IF;
  -- A rebuild that lost its connection half-way: the facts are partial, and only another
  -- rebuild can tell what the rollup should be.
  IF s.rebuild_started_at IS NOT NULL THEN
    RETURN jsonb_build_object('unfinished_rebuild', true);
  END IF;

  WITH settled AS (
    DELETE FROM jf.stats_gaps
    WHERE horizon <= pg_snapshot_xmin(pg_current_snapshot())
    RETURNING event_id
  )
  SELECT array_agg(DISTINCT e.matter_id) INTO v_late
  FROM settled JOIN jf.events e ON e.id = settled.event_id;

  SELECT array_agg(e.id ORDER BY e.id), array_agg(DISTINCT e.matter_id)
  INTO v_ids, v_matters
  FROM (SELECT id, matter_id FROM jf.events WHERE id > s.done_to ORDER BY id
        LIMIT p_limit) AS e;
  IF v_ids IS NOT NULL THEN
    v_to := v_ids[cardinality(v_ids)];
    -- Taken after the statement that read v_ids: its xmax is at least that snapshot's.
    INSERT INTO jf.stats_gaps (event_id, horizon)
    SELECT g, pg_snapshot_xmax(pg_current_snapshot())
    FROM (SELECT generate_series(s.done_to + 1, v_to) EXCEPT SELECT unnest(v_ids)) AS gap (g)
    ON CONFLICT (event_id) DO NOTHING;
    UPDATE jf.stats_state SET done_to = v_to;
  END IF;

  v_applied := jf.stats_apply(ARRAY(SELECT DISTINCT i
                                    FROM unnest(coalesce(v_matters, '{}') ||
                                                coalesce(v_late, '{}')) AS i));
  IF coalesce(cardinality(v_ids), 0) < p_limit THEN
    UPDATE jf.stats_state SET fresh_at = v_start;
  END IF;
  RETURN jsonb_build_object('events', coalesce(cardinality(v_ids), 0),
                            'late', coalesce(cardinality(v_late), 0),
                            'changed', v_applied,
                            'behind', coalesce(cardinality(v_ids), 0) >= p_limit);
END
$$;

-- A rebuild (`jiefenctl stats rebuild`, after a bulk load), in three steps on one
-- connection. Begin takes the stats lock for the session, so that no refresh runs until
-- the end releases it (or the connection is lost); waits for every transaction appending
-- to the timeline to end (the SHARE lock, held for this statement only, lets none start
-- meanwhile); empties the rollup; and marks every event so far as applied. It answers the
-- highest matter id. The chunks then compute the facts of every matter, range by range,
-- and the end sums them into the rollup. What changes meanwhile has events after the
-- mark, applied by the refreshes after the end: a matter whose facts already include the
-- change is left as it is.
CREATE FUNCTION jf.stats_rebuild_begin() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_to bigint;
BEGIN
  PERFORM pg_advisory_lock(4712373651);
  LOCK TABLE jf.events IN SHARE MODE;
  SELECT coalesce(max(id), 0) INTO v_to FROM jf.events;
  TRUNCATE jf.stats_facts, jf.stats_cells, jf.stats_gaps;
  UPDATE jf.stats_state SET done_to = v_to, enabled = true, fresh_at = NULL,
                            rebuild_started_at = now();
  RETURN (SELECT coalesce(max(id), 0) FROM jf.matters);
END
$$;

-- The facts of the matters with ids in (@p_after, @p_upto].
CREATE FUNCTION jf.stats_rebuild_chunk(p_after bigint, p_upto bigint) RETURNS bigint
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_count bigint;
BEGIN
  IF (SELECT rebuild_started_at FROM jf.stats_state) IS NULL THEN
    RAISE EXCEPTION 'no rebuild is running: call jf.stats_rebuild_begin () first'
      USING ERRCODE = '55000';
  END IF;
  INSERT INTO jf.stats_facts
  SELECT * FROM jf.stats_compute(ARRAY(SELECT id FROM jf.matters
                                       WHERE id > p_after AND id <= p_upto))
  ON CONFLICT (matter_id) DO NOTHING;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END
$$;

-- The rollup, summed from all the facts: per township first, then up.
CREATE FUNCTION jf.stats_rebuild_end() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_city integer := (SELECT id FROM jf.org_units WHERE level = 'city' ORDER BY id LIMIT 1);
  v_count bigint;
BEGIN
  IF (SELECT rebuild_started_at FROM jf.stats_state) IS NULL THEN
    RAISE EXCEPTION 'no rebuild is running: call jf.stats_rebuild_begin () first'
      USING ERRCODE = '55000';
  END IF;
  PERFORM set_config('work_mem', '256MB', true);
  TRUNCATE jf.stats_cells;
  CREATE TEMPORARY TABLE stats_by_township ON COMMIT DROP AS
    SELECT CASE WHEN x.by_place THEN f.place_county_id ELSE f.county_id END AS county_id,
           CASE WHEN x.by_place THEN f.place_township_id ELSE f.township_id END AS township_id,
           x.day, x.figure, x.key, sum(x.n1) AS n1, sum(x.n2) AS n2, sum(x.n3) AS n3,
           sum(x.n4) AS n4, sum(x.n5) AS n5, sum(x.n6) AS n6, sum(x.n7) AS n7
    FROM jf.stats_facts f CROSS JOIN LATERAL jf.stats_contributions(
             f.registered_on, f.kind, f.category, f.source, f.status, f.responded,
             f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on, f.closed_on,
             f.court_on, f.place_village_id, f.extra) x
    GROUP BY 1, 2, 3, 4, 5;
  -- In key order, so that a scope's year lies in a few hundred contiguous pages.
  INSERT INTO jf.stats_cells (scope_id, day, figure, key, n1, n2, n3, n4, n5, n6, n7)
  SELECT * FROM (
    SELECT township_id, day, figure, key, n1, n2, n3, n4, n5, n6, n7
    FROM stats_by_township WHERE township_id IS NOT NULL
    UNION ALL
    SELECT county_id, day, figure, key, sum(n1), sum(n2), sum(n3), sum(n4), sum(n5),
           sum(n6), sum(n7)
    FROM stats_by_township WHERE county_id IS NOT NULL GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT v_city, day, figure, key, sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6),
           sum(n7)
    FROM stats_by_township GROUP BY 2, 3, 4) AS all_scopes
  ORDER BY 1, 2, 3, 4;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  UPDATE jf.stats_state SET fresh_at = rebuild_started_at, rebuild_started_at = NULL,
                            rebuilt_at = now();
  PERFORM pg_advisory_unlock(4712373651);
  RETURN v_count;
END
$$;

-- The counters of a village's or a grid's subtree on the days of [@p_from, @p_to], summed
-- from the facts: a few thousand at most, where the rollup would hold nearly one row per
-- matter and day.
CREATE FUNCTION jf.stats_counters(p_scope integer, p_from date, p_to date)
RETURNS TABLE (day date, figure text, key text, n1 integer, n2 integer, n3 integer,
               n4 integer, n5 integer, n6 integer, n7 integer)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_level text := (SELECT level FROM jf.org_units WHERE id = p_scope);
BEGIN
  IF v_level = 'village' THEN
    RETURN QUERY
      SELECT x.day, x.figure, x.key, x.n1, x.n2, x.n3, x.n4, x.n5, x.n6, x.n7
      FROM jf.stats_facts f CROSS JOIN LATERAL jf.stats_contributions(
             f.registered_on, f.kind, f.category, f.source, f.status, f.responded,
             f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on, f.closed_on,
             f.court_on, f.place_village_id, f.extra) x
      WHERE f.village_id = p_scope AND NOT x.by_place AND x.day BETWEEN p_from AND p_to
      UNION ALL
      SELECT x.day, x.figure, x.key, x.n1, x.n2, x.n3, x.n4, x.n5, x.n6, x.n7
      FROM jf.stats_facts f CROSS JOIN LATERAL jf.stats_contributions(
             f.registered_on, f.kind, f.category, f.source, f.status, f.responded,
             f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on, f.closed_on,
             f.court_on, f.place_village_id, f.extra) x
      WHERE f.place_village_id = p_scope AND f.court_on IS NOT NULL AND x.by_place
        AND x.day BETWEEN p_from AND p_to;
  ELSIF v_level = 'grid' THEN
    RETURN QUERY
      SELECT x.day, x.figure, x.key, x.n1, x.n2, x.n3, x.n4, x.n5, x.n6, x.n7
      FROM jf.stats_facts f CROSS JOIN LATERAL jf.stats_contributions(
             f.registered_on, f.kind, f.category, f.source, f.status, f.responded,
             f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on, f.closed_on,
             f.court_on, f.place_village_id, f.extra) x
      WHERE f.org_id = p_scope AND NOT x.by_place AND x.day BETWEEN p_from AND p_to
      UNION ALL
      SELECT x.day, x.figure, x.key, x.n1, x.n2, x.n3, x.n4, x.n5, x.n6, x.n7
      FROM jf.stats_facts f CROSS JOIN LATERAL jf.stats_contributions(
             f.registered_on, f.kind, f.category, f.source, f.status, f.responded,
             f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on, f.closed_on,
             f.court_on, f.place_village_id, f.extra) x
      WHERE f.place_org_id = p_scope AND f.court_on IS NOT NULL AND x.by_place
        AND x.day BETWEEN p_from AND p_to;
  END IF;
END
$$;

CREATE FUNCTION jf.stats_rate(p_numerator numeric, p_denominator numeric) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('numerator', p_numerator, 'denominator', p_denominator,
                            'rate', CASE WHEN p_denominator > 0
                                         THEN round(p_numerator / p_denominator, 4) END)
$$;

-- GET /v1/stats: the figures of @p_scope's subtree over [@p_from, @p_to]; the departments'
-- and villages' lists hold at most @p_limit items each.
-- (PL/pgSQL for its cached plan: as an SQL function it would be planned on every call.)
CREATE FUNCTION jf.stats_document(p_scope integer, p_from date, p_to date, p_limit integer)
RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (WITH u AS (
    SELECT * FROM jf.org_units WHERE id = p_scope
  ), small AS MATERIALIZED (
    SELECT * FROM jf.stats_counters(p_scope, p_from, p_to)
    WHERE (SELECT level FROM u) IN ('village', 'grid')
  ), c AS (
    -- The city, a county or a township: the rollup's rows.
    SELECT day, figure, key, n1, n2, n3, n4, n5, n6, n7 FROM jf.stats_cells
    WHERE scope_id = p_scope AND day BETWEEN p_from AND p_to
      AND (SELECT level FROM u) IN ('city', 'county', 'township')
    UNION ALL
    SELECT day, figure, key, n1, n2, n3, n4, n5, n6, n7 FROM small
  ), g AS MATERIALIZED (
    -- One pass: the range's totals per (figure, key), and per (figure, day) for the trends.
    SELECT figure, key, day, GROUPING (figure, key, day) AS grouping_set,
           sum(n1) AS n1, sum(n2) AS n2, sum(n3) AS n3, sum(n4) AS n4, sum(n5) AS n5,
           sum(n6) AS n6, sum(n7) AS n7
    FROM c GROUP BY GROUPING SETS ((figure, key), (figure, day))
  ), t AS MATERIALIZED (
    SELECT figure, key, n1, n2, n3, n4, n5, n6, n7 FROM g WHERE grouping_set = 1
  ), cohort AS (
    SELECT coalesce(sum(n1), 0) AS registered, coalesce(sum(n2), 0) AS responded,
           coalesce(sum(n3), 0) AS on_time, coalesce(sum(n4), 0) AS accepted,
           coalesce(sum(n5), 0) AS resolved
    FROM t WHERE figure = 'cohort'
  ), visits AS (
    SELECT coalesce(sum(n1), 0) AS done, coalesce(sum(n2), 0) AS satisfied,
           coalesce(sum(n3), 0) AS basically, coalesce(sum(n4), 0) AS unsatisfied
    FROM t WHERE figure = 'followup'
  ), clocks AS (
    SELECT coalesce(sum(n1), 0) AS met, coalesce(sum(n2), 0) AS on_time
    FROM t WHERE figure = 'clock'
  ), departments AS (
    SELECT d.code, d.name, d.kind, t.n1 AS targets, t.n2 AS checkin_decided,
           t.n3 AS checkin_on_time, t.n4 AS done_decided, t.n5 AS done_on_time,
           t.n6 AS rated, t.n7 AS rating_sum,
           row_number() OVER (ORDER BY t.n1 DESC, d.code) AS rank
    FROM t JOIN jf.departments d ON d.id::text = t.key
    WHERE t.figure = 'dept' AND t.n1 > 0
  ), villages AS (
    SELECT v.code, v.name, v.population, coalesce(t.n1, 0) AS to_court,
           CASE WHEN v.population > 0
                THEN round(coalesce(t.n1, 0) * 10000.0 / v.population, 2) END AS per_10000
    FROM u JOIN jf.org_units v
      ON v.level = 'village'
     AND (u.level = 'city' OR v.county_id = u.id OR v.township_id = u.id OR v.id = u.id)
    LEFT JOIN t ON t.figure = 'court' AND t.key = v.id::text
  ), ranked_villages AS (
    SELECT *, row_number() OVER (ORDER BY per_10000 DESC NULLS LAST, to_court DESC, code)
                AS rank
    FROM villages
  ), days AS (
    SELECT d::date AS day FROM generate_series(p_from, p_to, interval '1 day') AS d
  ), per_day AS (
    SELECT day, sum(n1) FILTER (WHERE figure = 'cohort') AS registered,
           sum(n1) FILTER (WHERE figure = 'flow') AS resolved,
           sum(n2) FILTER (WHERE figure = 'flow') AS closed
    FROM g WHERE grouping_set = 2 AND figure IN ('cohort', 'flow') GROUP BY day
  ), daily AS (
    SELECT days.day, coalesce(p.registered, 0) AS registered,
           coalesce(p.resolved, 0) AS resolved, coalesce(p.closed, 0) AS closed
    FROM days LEFT JOIN per_day p ON p.day = days.day
  )
  SELECT jsonb_build_object(
    'org', jsonb_build_object('code', u.code, 'name', u.name, 'level', u.level),
    'from', p_from, 'to', p_to,
    'as_of', (SELECT jf.ts(fresh_at) FROM jf.stats_state),
    'registered', cohort.registered,
    'rates', jsonb_build_object(
      'response', jf.stats_rate(cohort.on_time, cohort.registered)
                  || jsonb_build_object('responded', cohort.responded),
      'resolution', jf.stats_rate(cohort.resolved, cohort.accepted),
      'satisfaction', jf.stats_rate(visits.satisfied + visits.basically, visits.done)
                      || jsonb_build_object('satisfied', visits.satisfied,
                                            'basically_satisfied', visits.basically,
                                            'unsatisfied', visits.unsatisfied),
      'on_time', jf.stats_rate(clocks.on_time, clocks.met)),
    'by_kind', (SELECT jsonb_object_agg(k, coalesce(t.n1, 0))
                FROM unnest(ARRAY['dispute', 'request', 'petition', 'grid_event']) AS k
                LEFT JOIN t ON t.figure = 'kind' AND t.key = k),
    'by_category', (SELECT jsonb_object_agg(k, coalesce(t.n1, 0))
                    FROM (SELECT slug FROM jf.categories
                          UNION SELECT key FROM t WHERE figure = 'category') AS g (k)
                    LEFT JOIN t ON t.figure = 'category' AND t.key = g.k),
    'by_source', (SELECT jsonb_object_agg(k, coalesce(t.n1, 0))
                  FROM unnest(ARRAY['window', 'grid', 'hotline', 'police', 'court', 'petition',
                                    'mobile_point', 'online']) AS k
                  LEFT JOIN t ON t.figure = 'source' AND t.key = k),
    'by_status', (SELECT jsonb_object_agg(k, coalesce(t.n1, 0))
                  FROM unnest(ARRAY['registered', 'accepted', 'not_accepted', 'in_mediation',
                                    'dispatched', 'referred', 'resolved', 'closed',
                                    'withdrawn']) AS k
                  LEFT JOIN t ON t.figure = 'status' AND t.key = k),
    'resolution_levels', (SELECT jsonb_object_agg(k, coalesce(t.n1, 0))
                          FROM unnest(ARRAY['village', 'township', 'county', 'city']) AS k
                          LEFT JOIN t ON t.figure = 'level' AND t.key = k),
    'departments', (SELECT jsonb_build_object(
                      'total', count(*),
                      'items', coalesce(jsonb_agg(jsonb_build_object(
                        'code', code, 'name', name, 'kind', kind, 'targets', targets,
                        'checkin', jf.stats_rate(checkin_on_time, checkin_decided)
                                   || jsonb_build_object('overdue',
                                                         checkin_decided - checkin_on_time),
                        'done', jf.stats_rate(done_on_time, done_decided)
                                || jsonb_build_object('overdue', done_decided - done_on_time),
                        'rating', jsonb_build_object(
                          'rated', rated,
                          'mean', CASE WHEN rated > 0
                                       THEN round(rating_sum::numeric / rated, 2) END))
                        ORDER BY rank) FILTER (WHERE rank <= p_limit), '[]'))
                    FROM departments),
    'petitions', (SELECT jsonb_object_agg(k, coalesce(t.n1, 0))
                  FROM unnest(ARRAY['deciding', 'not_accepted', 'handling', 'replied',
                                    'review_requested', 'reviewed', 'rereview_requested',
                                    'rereviewed']) AS k
                  LEFT JOIN t ON t.figure = 'petition' AND t.key = k),
    'no_litigation', jsonb_build_object(
      'matters_to_court', (SELECT coalesce(sum(n1), 0) FROM t WHERE figure = 'court'),
      'population', u.population,
      'per_10000', CASE WHEN u.population > 0 THEN
                     round((SELECT coalesce(sum(n1), 0) FROM t WHERE figure = 'court')
                           * 10000.0 / u.population, 2) END,
      'villages', (SELECT jsonb_build_object(
                     'total', count(*),
                     'without_court', count(*) FILTER (WHERE to_court = 0),
                     'items', coalesce(jsonb_agg(jsonb_build_object(
                       'code', code, 'name', name, 'population', population,
                       'matters_to_court', to_court, 'per_10000', per_10000)
                       ORDER BY rank) FILTER (WHERE rank <= p_limit), '[]'))
                   FROM ranked_villages)),
    'trends', jsonb_build_object(
      'weeks', (SELECT jsonb_agg(jsonb_build_object(
                  'week', w, 'from', first, 'to', last, 'registered', registered,
                  'resolved', resolved, 'closed', closed) ORDER BY first)
                FROM (SELECT to_char(day, 'IYYY-"W"IW') AS w, min(day) AS first,
                             max(day) AS last, sum(registered) AS registered,
                             sum(resolved) AS resolved, sum(closed) AS closed
                      FROM daily GROUP BY 1) AS weeks),
      'months', (SELECT jsonb_agg(jsonb_build_object(
                   'month', mo, 'from', first, 'to', last, 'registered', registered,
                   'resolved', resolved, 'closed', closed) ORDER BY first)
                 FROM (SELECT to_char(day, 'YYYY-MM') AS mo, min(day) AS first,
                              max(day) AS last, sum(registered) AS registered,
                              sum(resolved) AS resolved, sum(closed) AS closed
                       FROM daily GROUP BY 1) AS months)))
  FROM u, cohort, visits, clocks);
END
$$;

-- GET /v1/stats/matters: the matters behind a figure, from the same facts and counters as
-- the rollup, so that they are exactly the matters counted. @p_figure and @p_key select
-- the counter (p_key NULL: any key); a matter is behind it when n[@p_pos] - n[@p_neg]
-- (0: nothing) is positive on some day of the range. The subtree is @p_scope's. A page is
-- keyset on id, newest first, as the queue's, and found by walking the facts in that order
-- and stopping at @p_limit: no total, which for the city's year would mean weighing every
-- matter (the figure itself is the total). A matter whose owner lies outside the caller's
-- subtree (@p_home at @p_home_level) is not listed; only the court figure, which follows
-- the place, can have one, and "hidden" says how many.
CREATE FUNCTION jf.stats_matters(p_scope integer, p_from date, p_to date, p_figure text,
                                 p_key text, p_pos integer, p_neg integer, p_home integer,
                                 p_home_level text, p_after bigint, p_limit integer)
RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_level text := (SELECT level FROM jf.org_units WHERE id = p_scope);
  v_place boolean := p_figure = 'court';
  v_scope text;
  v_prefilter text := '';
  v_match text;
  v_visible text;
  v_ids bigint[];
  v_hidden bigint := 0;
  v_page jsonb;
BEGIN
  -- Fixed fragments only; every value is a parameter.
  v_scope := CASE v_level
    WHEN 'city' THEN 'true'
    WHEN 'county' THEN CASE WHEN v_place THEN 'f.place_county_id' ELSE 'f.county_id' END
                       || ' = $1'
    WHEN 'township' THEN CASE WHEN v_place THEN 'f.place_township_id' ELSE 'f.township_id' END
                         || ' = $1'
    WHEN 'village' THEN CASE WHEN v_place THEN 'f.place_village_id' ELSE 'f.village_id' END
                        || ' = $1'
    ELSE CASE WHEN v_place THEN 'f.place_org_id' ELSE 'f.org_id' END || ' = $1' END;
  IF p_figure IN ('cohort', 'kind', 'category', 'source', 'status', 'level') THEN
    v_prefilter := ' AND f.registered_on BETWEEN $2 AND $3';
  ELSIF p_figure = 'flow' THEN
    v_prefilter := ' AND (f.resolved_on BETWEEN $2 AND $3 OR f.closed_on BETWEEN $2 AND $3)';
  ELSIF v_place THEN
    v_prefilter := ' AND f.court_on BETWEEN $2 AND $3';
  ELSE
    -- A record can only come after its matter was registered.
    v_prefilter := ' AND f.registered_on <= $3'
                   ' AND f.extra @> jsonb_build_array(jsonb_build_array($4::text))';
  END IF;
  v_match := format(
    '%s%s AND EXISTS (SELECT 1 FROM jf.stats_contributions(
                  f.registered_on, f.kind, f.category, f.source, f.status, f.responded,
                    f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on,
                    f.closed_on, f.court_on, f.place_village_id, f.extra) x
                WHERE x.figure = $4 AND ($5::text IS NULL OR x.key = $5)
                  AND x.by_place = %L AND x.day BETWEEN $2 AND $3
                  AND (CASE $6 WHEN 1 THEN x.n1 WHEN 2 THEN x.n2 WHEN 3 THEN x.n3
                               WHEN 4 THEN x.n4 WHEN 5 THEN x.n5 WHEN 6 THEN x.n6
                               ELSE x.n7 END)
                    - (CASE $9 WHEN 0 THEN 0 WHEN 1 THEN x.n1 WHEN 2 THEN x.n2
                               WHEN 3 THEN x.n3 WHEN 4 THEN x.n4 WHEN 5 THEN x.n5
                               WHEN 6 THEN x.n6 ELSE x.n7 END) > 0)',
    v_scope, v_prefilter, v_place);
  v_visible := 'CASE $8 WHEN ''city'' THEN true WHEN ''county'' THEN f.county_id = $7
                        WHEN ''township'' THEN f.township_id = $7
                        WHEN ''village'' THEN f.village_id = $7 ELSE f.org_id = $7 END';
  EXECUTE format('SELECT array_agg(matter_id ORDER BY matter_id DESC) FROM (
                    SELECT f.matter_id FROM jf.stats_facts f
                    WHERE %s AND %s AND ($10::bigint IS NULL OR f.matter_id < $10)
                    ORDER BY f.matter_id DESC LIMIT $11) AS page', v_match, v_visible)
  INTO v_ids
  USING p_scope, p_from, p_to, p_figure, p_key, p_pos, p_home, p_home_level, p_neg, p_after,
        p_limit;
  IF v_place THEN
    EXECUTE format('SELECT count(*) FROM jf.stats_facts f WHERE %s AND NOT coalesce(%s, false)',
                   v_match, v_visible)
    INTO v_hidden
    USING p_scope, p_from, p_to, p_figure, p_key, p_pos, p_home, p_home_level, p_neg;
  END IF;

  SELECT jsonb_build_object(
    'items', coalesce(jsonb_agg(jsonb_build_object(
      'id', m.id, 'number', m.number, 'version', m.version, 'kind', m.kind,
      'category', m.category, 'source', m.source, 'status', m.status, 'title', m.title,
      'org', jf.org_json(m.org_id), 'parties', m.party_names,
      'assignee', jf.account_ref(m.assignee_id), 'created_at', jf.ts(m.created_at),
      'deadline_at', jf.ts(m.next_deadline_at), 'violence', m.risk_violence)
      ORDER BY m.id DESC), '[]'),
    'next', CASE WHEN count(*) = p_limit THEN min(m.id) END,
    'hidden', v_hidden,
    'as_of', (SELECT jf.ts(fresh_at) FROM jf.stats_state))
  INTO v_page
  FROM unnest(coalesce(v_ids, '{}')) AS page (i)
  JOIN jf.matters m ON m.id = page.i;
  RETURN v_page;
END
$$;
