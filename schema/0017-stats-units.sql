-- 0017: open and overdue matters now, per unit directly below a scope (GET /v1/stats/units):
-- the dashboard's map of the org tree, coloured by where the work waits.
--
-- "Open" and "overdue" are the queue's (jfd-engine-queue.c): open is a status among
-- registered, accepted, in_mediation, dispatched, referred and resolved (a resolved matter
-- still waits for its follow-up); overdue is an open matter whose next deadline has passed
-- (status=open&overdue=true). A matter counts under the child of the scope that its owning
-- centre lies in (matters.org_id and its ancestor columns, as the queue's subtree does);
-- the scope's own centre holds the rest ("own").
--
-- Counted from the matters themselves, not the statistics' rollup: "now" has no date range
-- to roll up. The partial index holds the open matters only, in the ancestor columns'
-- order, with the deadline alongside: a county's answer is one index-only range scan of
-- its open matters, the city's a scan of every open one, grouped as it comes.

CREATE INDEX matters_open_units ON jf.matters (county_id, township_id, village_id, org_id)
  INCLUDE (next_deadline_at)
  WHERE status IN ('registered', 'accepted', 'in_mediation', 'dispatched', 'referred',
                   'resolved');

-- {org, as_of, own: {open, overdue}, items: [{org, open, overdue}]} for @p_scope: every
-- child unit, in code order, with 0 where nothing is open.
-- (PL/pgSQL for its cached plans; one static statement per level so that each uses the
-- index on its own columns.)
CREATE FUNCTION jf.stats_units(p_scope integer) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  u jf.org_units;
  v_now timestamptz := now();
  v_counts jsonb;
BEGIN
  SELECT * INTO u FROM jf.org_units WHERE id = p_scope;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  -- {child id or "own": [open, overdue]}
  IF u.level = 'city' THEN
    SELECT jsonb_object_agg(coalesce(child::text, 'own'), jsonb_build_array(n, late))
    INTO v_counts
    FROM (SELECT m.county_id AS child, count(*) AS n,
                 count(*) FILTER (WHERE m.next_deadline_at < v_now) AS late
          FROM jf.matters m
          WHERE m.status IN ('registered', 'accepted', 'in_mediation', 'dispatched',
                             'referred', 'resolved')
          GROUP BY m.county_id) AS c;
  ELSIF u.level = 'county' THEN
    SELECT jsonb_object_agg(coalesce(child::text, 'own'), jsonb_build_array(n, late))
    INTO v_counts
    FROM (SELECT m.township_id AS child, count(*) AS n,
                 count(*) FILTER (WHERE m.next_deadline_at < v_now) AS late
          FROM jf.matters m
          WHERE m.county_id = u.id
            AND m.status IN ('registered', 'accepted', 'in_mediation', 'dispatched',
                             'referred', 'resolved')
          GROUP BY m.township_id) AS c;
  ELSIF u.level = 'township' THEN
    SELECT jsonb_object_agg(coalesce(child::text, 'own'), jsonb_build_array(n, late))
    INTO v_counts
    FROM (SELECT m.village_id AS child, count(*) AS n,
                 count(*) FILTER (WHERE m.next_deadline_at < v_now) AS late
          FROM jf.matters m
          WHERE m.county_id = u.county_id AND m.township_id = u.id
            AND m.status IN ('registered', 'accepted', 'in_mediation', 'dispatched',
                             'referred', 'resolved')
          GROUP BY m.village_id) AS c;
  ELSE
    -- A village's children are its grids; a grid has none, and holds only its own.
    SELECT jsonb_object_agg(CASE WHEN child = u.id THEN 'own' ELSE child::text END,
                            jsonb_build_array(n, late))
    INTO v_counts
    FROM (SELECT m.org_id AS child, count(*) AS n,
                 count(*) FILTER (WHERE m.next_deadline_at < v_now) AS late
          FROM jf.matters m
          WHERE m.county_id = u.county_id AND m.township_id = u.township_id
            AND m.village_id = u.village_id
            AND (u.level = 'village' OR m.org_id = u.id)
            AND m.status IN ('registered', 'accepted', 'in_mediation', 'dispatched',
                             'referred', 'resolved')
          GROUP BY m.org_id) AS c;
  END IF;
  v_counts := coalesce(v_counts, '{}');
  RETURN jsonb_build_object(
    'org', jsonb_build_object('code', u.code, 'name', u.name, 'level', u.level),
    'as_of', jf.ts(v_now),
    'own', jsonb_build_object('open', coalesce((v_counts->'own'->>0)::bigint, 0),
                              'overdue', coalesce((v_counts->'own'->>1)::bigint, 0)),
    'items', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'org', jsonb_build_object('code', c.code, 'name', c.name, 'level', c.level),
               'open', coalesce((v_counts->c.id::text->>0)::bigint, 0),
               'overdue', coalesce((v_counts->c.id::text->>1)::bigint, 0))
             ORDER BY c.code)
      FROM jf.org_units c WHERE c.parent_id = u.id), '[]'));
END
$$;
