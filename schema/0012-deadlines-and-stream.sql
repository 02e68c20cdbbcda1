-- 0012: raising deadline warnings and breaches exactly once, clock pauses, administrators'
-- changes to reference data, and the live stream's catch-up.

-- What is due now. No locks here: jf.raise_deadline takes them, one deadline at a time.
CREATE FUNCTION jf.deadline_candidates(p_limit integer)
RETURNS TABLE (id bigint, what text)
LANGUAGE sql STABLE AS $$
  (SELECT d.id, 'breach' FROM jf.deadlines d
   WHERE d.state = 'running' AND d.breached_at IS NULL AND d.due_at <= now()
   ORDER BY d.due_at LIMIT p_limit)
  UNION ALL
  (SELECT d.id, 'warn' FROM jf.deadlines d
   WHERE d.state = 'running' AND d.warned_at IS NULL AND d.breached_at IS NULL
     AND d.warn_at <= now() AND d.due_at > now()
   ORDER BY d.warn_at LIMIT p_limit)
$$;

-- Raises one warning or breach, once, whichever jiefend process gets here first: the
-- matter's row is locked first (the order every move takes), then the deadline's, and the
-- mark is checked under both locks.
CREATE FUNCTION jf.raise_deadline(p_id bigint, p_what text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  m jf.matters;
  d jf.deadlines;
  v_seq integer;
  v_parent integer;
  v_kind text := CASE p_what WHEN 'breach' THEN 'deadline.breached' ELSE 'deadline.warning' END;
  v_payload jsonb;
BEGIN
  SELECT matter_id INTO v_matter_id FROM jf.deadlines WHERE id = p_id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT * INTO m FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO d FROM jf.deadlines WHERE id = p_id FOR UPDATE;
  IF d.state <> 'running' THEN
    RETURN NULL;
  END IF;
  IF p_what = 'breach' THEN
    IF d.breached_at IS NOT NULL OR d.due_at > now() THEN
      RETURN NULL;
    END IF;
    UPDATE jf.deadlines SET breached_at = now() WHERE id = p_id;
  ELSE
    IF d.warned_at IS NOT NULL OR d.breached_at IS NOT NULL OR d.warn_at > now() THEN
      RETURN NULL;
    END IF;
    UPDATE jf.deadlines SET warned_at = now() WHERE id = p_id;
  END IF;

  v_payload := jsonb_build_object('deadline', p_id, 'stage', d.stage, 'subject', d.subject,
                                  'due_at', jf.ts(d.due_at), 'number', m.number,
                                  'title', m.title);
  UPDATE jf.matters SET event_seq = event_seq + 1 WHERE id = m.id
  RETURNING event_seq INTO v_seq;
  PERFORM jf.append_event(m.id, v_seq, v_kind, NULL, NULL, NULL, v_payload);
  PERFORM jf.stream_push(v_kind, m.id, m.org_id, NULL, m.assignee_id, v_payload);

  IF p_what = 'breach' THEN
    IF d.subject LIKE 'whistle_target:%'
       AND to_regprocedure('jf.whistle_deadline_breached(bigint)') IS NOT NULL THEN
      -- A department missed its time: the whistle's own rules say who is told (督办).
      EXECUTE 'SELECT jf.whistle_deadline_breached($1)' USING p_id;
    ELSE
      -- The supervisor one level up is told (督办).
      SELECT parent_id INTO v_parent FROM jf.org_units WHERE id = m.org_id;
      PERFORM jf.stream_push('supervision', m.id, coalesce(v_parent, m.org_id), NULL, NULL,
                             v_payload || jsonb_build_object('owner', jf.org_json(m.org_id)));
    END IF;
  END IF;
  RETURN v_payload || jsonb_build_object('what', p_what);
END
$$;

-- Pausing stops a clock (a hearing, an expert appraisal); resuming moves its due and
-- warning times later by the time it stood still, as common/jf-deadline.c computes.
CREATE FUNCTION jf.pause_deadline(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  d jf.deadlines;
  m jf.matters;
  v_seq integer;
  v_pause jf.deadline_pauses;
  v_resume boolean := (p->>'resume')::boolean;
BEGIN
  SELECT * INTO d FROM jf.deadlines WHERE id = (p->>'deadline_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  SELECT * INTO m FROM jf.matters WHERE id = d.matter_id FOR UPDATE;
  SELECT * INTO d FROM jf.deadlines WHERE id = d.id FOR UPDATE;
  IF v_resume THEN
    IF d.state <> 'paused' THEN
      RETURN jsonb_build_object('refused', 'The clock is not paused');
    END IF;
    UPDATE jf.deadline_pauses SET ended_at = now()
    WHERE deadline_id = d.id AND ended_at IS NULL RETURNING * INTO v_pause;
    UPDATE jf.deadlines SET state = 'running',
      due_at = due_at + (now() - v_pause.started_at),
      warn_at = warn_at + (now() - v_pause.started_at),
      extended_by_minutes = extended_by_minutes +
        (extract(epoch FROM now() - v_pause.started_at) / 60)::integer
    WHERE id = d.id RETURNING * INTO d;
  ELSE
    IF d.state <> 'running' THEN
      RETURN jsonb_build_object('refused', 'Only a running clock can be paused');
    END IF;
    INSERT INTO jf.deadline_pauses (deadline_id, reason, note, started_at, created_by)
    VALUES (d.id, p->>'reason', coalesce(p->>'note', ''), now(), (p->>'actor_id')::integer);
    UPDATE jf.deadlines SET state = 'paused' WHERE id = d.id RETURNING * INTO d;
  END IF;
  UPDATE jf.matters SET event_seq = event_seq + 1,
    next_deadline_at = (SELECT min(due_at) FROM jf.deadlines
                        WHERE matter_id = m.id AND state = 'running')
  WHERE id = m.id RETURNING event_seq INTO v_seq;
  PERFORM jf.append_event(m.id, v_seq, CASE WHEN v_resume THEN 'deadline.resumed'
                                           ELSE 'deadline.paused' END,
                          (p->>'actor_id')::integer, p->>'actor_role',
                          (p->>'actor_org_id')::integer,
                          jsonb_strip_nulls(jsonb_build_object(
                            'deadline', d.id, 'stage', d.stage, 'reason', p->>'reason',
                            'note', p->>'note', 'due_at', jf.ts(d.due_at))));
  RETURN jsonb_build_object('deadline', jf.deadline_json(d.id), 'matter_id', m.id);
END
$$;

CREATE FUNCTION jf.deadline_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', d.id, 'matter_id', d.matter_id, 'stage', d.stage,
                            'subject', d.subject, 'state', d.state,
                            'started_at', jf.ts(d.started_at), 'due_at', jf.ts(d.due_at),
                            'warn_at', jf.ts(d.warn_at), 'warned_at', jf.ts(d.warned_at),
                            'breached_at', jf.ts(d.breached_at), 'met_at', jf.ts(d.met_at),
                            'extended_by_minutes', d.extended_by_minutes,
                            'pauses', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                'reason', p.reason, 'note', p.note,
                                'started_at', jf.ts(p.started_at), 'ended_at', jf.ts(p.ended_at))
                                ORDER BY p.id) FROM jf.deadline_pauses p
                              WHERE p.deadline_id = d.id), '[]'))
  FROM jf.deadlines d WHERE d.id = p_id
