-- 0015: the functions that every intake, matter read, move and queue page calls, in
-- PL/pgSQL. PostgreSQL 15 plans the statements of an SQL function that it cannot inline
-- afresh on every call, while PL/pgSQL keeps its plans for the session: at a million
-- matters, planning was most of an intake's database time (issue 7). The results, the
-- signatures and the volatility are those of the SQL functions they replace
-- (tests/db/test-plan-cached.c compares them on a seeded demo database). jf.ts stays in
-- SQL: it is inlined where it is called.

-- The facts beyond its status that some moves depend on (common/jf-lifecycle.h).
CREATE OR REPLACE FUNCTION jf.matter_facts(p_id bigint) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT array_remove(ARRAY[
      CASE WHEN EXISTS (SELECT 1 FROM jf.followups f WHERE f.matter_id = p_id
                          AND f.satisfaction IN ('satisfied', 'basically_satisfied')
                          AND f.done_at >= coalesce(m.resolved_at, '-infinity'))
           THEN 'follow_up_satisfied' END,
      -- The latest whistle is done: every department's work verified (DOMAIN.md §3).
      CASE WHEN (SELECT w.status FROM jf.whistles w WHERE w.matter_id = p_id
                 ORDER BY w.id DESC LIMIT 1) = 'done'
           THEN 'whistle_all_verified' END,
      CASE WHEN o.parent_id IS NOT NULL THEN 'has_parent_unit' END], NULL)
    FROM jf.matters m JOIN jf.org_units o ON o.id = m.org_id
    WHERE m.id = p_id);
END
$$;

CREATE OR REPLACE FUNCTION jf.org_json(p_id integer) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_build_object('code', code, 'name', name, 'level', level)
          FROM jf.org_units WHERE id = p_id);
END
$$;

CREATE OR REPLACE FUNCTION jf.account_ref(p_id integer) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_build_object('id', id, 'username', username, 'name', display_name)
          FROM jf.accounts WHERE id = p_id);
END
$$;

-- Where a matter sits, for the caller's scope check (server/jfd-actor.c): its owner, the
-- owner's ancestors, and the departments it was ever whistled to.
CREATE OR REPLACE FUNCTION jf.matter_scope(p_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT jsonb_build_object(
      'org_id', m.org_id, 'county_id', m.county_id, 'township_id', m.township_id,
      'village_id', m.village_id,
      'departments', coalesce((SELECT jsonb_agg(DISTINCT t.department_id)
                               FROM jf.whistles w
                               JOIN jf.whistle_targets t ON t.whistle_id = w.id
                               WHERE w.matter_id = m.id), '[]'))
    FROM jf.matters m WHERE m.id = p_id);
END
$$;

-- The whole document of a matter, personal numbers masked. Scope is the caller's
-- business (server/jfd-scope.c); the ancestors are included for it.
CREATE OR REPLACE FUNCTION jf.matter_json(p_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT jsonb_build_object(
      'id', m.id, 'number', m.number, 'version', m.version,
      'kind', m.kind, 'category', m.category, 'source', m.source, 'status', m.status,
      'title', m.title, 'narrative', m.narrative,
      'org', jf.org_json(m.org_id),
      'location', jsonb_strip_nulls(jsonb_build_object(
        'org', jf.org_json(m.place_org_id), 'address', m.address, 'lat', m.lat, 'lng', m.lng)),
      'occurred_on', m.occurred_on,
      'risk', jsonb_build_object('violence', m.risk_violence, 'group_size', m.risk_group_size,
                                 'minors', m.risk_minors, 'elderly', m.risk_elderly),
      'assignee', jf.account_ref(m.assignee_id),
      'parties', coalesce((
        SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                 'id', p.id, 'role', p.role, 'name', p.name, 'organisation', p.organisation,
                 'address', p.address, 'id_number', p.id_number_masked,
                 'birth_date', p.birth_date, 'sex', p.sex, 'phone', p.phone_masked,
                 'person_id', p.person_id)) ORDER BY p.position)
        FROM jf.parties p WHERE p.matter_id = m.id), '[]'),
      'registered', jsonb_build_object('at', jf.ts(m.created_at),
                                       'by', jf.account_ref(m.created_by),
                                       'org', jf.org_json(m.registered_org_id),
                                       'level', m.registered_level),
      'resolved', CASE WHEN m.resolved_at IS NOT NULL THEN jsonb_build_object(
                    'at', jf.ts(m.resolved_at), 'level', m.resolved_level,
                    'org', jf.org_json(m.resolved_org_id), 'outcome', m.outcome) END,
      'not_accepted', CASE WHEN m.status = 'not_accepted' THEN jsonb_build_object(
                        'reason', m.not_accepted_reason, 'redirect_to', m.redirect_to) END,
      'closed_at', jf.ts(m.closed_at),
      'deadline', (SELECT jsonb_build_object('id', d.id, 'stage', d.stage,
                                             'due_at', jf.ts(d.due_at),
                                             'warn_at', jf.ts(d.warn_at), 'state', d.state)
                   FROM jf.deadlines d
                   WHERE d.matter_id = m.id AND d.state IN ('running', 'paused')
                   ORDER BY d.due_at NULLS LAST LIMIT 1),
      'facts', to_jsonb(jf.matter_facts(m.id)),
      'scope', jf.matter_scope(m.id),
      'created_at', jf.ts(m.created_at), 'updated_at', jf.ts(m.updated_at))
    FROM jf.matters m WHERE m.id = p_id);
