-- 0007: the writes and the document of a matter, as functions, so that each API request
-- is one statement: one round trip, one transaction, the event in the same transaction as
-- the change (DOMAIN.md §6).

-- The facts beyond its status that some moves depend on (common/jf-lifecycle.h).
CREATE FUNCTION jf.matter_facts(p_id bigint) RETURNS text[]
LANGUAGE sql STABLE AS $$
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
  WHERE m.id = p_id
$$;

CREATE FUNCTION jf.org_json(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('code', code, 'name', name, 'level', level)
  FROM jf.org_units WHERE id = p_id
$$;

CREATE FUNCTION jf.account_ref(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', id, 'username', username, 'name', display_name)
  FROM jf.accounts WHERE id = p_id
$$;

-- Times are written in Asia/Shanghai with their offset, whatever the session's zone.
CREATE FUNCTION jf.ts(t timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')
$$;

-- Where a matter sits, for the caller's scope check (server/jfd-actor.c): its owner, the
-- owner's ancestors, and the departments it was ever whistled to.
CREATE FUNCTION jf.matter_scope(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'org_id', m.org_id, 'county_id', m.county_id, 'township_id', m.township_id,
    'village_id', m.village_id,
    'departments', coalesce((SELECT jsonb_agg(DISTINCT t.department_id)
                             FROM jf.whistles w JOIN jf.whistle_targets t ON t.whistle_id = w.id
                             WHERE w.matter_id = m.id), '[]'))
  FROM jf.matters m WHERE m.id = p_id
$$;

-- The whole document of a matter, personal numbers masked. Scope is the caller's
-- business (server/jfd-scope.c); the ancestors are included for it.
CREATE FUNCTION jf.matter_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
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
    'registered', jsonb_build_object('at', jf.ts(m.created_at), 'by', jf.account_ref(m.created_by),
                                     'org', jf.org_json(m.registered_org_id),
                                     'level', m.registered_level),
    'resolved', CASE WHEN m.resolved_at IS NOT NULL THEN jsonb_build_object(
                  'at', jf.ts(m.resolved_at), 'level', m.resolved_level,
                  'org', jf.org_json(m.resolved_org_id), 'outcome', m.outcome) END,
    'not_accepted', CASE WHEN m.status = 'not_accepted' THEN jsonb_build_object(
                      'reason', m.not_accepted_reason, 'redirect_to', m.redirect_to) END,
    'closed_at', jf.ts(m.closed_at),
    'deadline', (SELECT jsonb_build_object('id', d.id, 'stage', d.stage,
                                           'due_at', jf.ts(d.due_at), 'warn_at', jf.ts(d.warn_at),
                                           'state', d.state)
                 FROM jf.deadlines d WHERE d.matter_id = m.id AND d.state IN ('running', 'paused')
                 ORDER BY d.due_at NULLS LAST LIMIT 1),
    'facts', to_jsonb(jf.matter_facts(m.id)),
    'scope', jf.matter_scope(m.id),
    'created_at', jf.ts(m.created_at), 'updated_at', jf.ts(m.updated_at))
  FROM jf.matters m WHERE m.id = p_id
$$;

CREATE FUNCTION jf.stream_push(p_kind text, p_matter_id bigint, p_org_id integer,
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
  PERFORM pg_notify('jf_stream', v_id::text);
  RETURN v_id;
END
$$;

-- An assignee works at the owning centre or at one above it, and is not disabled.
CREATE FUNCTION jf.may_be_assigned(p_account text, p_owner integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT p_account IS NULL OR EXISTS (
    SELECT 1 FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id,
                  jf.org_units owner
    WHERE a.id = p_account::integer AND NOT a.disabled AND owner.id = p_owner
      AND (o.level = 'city' OR o.id IN (owner.id, owner.county_id, owner.township_id,
                                        owner.village_id)))
$$;

-- Intake. @p is prepared by jiefend: validated fields, the owner's org id, encrypted
-- personal numbers (base64), and the acceptance deadline computed with the calendar.
CREATE FUNCTION jf.intake(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_org jf.org_units;
  v_county text;
  v_id bigint;
  v_created_by integer;
  v_key uuid := (p->>'idempotency_key')::uuid;
  v_actor integer := (p->>'actor_id')::integer;
BEGIN
  IF v_key IS NOT NULL THEN
    SELECT id, created_by INTO v_id, v_created_by FROM jf.matters WHERE idempotency_key = v_key;
    IF FOUND THEN
      IF v_created_by <> v_actor THEN
        RAISE EXCEPTION 'idempotency key used by another account' USING ERRCODE = 'JF409';
      END IF;
      RETURN jsonb_build_object('replay', true, 'matter', jf.matter_json(v_id));
    END IF;
  END IF;

  SELECT * INTO STRICT v_org FROM jf.org_units WHERE id = (p->>'org_id')::integer;
  IF NOT jf.may_be_assigned(p->>'assignee_id', v_org.id) THEN
    RETURN jsonb_build_object('bad_assignee', true);
  END IF;
  SELECT code INTO v_county FROM jf.org_units WHERE id = v_org.county_id;

  INSERT INTO jf.matters (number, kind, category, source, title, narrative, org_id, county_id,
                          township_id, village_id, place_org_id, address, lat, lng,
                          occurred_on, risk_violence, risk_group_size, risk_minors,
                          risk_elderly, assignee_id, party_names, registered_level,
                          registered_org_id, created_by, event_seq, idempotency_key,
                          next_deadline_at)
  VALUES (jf.next_matter_number(coalesce(v_county, '220400'),
                                extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::integer),
          p->>'kind', p->>'category', p->>'source', p->>'title', p->>'narrative', v_org.id,
          v_org.county_id, v_org.township_id, v_org.village_id,
          (p->>'place_org_id')::integer, p->>'address', (p->>'lat')::double precision,
          (p->>'lng')::double precision, (p->>'occurred_on')::date,
          coalesce((p->>'risk_violence')::boolean, false),
          coalesce((p->>'risk_group_size')::integer, 0),
          coalesce((p->>'risk_minors')::boolean, false),
          coalesce((p->>'risk_elderly')::boolean, false),
          (p->>'assignee_id')::integer,
          (SELECT coalesce(string_agg(e->>'name', ' '), '') FROM jsonb_array_elements(p->'parties') e),
          v_org.level, v_org.id, v_actor, 1, v_key, (p->>'due_at')::timestamptz)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id INTO v_id;

  IF v_id IS NULL THEN
    -- A concurrent retry with the same key committed first: answer with its matter.
    SELECT id, created_by INTO v_id, v_created_by FROM jf.matters WHERE idempotency_key = v_key;
    IF v_created_by <> v_actor THEN
      RAISE EXCEPTION 'idempotency key used by another account' USING ERRCODE = 'JF409';
    END IF;
    RETURN jsonb_build_object('replay', true, 'matter', jf.matter_json(v_id));
  END IF;

  INSERT INTO jf.parties (matter_id, position, role, name, organisation, address,
                          id_number_enc, id_number_hmac, id_number_masked, birth_date, sex,
                          phone_enc, phone_hmac, phone_masked)
  SELECT v_id, (n - 1)::smallint, e->>'role', e->>'name', e->>'organisation', e->>'address',
         decode(e->>'id_number_enc', 'base64'), decode(e->>'id_number_hmac', 'base64'),
         e->>'id_number_masked', (e->>'birth_date')::date, e->>'sex',
         decode(e->>'phone_enc', 'base64'), decode(e->>'phone_hmac', 'base64'),
         e->>'phone_masked'
  FROM jsonb_array_elements(p->'parties') WITH ORDINALITY AS t(e, n);

  INSERT INTO jf.events (matter_id, seq, kind, actor_id, actor_role, org_id, data)
  VALUES (v_id, 1, 'registered', v_actor, p->>'actor_role', v_org.id,
          jsonb_build_object('source', p->>'source', 'kind', p->>'kind',
                             'category', p->>'category', 'title', p->>'title'));

  IF p ? 'due_at' THEN
    INSERT INTO jf.deadlines (matter_id, stage, rule_id, started_at, due_at, warn_at)
    VALUES (v_id, 'acceptance', (p->>'rule_id')::integer, now(), (p->>'due_at')::timestamptz,
            (p->>'warn_at')::timestamptz);
  END IF;

  PERFORM jf.stream_push('matter.created', v_id, v_org.id, NULL, NULL,
                         jsonb_build_object('id', v_id, 'title', p->>'title'));
  RETURN jsonb_build_object('replay', false, 'matter', jf.matter_json(v_id));
END
$$;

-- Appends an event to a matter whose row the caller has just updated (and so locked),
-- with the sequence number that update returned.
CREATE FUNCTION jf.append_event(p_matter_id bigint, p_seq integer, p_kind text,
                                p_actor_id integer, p_role text, p_org_id integer,
                                p_data jsonb) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO jf.events (matter_id, seq, kind, actor_id, actor_role, org_id, data)
  VALUES (p_matter_id, p_seq, p_kind, p_actor_id, p_role, p_org_id, p_data)
$$;

-- A move of the lifecycle, already judged by jiefend with common/jf-lifecycle.c against
-- the version it read. The version check makes the judgement hold: if anyone changed the
-- matter since, nothing is written and the current document comes back as a conflict.
CREATE FUNCTION jf.apply_move(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := (p->>'matter_id')::bigint;
  v_move text := p->>'move';
  v_fields jsonb := coalesce(p->'fields', '{}');
  v_before jf.matters;
  v_after jf.matters;
  v_owner jf.org_units;
  v_actor integer := (p->>'actor_id')::integer;
BEGIN
  SELECT * INTO v_before FROM jf.matters WHERE id = v_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF v_before.version <> (p->>'version')::integer
     OR v_before.status <> p->>'from' THEN
    RETURN jsonb_build_object('conflict', true, 'matter', jf.matter_json(v_id));
  END IF;
  SELECT * INTO v_owner FROM jf.org_units WHERE id = v_before.org_id;

  UPDATE jf.matters SET
    status = coalesce(p->>'to', status),
    version = version + 1,
    event_seq = event_seq + 1,
    updated_at = now(),
    outcome = CASE WHEN v_move IN ('resolve', 'resolve_on_spot') THEN v_fields->>'outcome'
                   ELSE outcome END,
    resolved_at = CASE WHEN v_move IN ('resolve', 'resolve_on_spot') THEN now()
                       ELSE resolved_at END,
    resolved_level = CASE WHEN v_move IN ('resolve', 'resolve_on_spot') THEN v_owner.level
                          ELSE resolved_level END,
    resolved_org_id = CASE WHEN v_move IN ('resolve', 'resolve_on_spot') THEN v_owner.id
                           ELSE resolved_org_id END,
    closed_at = CASE WHEN v_move = 'close' THEN now() ELSE closed_at END,
    not_accepted_reason = CASE WHEN v_move = 'not_accept' THEN v_fields->>'reason'
                               ELSE not_accepted_reason END,
    redirect_to = CASE WHEN v_move = 'not_accept' THEN v_fields->>'redirect_to'
                       ELSE redirect_to END,
    next_deadline_at = CASE WHEN p ? 'due_at' THEN (p->>'due_at')::timestamptz
                            WHEN p->>'to' IN ('closed', 'withdrawn', 'not_accepted') THEN NULL
                            ELSE next_deadline_at END
  WHERE id = v_id
  RETURNING * INTO v_after;

  PERFORM jf.append_event(v_id, v_after.event_seq, 'move.' || v_move, v_actor,
                          p->>'actor_role', (p->>'actor_org_id')::integer,
                          jsonb_strip_nulls(jsonb_build_object(
                            'from', v_before.status, 'to', v_after.status,
                            'note', p->>'note', 'fields', v_fields)));

  -- The clock of the stage just left stops; the next stage's starts. Clocks of a
  -- workflow's own record (subject 'petition:7', 'whistle_target:3') are that workflow's.
  UPDATE jf.deadlines SET state = 'met', met_at = now()
  WHERE matter_id = v_id AND state IN ('running', 'paused') AND subject = ''
    AND (p->>'to' IS NOT NULL AND p->>'to' <> v_before.status);
  IF p ? 'due_at' THEN
    INSERT INTO jf.deadlines (matter_id, stage, rule_id, started_at, due_at, warn_at)
    VALUES (v_id, p->>'stage', (p->>'rule_id')::integer, now(), (p->>'due_at')::timestamptz,
            (p->>'warn_at')::timestamptz);
  END IF;
  IF v_move IN ('resolve', 'resolve_on_spot') THEN
    INSERT INTO jf.followups (matter_id, due_at)
    VALUES (v_id, coalesce((p->>'followup_due_at')::timestamptz, now() + interval '7 days'));
  END IF;

  PERFORM jf.stream_push('matter.changed', v_id, v_after.org_id, NULL, NULL,
                         jsonb_build_object('id', v_id, 'move', v_move,
                                            'status', v_after.status,
                                            'version', v_after.version));
  RETURN jsonb_build_object('matter', jf.matter_json(v_id));
END
$$;

-- Whole ID and phone numbers, sealed, for jiefend to open; the view is itself an event on
-- the matter's timeline, written before anything is shown (DOMAIN.md §7).
CREATE FUNCTION jf.reveal_parties(p_matter_id bigint, p_actor_id integer, p_role text,
                                  p_org_id integer) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_seq integer;
BEGIN
  UPDATE jf.matters SET event_seq = event_seq + 1 WHERE id = p_matter_id
  RETURNING event_seq INTO v_seq;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  PERFORM jf.append_event(p_matter_id, v_seq, 'personal_data.viewed', p_actor_id, p_role,
                          p_org_id, jsonb_build_object('what', 'id_numbers_and_phones'));
  RETURN coalesce((SELECT jsonb_agg(jsonb_build_object(
                     'id', id, 'id_number', encode(id_number_enc, 'base64'),
                     'phone', encode(phone_enc, 'base64')) ORDER BY position)
                   FROM jf.parties WHERE matter_id = p_matter_id), '[]');
END
$$;

-- Editable fields of a matter, under the same version rule as moves. @p->'changes' holds
-- only the fields to change; the event records each one's value before and after.
CREATE FUNCTION jf.edit_matter(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := (p->>'matter_id')::bigint;
  c jsonb := p->'changes';
  v_before jf.matters;
  v_after jf.matters;
  v_old jsonb;
  v_new jsonb;
BEGIN
  SELECT * INTO v_before FROM jf.matters WHERE id = v_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF v_before.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'matter', jf.matter_json(v_id));
  END IF;
  IF NOT jf.may_be_assigned(c->>'assignee_id', v_before.org_id) THEN
    RETURN jsonb_build_object('bad_assignee', true);
  END IF;
  UPDATE jf.matters SET
    title = CASE WHEN c ? 'title' THEN c->>'title' ELSE title END,
    narrative = CASE WHEN c ? 'narrative' THEN c->>'narrative' ELSE narrative END,
    category = CASE WHEN c ? 'category' THEN c->>'category' ELSE category END,
    address = CASE WHEN c ? 'address' THEN c->>'address' ELSE address END,
    lat = CASE WHEN c ? 'lat' THEN (c->>'lat')::double precision ELSE lat END,
    lng = CASE WHEN c ? 'lng' THEN (c->>'lng')::double precision ELSE lng END,
    occurred_on = CASE WHEN c ? 'occurred_on' THEN (c->>'occurred_on')::date ELSE occurred_on END,
    risk_violence = CASE WHEN c ? 'risk_violence' THEN (c->>'risk_violence')::boolean
                         ELSE risk_violence END,
    risk_group_size = CASE WHEN c ? 'risk_group_size' THEN (c->>'risk_group_size')::integer
                           ELSE risk_group_size END,
    risk_minors = CASE WHEN c ? 'risk_minors' THEN (c->>'risk_minors')::boolean
                       ELSE risk_minors END,
    risk_elderly = CASE WHEN c ? 'risk_elderly' THEN (c->>'risk_elderly')::boolean
                        ELSE risk_elderly END,
    assignee_id = CASE WHEN c ? 'assignee_id' THEN (c->>'assignee_id')::integer
                       ELSE assignee_id END,
    version = version + 1,
    event_seq = event_seq + 1,
    updated_at = now()
  WHERE id = v_id
  RETURNING * INTO v_after;

  SELECT jsonb_object_agg(k, to_jsonb(v_before) -> k), jsonb_object_agg(k, to_jsonb(v_after) -> k)
  INTO v_old, v_new
  FROM jsonb_object_keys(c) AS k;
  PERFORM jf.append_event(v_id, v_after.event_seq,
                          CASE WHEN c ? 'assignee_id' AND (SELECT count(*) FROM jsonb_object_keys(c)) = 1
                               THEN 'assigned' ELSE 'edited' END,
                          (p->>'actor_id')::integer, p->>'actor_role',
                          (p->>'actor_org_id')::integer,
                          jsonb_strip_nulls(jsonb_build_object('before', v_old, 'after', v_new,
                                                               'note', p->>'note')));
  PERFORM jf.stream_push('matter.changed', v_id, v_after.org_id, NULL,
                         (c->>'assignee_id')::integer,
                         jsonb_build_object('id', v_id, 'version', v_after.version));
  RETURN jsonb_build_object('matter', jf.matter_json(v_id));
END
$$;

-- The timeline, oldest first.
CREATE FUNCTION jf.matter_events_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'seq', e.seq, 'kind', e.kind, 'at', jf.ts(e.at), 'actor', jf.account_ref(e.actor_id),
           'role', e.actor_role, 'org', jf.org_json(e.org_id), 'data', e.data,
           'hash', encode(e.hash, 'hex')) ORDER BY e.seq), '[]')
  FROM jf.events e WHERE e.matter_id = p_id
$$;