$$;

-- Reference data changed by an administrator: the change, its audit entry, and a
-- notification that makes every jiefend process reload its catalog.
CREATE FUNCTION jf.catalog_changed(p_actor integer, p_org integer, p_action text,
                                   p_target text, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM jf.audit(p_actor, 'admin', p_org, p_action, p_target, p_data);
  PERFORM pg_notify('jf_catalog', p_action);
END
$$;

-- The stream's events since @p_after, oldest first, with what scope needs.
CREATE FUNCTION jf.stream_since(p_after bigint, p_limit integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'id', e.id, 'kind', e.kind, 'at', jf.ts(e.at), 'matter_id', e.matter_id,
           'org_id', e.org_id, 'department_id', e.department_id,
           'account_id', e.account_id, 'payload', e.payload) ORDER BY e.id), '[]')
  FROM (SELECT * FROM jf.stream_events WHERE id > p_after ORDER BY id LIMIT p_limit) e
$$;

CREATE FUNCTION jf.rule_json(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', id, 'stage', stage, 'kind', kind, 'category', category,
                            'unit', unit, 'amount', amount, 'warn_minutes', warn_minutes,
                            'roll_forward', roll_forward, 'description', description,
                            'version', version)
  FROM jf.deadline_rules WHERE id = p_id