END
$$;

-- An assignee works at the owning centre or at one above it, and is not disabled.
CREATE OR REPLACE FUNCTION jf.may_be_assigned(p_account text, p_owner integer) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  -- Apart, not "IS NULL OR EXISTS": that expression's custom plan, folded to true for the
  -- usual intake without an assignee, is so cheap that it was planned on every call.
  IF p_account IS NULL THEN
    RETURN true;
  END IF;
  RETURN EXISTS (
    SELECT 1 FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id,
                  jf.org_units owner
    WHERE a.id = p_account::integer AND NOT a.disabled AND owner.id = p_owner
      AND (o.level = 'city' OR o.id IN (owner.id, owner.county_id, owner.township_id,
                                        owner.village_id)));
END
$$;

-- Appends an event to a matter whose row the caller has just updated (and so locked),
-- with the sequence number that update returned.
CREATE OR REPLACE FUNCTION jf.append_event(p_matter_id bigint, p_seq integer, p_kind text,
                                           p_actor_id integer, p_role text, p_org_id integer,
                                           p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jf.events (matter_id, seq, kind, actor_id, actor_role, org_id, data)
  VALUES (p_matter_id, p_seq, p_kind, p_actor_id, p_role, p_org_id, p_data);
END
$$;

-- The timeline, oldest first.
CREATE OR REPLACE FUNCTION jf.matter_events_json(p_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT coalesce(jsonb_agg(jsonb_build_object(
             'seq', e.seq, 'kind', e.kind, 'at', jf.ts(e.at),
             'actor', jf.account_ref(e.actor_id), 'role', e.actor_role,
             'org', jf.org_json(e.org_id), 'data', e.data,
             'hash', encode(e.hash, 'hex')) ORDER BY e.seq), '[]')
    FROM jf.events e WHERE e.matter_id = p_id);
END
$$;

-- The timeline's chain (0003), computed for every event written: a PL/pgSQL expression
-- is evaluated without planning, where these SQL functions, which call stable functions
-- and so cannot be inlined, were planned once per transaction.
-- The canonical form hashed: jsonb's text form is deterministic (keys ordered, one
-- spacing), and the time is given as integer microseconds so no time zone enters it.
CREATE OR REPLACE FUNCTION jf.event_canonical(p_matter_id bigint, p_seq integer, p_kind text,
                                              p_actor_id integer, p_actor_role text,
                                              p_org_id integer, p_at timestamptz,
                                              p_data jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN jsonb_build_object(
    'matter', p_matter_id, 'seq', p_seq, 'kind', p_kind, 'actor', p_actor_id,
    'role', p_actor_role, 'org', p_org_id,
    'at', (extract(epoch FROM p_at) * 1000000)::bigint, 'data', p_data)::text;
END
$$;

CREATE OR REPLACE FUNCTION jf.matter_chain_genesis(p_matter_id bigint) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN sha256(convert_to('jiefen:matter:' || p_matter_id, 'UTF8'));
END
$$;

-- Search (0003): jf.grams is the expression of the index matters_search, evaluated for
-- every matter written and planned, as SQL, once per intake.
-- Unigrams and bigrams of a text, for Chinese search: trigrams cannot serve the one- and
-- two-character queries that Chinese users type most. Spaces and ASCII punctuation split
-- the text; Latin letters are folded to lower case.
CREATE OR REPLACE FUNCTION jf.grams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN (
    SELECT coalesce(array_agg(DISTINCT g), '{}')
    FROM (
      SELECT substr(w, i, n) AS g
      FROM regexp_split_to_table(lower(t), '[[:space:][:punct:]，。、；：？！“”‘’（）《》【】]+') AS w,
           generate_series(1, length(w)) AS i,
           (VALUES (1), (2)) AS ns(n)
      WHERE w <> '' AND i + n - 1 <= length(w)
    ) s);
END
$$;

-- The grams a query must all match: itself when one or two characters long, else its
-- bigrams (the LIKE that follows removes false positives).
CREATE OR REPLACE FUNCTION jf.query_grams(q text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN CASE WHEN length(q) <= 2 THEN ARRAY[lower(q)]
         ELSE (SELECT array_agg(DISTINCT substr(lower(q), i, 2))
               FROM generate_series(1, length(q) - 1) AS i) END;
END
$$;

-- Matter numbers (0003). The block that catches a missing sequence starts a
-- subtransaction whenever it is entered; it is now entered only for a county's first
-- intake of the year, which two intakes may still race to make, as before.
CREATE OR REPLACE FUNCTION jf.next_matter_number(p_county text, p_year integer) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  seq_name text := format('jf.matter_no_%s_%s', p_county, p_year);
  n bigint;
BEGIN
  IF p_county !~ '^[0-9]{6}$' OR p_year NOT BETWEEN 2000 AND 2999 THEN
    RAISE EXCEPTION 'bad county or year for a matter number' USING ERRCODE = '22023';
  END IF;
  IF to_regclass(seq_name) IS NULL THEN
    -- IF NOT EXISTS does not make two first intakes at once safe: the second waits on the
    -- first's catalog row and then fails with unique_violation (or duplicate_table). The
    -- sequence exists by then.
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %s', seq_name);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      NULL;
    END;
  END IF;
  n := nextval(seq_name);
  RETURN format('%s-%s-%s', p_county, p_year, lpad(n::text, 6, '0'));
END
$$;

-- ---------------------------------------------------------------------------------------
-- The stream's wake-up. A transaction that notifies holds a database-wide lock from just
-- before its commit record until that record is on disk, so transactions that notify
-- commit one after the other, a disk flush each: with a NOTIFY in every intake, intake
-- ran at the disk's flushes per second, whatever the CPUs could do. Intake now leaves the
-- wake-up to jiefend, which sends it (jf.stream_wake) once the intake has committed;
-- every other writer still notifies in its own transaction.
CREATE OR REPLACE FUNCTION jf.stream_push(p_kind text, p_matter_id bigint, p_org_id integer,
                                          p_department_id integer, p_account_id integer,
                                          p_payload jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  INSERT INTO jf.stream_events (kind, matter_id, org_id, department_id, account_id, payload)
  VALUES (p_kind, p_matter_id, p_org_id, p_department_id, p_account_id, p_payload)
  RETURNING id INTO v_id;
  -- A wake-up only: listeners read the table from the last id they delivered.
  IF current_setting('jf.stream_wake', true) IS DISTINCT FROM 'after_commit' THEN
    PERFORM pg_notify('jf_stream', v_id::text);
  END IF;
  RETURN v_id;
END
$$;

-- The stream's events since @p_after, oldest first, with what scope needs (0012). Each
-- jiefend thread with listeners reads it at every wake-up.
CREATE OR REPLACE FUNCTION jf.stream_since(p_after bigint, p_limit integer) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT coalesce(jsonb_agg(jsonb_build_object(
             'id', e.id, 'kind', e.kind, 'at', jf.ts(e.at), 'matter_id', e.matter_id,
             'org_id', e.org_id, 'department_id', e.department_id,
             'account_id', e.account_id, 'payload', e.payload) ORDER BY e.id), '[]')
    FROM (SELECT * FROM jf.stream_events WHERE id > p_after ORDER BY id LIMIT p_limit) e);
END
$$;

-- jf.intake, for jiefend, which wakes the stream itself once this has committed.
CREATE FUNCTION jf.intake_quiet(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('jf.stream_wake', 'after_commit', true);
  RETURN jf.intake(p);
END
$$;

-- The wake-up for what committed transactions wrote to the stream. Its own commit need
-- not wait for the disk: it announces rows that are there already, and should it be lost
-- in a crash, the next wake-up, or a client's reconnection, delivers them. Not waiting is
-- what keeps the notification lock a moment's.
CREATE FUNCTION jf.stream_wake() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  PERFORM pg_notify('jf_stream', '');
END
$$;

-- ---------------------------------------------------------------------------------------
-- Indexes that others cover, written at every intake for nothing:
-- parties_matter (matter_id): the unique (matter_id, position) index serves every lookup
-- of a matter's parties (its document, reveal, the registry's keys), in position order too;
-- parties_id_hmac (id_number_hmac): 0013's parties_id_hmac_matter (id_number_hmac,
-- matter_id), with the same predicate, serves every lookup by ID number.
DROP INDEX jf.parties_matter;
DROP INDEX jf.parties_id_hmac;