$$;

-- A deadline rule created (no id) or changed (id and version), by an administrator.
CREATE FUNCTION jf.rule_set(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  r jf.deadline_rules;
  c jsonb := p->'changes';
BEGIN
  IF p ? 'id' THEN
    SELECT * INTO r FROM jf.deadline_rules WHERE id = (p->>'id')::integer FOR UPDATE;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
    IF r.version <> (p->>'version')::integer THEN
      RETURN jsonb_build_object('conflict', true, 'rule', jf.rule_json(r.id));
    END IF;
    UPDATE jf.deadline_rules SET
      unit = coalesce(c->>'unit', unit),
      amount = coalesce((c->>'amount')::integer, amount),
      warn_minutes = coalesce((c->>'warn_minutes')::integer, warn_minutes),
      roll_forward = coalesce((c->>'roll_forward')::boolean, roll_forward),
      description = coalesce(c->>'description', description),
      version = version + 1, updated_at = now()
    WHERE id = r.id RETURNING * INTO r;
  ELSE
    INSERT INTO jf.deadline_rules (stage, kind, category, unit, amount, warn_minutes,
                                   roll_forward, description)
    VALUES (c->>'stage', c->>'kind', c->>'category', c->>'unit', (c->>'amount')::integer,
            coalesce((c->>'warn_minutes')::integer, 0),
            coalesce((c->>'roll_forward')::boolean, true), coalesce(c->>'description', ''))
    ON CONFLICT DO NOTHING
    RETURNING * INTO r;
    IF r.id IS NULL THEN
      RETURN jsonb_build_object('taken', true);
    END IF;
  END IF;
  PERFORM jf.catalog_changed((p->>'actor_id')::integer, (p->>'actor_org_id')::integer,
                             CASE WHEN p ? 'id' THEN 'rule.changed' ELSE 'rule.created' END,
                             r.stage, c);
  RETURN jsonb_build_object('rule', jf.rule_json(r.id));
END
$$;

-- A day of the holiday calendar set (off or a make-up working day) or removed.
CREATE FUNCTION jf.calendar_set(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_day date := (p->>'day')::date;
BEGIN
  IF p ? 'kind' THEN
    INSERT INTO jf.calendar_days (day, kind, name) VALUES (v_day, p->>'kind', p->>'name')
    ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
                                    updated_at = now();
  ELSE
    DELETE FROM jf.calendar_days WHERE day = v_day;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
  END IF;
  PERFORM jf.catalog_changed((p->>'actor_id')::integer, (p->>'actor_org_id')::integer,
                             CASE WHEN p ? 'kind' THEN 'calendar.set' ELSE 'calendar.removed' END,
                             v_day::text, p - 'actor_id' - 'actor_org_id');
  RETURN jsonb_build_object('day', (SELECT jsonb_build_object('day', day, 'kind', kind,
                                                              'name', name)
                                    FROM jf.calendar_days WHERE day = v_day));
END
$$;

-- A category created or changed (names, in use or not; never removed: matters keep theirs).
CREATE FUNCTION jf.category_set(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_slug text := p->>'slug';
  c jsonb := p->'changes';
BEGIN
  IF (p->>'create')::boolean THEN
    INSERT INTO jf.categories (slug, name_zh, name_en, builtin, position)
    VALUES (v_slug, c->>'name_zh', c->>'name_en', false,
            coalesce((SELECT max(position) + 1 FROM jf.categories), 100))
    ON CONFLICT (slug) DO NOTHING;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('taken', true);
    END IF;
  ELSE
    UPDATE jf.categories SET name_zh = coalesce(c->>'name_zh', name_zh),
                             name_en = coalesce(c->>'name_en', name_en),
                             active = coalesce((c->>'active')::boolean, active)
    WHERE slug = v_slug;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
  END IF;
  PERFORM jf.catalog_changed((p->>'actor_id')::integer, (p->>'actor_org_id')::integer,
                             CASE WHEN (p->>'create')::boolean THEN 'category.created'
                                  ELSE 'category.changed' END, v_slug, c);
  RETURN jsonb_build_object('category', (SELECT jsonb_build_object(
                                           'slug', slug, 'name_zh', name_zh,
                                           'name_en', name_en, 'active', active)
                                         FROM jf.categories WHERE slug = v_slug));
END
$$;
