-- 0010: whistle and report (吹哨报到), escalation and hand-down between levels, and the
-- follow-up visit (回访) (DOMAIN.md §2, §3). As in 0007, each request is one function: the
-- matter's row is locked first (the order every write takes), the change and its timeline
-- event are written in one transaction, and the answer is jsonb that jiefend checks:
-- {missing}, {conflict, matter}, {refused, field}, {invalid, field} or the documents.

-- What the department answered with, beyond 0006's columns.
ALTER TABLE jf.whistle_targets
  ADD COLUMN verify_note       text CHECK (length(verify_note) <= 2000),
  ADD COLUMN extension_minutes integer CHECK (extension_minutes BETWEEN 1 AND 43200),
  ADD COLUMN extended_by       integer REFERENCES jf.accounts,
  ADD COLUMN sent_back_at      timestamptz,
  ADD COLUMN cancelled_at      timestamptz,
  ADD CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  -- One extension per target: its time and its length go together.
  ADD CHECK ((extension_requested_at IS NULL) = (extension_minutes IS NULL));
CREATE INDEX attachments_target ON jf.attachments (target_id) WHERE target_id IS NOT NULL;
CREATE INDEX whistle_targets_whistle ON jf.whistle_targets (whistle_id);


CREATE FUNCTION jf.department_ref(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('code', code, 'name', name, 'kind', kind)
  FROM jf.departments WHERE id = p_id
$$;

-- One department's part in a whistle.
CREATE FUNCTION jf.whistle_target_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', t.id, 'whistle_id', t.whistle_id, 'version', t.version,
    'department', jf.department_ref(t.department_id), 'role', t.role, 'ask', t.ask,
    'status', t.status,
    'checkin_due_at', jf.ts(t.checkin_due_at), 'action_due_at', jf.ts(t.action_due_at),
    'overdue', jsonb_build_object('checkin', t.checkin_overdue, 'action', t.action_overdue),
    'checked_in', CASE WHEN t.checked_in_at IS NOT NULL THEN jsonb_build_object(
                    'at', jf.ts(t.checked_in_at), 'by', jf.account_ref(t.checked_in_by)) END,
    'feedback', CASE WHEN t.fed_back_at IS NOT NULL THEN jsonb_build_object(
                  'text', t.feedback, 'at', jf.ts(t.fed_back_at),
                  'by', jf.account_ref(t.fed_back_by),
                  'attachments', coalesce((SELECT jsonb_agg(a.id ORDER BY a.id)
                                           FROM jf.attachments a WHERE a.target_id = t.id),
                                          '[]')) END,
    'sent_back', CASE WHEN t.sent_back_count > 0 THEN jsonb_build_object(
                   'count', t.sent_back_count, 'note', t.sent_back_note,
                   'at', jf.ts(t.sent_back_at)) END,
    'extension', CASE WHEN t.extension_requested_at IS NOT NULL THEN jsonb_build_object(
                   'reason', t.extension_reason, 'minutes', t.extension_minutes,
                   'at', jf.ts(t.extension_requested_at), 'by', jf.account_ref(t.extended_by)) END,
    'verified', CASE WHEN t.verified_at IS NOT NULL THEN jsonb_build_object(
                  'at', jf.ts(t.verified_at), 'by', jf.account_ref(t.verified_by),
                  'rating', t.rating, 'note', t.verify_note) END,
    'cancelled_at', jf.ts(t.cancelled_at))
  FROM jf.whistle_targets t WHERE t.id = p_id
$$;

-- A target with what a department's inbox shows around it: its whistle and its matter.
CREATE FUNCTION jf.whistle_target_doc(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jf.whistle_target_json(t.id) || jsonb_build_object(
    'whistle', jsonb_build_object('id', w.id, 'status', w.status, 'urgency', w.urgency,
                                  'request', w.request, 'org', jf.org_json(w.org_id),
                                  'created_at', jf.ts(w.created_at)),
    'matter', jsonb_build_object('id', m.id, 'number', m.number, 'title', m.title,
                                 'status', m.status, 'version', m.version,
                                 'org', jf.org_json(m.org_id)))
  FROM jf.whistle_targets t JOIN jf.whistles w ON w.id = t.whistle_id
  JOIN jf.matters m ON m.id = w.matter_id
  WHERE t.id = p_id
$$;

CREATE FUNCTION jf.whistle_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', w.id, 'matter_id', w.matter_id, 'org', jf.org_json(w.org_id),
    'urgency', w.urgency, 'request', w.request, 'status', w.status,
    'created_by', jf.account_ref(w.created_by), 'created_at', jf.ts(w.created_at),
    'closed_at', jf.ts(w.closed_at),
    'targets', coalesce((SELECT jsonb_agg(jf.whistle_target_json(t.id)
                                          ORDER BY t.role = 'assist', t.id)
                         FROM jf.whistle_targets t WHERE t.whistle_id = w.id), '[]'))
  FROM jf.whistles w WHERE w.id = p_id
$$;

CREATE FUNCTION jf.matter_whistles_json(p_matter_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jf.whistle_json(w.id) ORDER BY w.id DESC), '[]')
  FROM jf.whistles w WHERE w.matter_id = p_matter_id
$$;

-- What jiefend reads before it acts on a target: the target, its whistle's centre and
-- state, and its matter's document (with the scope that admission checks).
CREATE FUNCTION jf.whistle_target_context(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('target', jf.whistle_target_json(t.id),
                            'department_id', t.department_id,
                            'whistle', jsonb_build_object('id', w.id, 'status', w.status,
                                                          'urgency', w.urgency,
                                                          'org_id', w.org_id),
                            'matter', jf.matter_json(w.matter_id))
  FROM jf.whistle_targets t JOIN jf.whistles w ON w.id = t.whistle_id
  WHERE t.id = p_id
$$;

-- A timeline event on a matter whose row the caller holds locked; also brings the
-- matter's nearest running clock up to date.
CREATE FUNCTION jf.whistle_event(p_matter_id bigint, p_kind text, p_actor jsonb,
                                 p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_seq integer;
BEGIN
  UPDATE jf.matters SET event_seq = event_seq + 1, updated_at = now(),
    next_deadline_at = (SELECT min(d.due_at) FROM jf.deadlines d
                        WHERE d.matter_id = p_matter_id AND d.state = 'running')
  WHERE id = p_matter_id RETURNING event_seq INTO v_seq;
  PERFORM jf.append_event(p_matter_id, v_seq, p_kind, (p_actor->>'actor_id')::integer,
                          p_actor->>'actor_role', (p_actor->>'actor_org_id')::integer,
                          jsonb_strip_nulls(p_data));
END
$$;

-- 督办: a department missed a deadline, and the unit one level above the whistling centre
-- is told (the city tells itself: nothing is above it).
CREATE FUNCTION jf.whistle_supervise(p_matter jf.matters, p_whistle jf.whistles,
                                     p_target jf.whistle_targets, p_stage text,
                                     p_due timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_parent integer;
BEGIN
  SELECT parent_id INTO v_parent FROM jf.org_units WHERE id = p_whistle.org_id;
  PERFORM jf.stream_push('supervision', p_matter.id, coalesce(v_parent, p_whistle.org_id),
                         NULL, NULL, jsonb_build_object(
                           'reason', 'whistle_overdue', 'stage', p_stage,
                           'due_at', jf.ts(p_due), 'whistle', p_whistle.id,
                           'target', p_target.id,
                           'department', jf.department_ref(p_target.department_id),
                           'whistle_org', jf.org_json(p_whistle.org_id),
                           'number', p_matter.number, 'title', p_matter.title));
END
$$;

-- Blowing the whistle: the matter becomes dispatched and each department gets a target
-- with its check-in and action clocks, computed by jiefend from the deadline rules.
-- @p: matter_id, version, from, urgency, request, the actor, checkin and action
-- ({due_at, warn_at, rule_id}) and targets ([{department_id, role, ask}], lead first).
CREATE FUNCTION jf.blow_whistle(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := (p->>'matter_id')::bigint;
  v_before jf.matters;
  v_after jf.matters;
  v_whistle bigint;
  v_target bigint;
  v_seq integer;
  e jsonb;
  v_departments jsonb := '[]';
BEGIN
  SELECT * INTO v_before FROM jf.matters WHERE id = v_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF v_before.version <> (p->>'version')::integer OR v_before.status <> p->>'from' THEN
    RETURN jsonb_build_object('conflict', true, 'matter', jf.matter_json(v_id));
  END IF;

  -- The clock of the stage just left stops, as jf.apply_move does.
  UPDATE jf.deadlines SET state = 'met', met_at = now()
  WHERE matter_id = v_id AND state IN ('running', 'paused');

  INSERT INTO jf.whistles (matter_id, org_id, urgency, request, created_by)
  VALUES (v_id, (p->>'actor_org_id')::integer, p->>'urgency', p->>'request',
          (p->>'actor_id')::integer)
  RETURNING id INTO v_whistle;
  FOR e IN SELECT value FROM jsonb_array_elements(p->'targets') LOOP
    INSERT INTO jf.whistle_targets (whistle_id, department_id, role, ask, checkin_due_at,
                                    action_due_at)
    VALUES (v_whistle, (e->>'department_id')::integer, e->>'role', e->>'ask',
            (p#>>'{checkin,due_at}')::timestamptz, (p#>>'{action,due_at}')::timestamptz)
    RETURNING id INTO v_target;
    INSERT INTO jf.deadlines (matter_id, stage, subject, rule_id, started_at, due_at, warn_at)
    VALUES (v_id, 'whistle_checkin', 'whistle_target:' || v_target,
            (p#>>'{checkin,rule_id}')::integer, now(), (p#>>'{checkin,due_at}')::timestamptz,
            (p#>>'{checkin,warn_at}')::timestamptz),
           (v_id, 'whistle_action', 'whistle_target:' || v_target,
            (p#>>'{action,rule_id}')::integer, now(), (p#>>'{action,due_at}')::timestamptz,
            (p#>>'{action,warn_at}')::timestamptz);
    v_departments := v_departments || jsonb_build_object(
      'target', v_target, 'role', e->>'role', 'ask', e->>'ask',
      'department', jf.department_ref((e->>'department_id')::integer));
    PERFORM jf.stream_push('whistle.received', v_id, NULL, (e->>'department_id')::integer, NULL,
                           jsonb_build_object('id', v_id, 'number', v_before.number,
                                              'title', v_before.title, 'whistle', v_whistle,
                                              'target', v_target, 'urgency', p->>'urgency',
                                              'checkin_due_at',
                                              jf.ts((p#>>'{checkin,due_at}')::timestamptz)));
  END LOOP;

  UPDATE jf.matters SET status = 'dispatched', version = version + 1,
    event_seq = event_seq + 1, updated_at = now(),
    next_deadline_at = (SELECT min(d.due_at) FROM jf.deadlines d
                        WHERE d.matter_id = v_id AND d.state = 'running')
  WHERE id = v_id RETURNING * INTO v_after;
  PERFORM jf.append_event(v_id, v_after.event_seq, 'move.whistle', (p->>'actor_id')::integer,
                          p->>'actor_role', (p->>'actor_org_id')::integer,
                          jsonb_build_object(
                            'from', v_before.status, 'to', v_after.status,
                            'whistle', v_whistle, 'urgency', p->>'urgency',
                            'request', p->>'request', 'departments', v_departments,
                            'checkin_due_at', jf.ts((p#>>'{checkin,due_at}')::timestamptz),
                            'action_due_at', jf.ts((p#>>'{action,due_at}')::timestamptz)));
  PERFORM jf.stream_push('matter.changed', v_id, v_after.org_id, NULL, NULL,
                         jsonb_build_object('id', v_id, 'move', 'whistle',
                                            'status', v_after.status,
                                            'version', v_after.version));
  RETURN jsonb_build_object('whistle', jf.whistle_json(v_whistle),
                            'matter', jf.matter_json(v_id));
END
$$;

-- Cancels the open whistle of a matter: its targets not yet verified, and their clocks.
-- No timeline event of its own: the move that took the matter out of "dispatched"
-- (recall_whistle, withdraw) is the event. Returns how many targets were cancelled.
CREATE FUNCTION jf.whistle_cancel_open(p_matter_id bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  w jf.whistles;
  t jf.whistle_targets;
  v_count integer := 0;
BEGIN
  FOR w IN SELECT * FROM jf.whistles WHERE matter_id = p_matter_id AND status = 'open'
           FOR UPDATE LOOP
    FOR t IN UPDATE jf.whistle_targets
             SET status = 'cancelled', cancelled_at = now(), version = version + 1
             WHERE whistle_id = w.id AND status NOT IN ('verified', 'cancelled')
             RETURNING * LOOP
      UPDATE jf.deadlines SET state = 'cancelled'
      WHERE matter_id = p_matter_id AND subject = 'whistle_target:' || t.id
        AND state IN ('running', 'paused');
      PERFORM jf.stream_push('matter.changed', p_matter_id, NULL, t.department_id, NULL,
                             jsonb_build_object('id', p_matter_id, 'whistle', w.id,
                                                'target', t.id, 'status', 'cancelled'));
      v_count := v_count + 1;
    END LOOP;
    UPDATE jf.whistles SET status = 'recalled', closed_at = now() WHERE id = w.id;
  END LOOP;
  RETURN v_count;
END
$$;

-- "An open whistle exists only while its matter is dispatched": whatever move takes a
-- matter out of dispatched (recall_whistle and withdraw through jf.apply_move) cancels
-- the departments' remaining work in the same statement, before that move stops the
-- matter's other clocks.
CREATE FUNCTION jf.matters_left_dispatched() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM jf.whistle_cancel_open(NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER matters_left_dispatched AFTER UPDATE OF status ON jf.matters
  FOR EACH ROW WHEN (OLD.status = 'dispatched' AND NEW.status <> 'dispatched')
  EXECUTE FUNCTION jf.matters_left_dispatched();

-- A department's step on its target. @p: target_id, step (check_in, feedback, extension,
-- verify, send_back), the actor, and the step's own members:
--   check_in: note;  feedback: text, attachments (ids);  extension: reason, minutes;
--   verify: rating, note;  send_back: note, action ({due_at, warn_at, rule_id}, a fresh
--   clock computed by jiefend).
-- Who may take the step was judged by jiefend on what it read; the state is judged here,
-- under the locks, so two clicks cannot both check in.
CREATE FUNCTION jf.whistle_step(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_step text := p->>'step';
  v_matter_id bigint;
  m jf.matters;
  w jf.whistles;
  t jf.whistle_targets;
  v_late boolean := false;
  v_minutes integer;
  v_due timestamptz;
  v_attachments bigint[] := '{}';
  v_attachment jf.attachments;
  v_open integer;
  v_data jsonb;
  v_department jsonb;
BEGIN
  SELECT wh.matter_id INTO v_matter_id
  FROM jf.whistle_targets wt JOIN jf.whistles wh ON wh.id = wt.whistle_id
  WHERE wt.id = (p->>'target_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  SELECT * INTO m FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO t FROM jf.whistle_targets WHERE id = (p->>'target_id')::bigint FOR UPDATE;
  SELECT * INTO w FROM jf.whistles WHERE id = t.whistle_id;
  v_department := jf.department_ref(t.department_id);

  IF w.status <> 'open' OR m.status <> 'dispatched' THEN
    RETURN jsonb_build_object('refused', format('The whistle is %s: nothing more is done on it',
                                                w.status));
  END IF;
  IF (v_step = 'check_in' AND t.status <> 'pending') OR
     (v_step = 'feedback' AND t.status <> 'checked_in') OR
     (v_step = 'extension' AND t.status NOT IN ('pending', 'checked_in')) OR
     (v_step IN ('verify', 'send_back') AND t.status <> 'fed_back') THEN
    RETURN jsonb_build_object('refused', CASE v_step
      WHEN 'check_in' THEN 'This department has already checked in'
      WHEN 'feedback' THEN CASE t.status WHEN 'pending' THEN 'Check in before feeding back'
                                         ELSE 'The feedback is already given' END
      WHEN 'extension' THEN 'Only work not yet fed back can be given more time'
      ELSE 'Only feedback that is waiting for verification can be verified or sent back' END);
  END IF;

  IF v_step = 'check_in' THEN
    v_late := now() > t.checkin_due_at;
    UPDATE jf.whistle_targets SET status = 'checked_in', checked_in_at = now(),
      checked_in_by = (p->>'actor_id')::integer, checkin_overdue = checkin_overdue OR v_late,
      version = version + 1
    WHERE id = t.id;
    UPDATE jf.deadlines SET state = 'met', met_at = now(),
      breached_at = CASE WHEN v_late THEN coalesce(breached_at, now())
                       ELSE breached_at END
    WHERE matter_id = m.id AND subject = 'whistle_target:' || t.id
      AND stage LIKE 'whistle_checkin%' AND state IN ('running', 'paused');
    v_data := jsonb_build_object('due_at', jf.ts(t.checkin_due_at), 'overdue', v_late,
                                 'note', p->>'note');
    IF v_late AND NOT t.checkin_overdue THEN
      PERFORM jf.whistle_supervise(m, w, t, 'whistle_checkin', t.checkin_due_at);
    END IF;

  ELSIF v_step = 'feedback' THEN
    FOR i IN 0 .. coalesce(jsonb_array_length(p->'attachments'), 0) - 1 LOOP
      SELECT * INTO v_attachment FROM jf.attachments
      WHERE id = (p->'attachments'->>i)::bigint FOR UPDATE;
      IF NOT FOUND OR v_attachment.matter_id <> m.id
         OR coalesce(v_attachment.target_id, t.id) <> t.id THEN
        RETURN jsonb_build_object('invalid', 'Attach files already uploaded to this matter '
                                             'and not part of another department''s feedback',
                                  'field', format('attachments[%s]', i));
      END IF;
      v_attachments := v_attachments || v_attachment.id;
    END LOOP;
    v_late := now() > t.action_due_at;
    UPDATE jf.attachments SET target_id = t.id WHERE id = ANY (v_attachments);
    UPDATE jf.whistle_targets SET status = 'fed_back', feedback = p->>'text',
      fed_back_at = now(), fed_back_by = (p->>'actor_id')::integer,
      action_overdue = action_overdue OR v_late, version = version + 1
    WHERE id = t.id;
    UPDATE jf.deadlines SET state = 'met', met_at = now(),
      breached_at = CASE WHEN v_late THEN coalesce(breached_at, now())
                       ELSE breached_at END
    WHERE matter_id = m.id AND subject = 'whistle_target:' || t.id
      AND stage LIKE 'whistle_action%' AND state IN ('running', 'paused');
    v_data := jsonb_build_object('text', p->>'text', 'attachments', to_jsonb(v_attachments),
                                 'due_at', jf.ts(t.action_due_at), 'overdue', v_late);
    IF v_late AND NOT t.action_overdue THEN
      PERFORM jf.whistle_supervise(m, w, t, 'whistle_action', t.action_due_at);
    END IF;

  ELSIF v_step = 'extension' THEN
    IF t.extension_requested_at IS NOT NULL THEN
      RETURN jsonb_build_object('refused', 'A department extends its time only once');
    END IF;
    IF now() > t.action_due_at THEN
      RETURN jsonb_build_object('refused', 'The time to act has already run out: ask before '
                                           'it does');
    END IF;
    v_minutes := (p->>'minutes')::integer;
    v_due := t.action_due_at + make_interval(mins => v_minutes);
    UPDATE jf.whistle_targets SET action_due_at = v_due, extension_reason = p->>'reason',
      extension_requested_at = now(), extension_minutes = v_minutes,
      extended_by = (p->>'actor_id')::integer, version = version + 1
    WHERE id = t.id;
    -- A warning already given is given again before the new time runs out.
    UPDATE jf.deadlines SET due_at = due_at + make_interval(mins => v_minutes),
      warn_at = warn_at + make_interval(mins => v_minutes), warned_at = NULL,
      extended_by_minutes = extended_by_minutes + v_minutes
    WHERE matter_id = m.id AND subject = 'whistle_target:' || t.id
      AND stage LIKE 'whistle_action%' AND state IN ('running', 'paused');
    v_data := jsonb_build_object('reason', p->>'reason', 'minutes', v_minutes,
                                 'before', jf.ts(t.action_due_at), 'after', jf.ts(v_due));

  ELSIF v_step = 'verify' THEN
    UPDATE jf.whistle_targets SET status = 'verified', verified_at = now(),
      verified_by = (p->>'actor_id')::integer, rating = (p->>'rating')::smallint,
      verify_note = p->>'note', version = version + 1
    WHERE id = t.id;
    v_data := jsonb_build_object('rating', (p->>'rating')::integer, 'note', p->>'note');

  ELSIF v_step = 'send_back' THEN
    -- More work gets a fresh clock, never a shorter one than the department had.
    v_due := greatest(t.action_due_at, (p#>>'{action,due_at}')::timestamptz);
    UPDATE jf.whistle_targets SET status = 'checked_in', sent_back_count = sent_back_count + 1,
      sent_back_note = p->>'note', sent_back_at = now(), action_due_at = v_due,
      version = version + 1
    WHERE id = t.id;
    INSERT INTO jf.deadlines (matter_id, stage, subject, rule_id, started_at, due_at, warn_at)
    VALUES (m.id, 'whistle_action', 'whistle_target:' || t.id,
            (p#>>'{action,rule_id}')::integer, now(), v_due,
            CASE WHEN v_due = (p#>>'{action,due_at}')::timestamptz
                 THEN (p#>>'{action,warn_at}')::timestamptz END);
    v_data := jsonb_build_object('note', p->>'note', 'action_due_at', jf.ts(v_due),
                                 'count', t.sent_back_count + 1);
    PERFORM jf.stream_push('whistle.received', m.id, NULL, t.department_id, NULL,
                           jsonb_build_object('id', m.id, 'number', m.number,
                                              'title', m.title, 'whistle', w.id,
                                              'target', t.id, 'sent_back', true,
                                              'note', p->>'note'));
  ELSE
    RAISE EXCEPTION 'unknown whistle step %', v_step USING ERRCODE = '22023';
  END IF;

  PERFORM jf.whistle_event(m.id, CASE v_step WHEN 'check_in' THEN 'whistle.checked_in'
                                             WHEN 'feedback' THEN 'whistle.fed_back'
                                             WHEN 'extension' THEN 'whistle.extended'
                                             WHEN 'verify' THEN 'whistle.verified'
                                             ELSE 'whistle.sent_back' END,
                           p, v_data || jsonb_build_object('whistle', w.id, 'target', t.id,
                                                           'department', v_department));

  -- "Stay until done": the whistle is done when the last department is verified, and the
  -- matter's version moves, since its facts (and so its moves) have changed.
  IF v_step = 'verify' THEN
    SELECT count(*) INTO v_open FROM jf.whistle_targets
    WHERE whistle_id = w.id AND status NOT IN ('verified', 'cancelled');
    IF v_open = 0 THEN
      UPDATE jf.whistles SET status = 'done', closed_at = now() WHERE id = w.id;
      UPDATE jf.matters SET version = version + 1 WHERE id = m.id;
      PERFORM jf.whistle_event(m.id, 'whistle.done', p, jsonb_build_object(
        'whistle', w.id,
        'ratings', (SELECT jsonb_agg(jsonb_build_object(
                      'department', jf.department_ref(x.department_id), 'rating', x.rating)
                      ORDER BY x.id)
                    FROM jf.whistle_targets x WHERE x.whistle_id = w.id
                      AND x.status = 'verified')));
    END IF;
    PERFORM jf.stream_push('matter.changed', m.id, NULL, t.department_id, NULL,
                           jsonb_build_object('id', m.id, 'whistle', w.id, 'target', t.id,
                                              'status', 'verified'));
  END IF;

  SELECT * INTO m FROM jf.matters WHERE id = m.id;
  PERFORM jf.stream_push('matter.changed', m.id, m.org_id, NULL, NULL,
                         jsonb_build_object('id', m.id, 'whistle', w.id, 'target', t.id,
                                            'step', v_step, 'version', m.version));
  RETURN jsonb_build_object('target', jf.whistle_target_doc(t.id));
END
$$;

-- Called by the deadline scheduler (jf.raise_deadline, 0012) once for each breached
-- clock of a whistle target: flags the target overdue, writes the timeline event and
-- tells the supervisor one level up (督办). Does nothing, and returns NULL, for a clock
-- that is not a running whistle clock past its time, or for a miss already flagged (a
-- late check-in or feedback flags its own miss), so a second call changes nothing.
CREATE FUNCTION jf.whistle_deadline_breached(p_deadline_id bigint) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  d jf.deadlines;
  m jf.matters;
  w jf.whistles;
  t jf.whistle_targets;
  v_checkin boolean;
  v_payload jsonb;
BEGIN
  SELECT * INTO d FROM jf.deadlines WHERE id = p_deadline_id;
  IF NOT FOUND OR d.subject !~ '^whistle_target:[0-9]{1,18}$'
     OR d.stage !~ '^whistle_(checkin|action)' THEN
    RETURN NULL;
  END IF;
  v_checkin := d.stage LIKE 'whistle_checkin%';
  SELECT * INTO m FROM jf.matters WHERE id = d.matter_id FOR UPDATE;
  SELECT * INTO d FROM jf.deadlines WHERE id = p_deadline_id FOR UPDATE;
  SELECT * INTO t FROM jf.whistle_targets
  WHERE id = substr(d.subject, length('whistle_target:') + 1)::bigint FOR UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT * INTO w FROM jf.whistles WHERE id = t.whistle_id;
  IF w.matter_id <> m.id OR d.state <> 'running' OR d.due_at > now()
     OR t.status IN ('verified', 'cancelled')
     OR (v_checkin AND (t.checkin_overdue OR t.status <> 'pending'))
     OR (NOT v_checkin AND (t.action_overdue OR t.status = 'fed_back')) THEN
    RETURN NULL;
  END IF;

  UPDATE jf.deadlines SET breached_at = coalesce(breached_at, now()) WHERE id = d.id;
  UPDATE jf.whistle_targets SET checkin_overdue = checkin_overdue OR v_checkin,
    action_overdue = action_overdue OR NOT v_checkin, version = version + 1
  WHERE id = t.id;
  v_payload := jsonb_build_object(
    'whistle', w.id, 'target', t.id, 'department', jf.department_ref(t.department_id),
    'stage', CASE WHEN v_checkin THEN 'whistle_checkin' ELSE 'whistle_action' END,
    'deadline', d.id, 'due_at', jf.ts(d.due_at));
  PERFORM jf.whistle_event(m.id, 'whistle.overdue', '{}', v_payload);
  PERFORM jf.whistle_supervise(m, w, t, v_payload->>'stage', d.due_at);
  -- The department hears of its own miss too.
  PERFORM jf.stream_push('deadline.breached', m.id, NULL, t.department_id, NULL,
                         v_payload || jsonb_build_object('number', m.number, 'title', m.title));
  RETURN v_payload;
END
$$;

-- A department's inbox, open work first: what still needs the department (pending,
-- checked in) by the nearest time it owes, then feedback waiting for verification, then
-- finished work, newest first. Pages are keyset on (rank, key, id), written "r:k:i".
CREATE FUNCTION jf.whistle_inbox(p_department integer, p_status text, p_after text,
                                 p_limit integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  WITH sorted AS (
    SELECT t.id,
           CASE WHEN t.status IN ('pending', 'checked_in') THEN 0
                WHEN t.status = 'fed_back' THEN 1 ELSE 2 END AS rank,
           CASE WHEN t.status = 'pending'
                THEN (extract(epoch FROM t.checkin_due_at) * 1000000)::bigint
                WHEN t.status IN ('checked_in', 'fed_back')
                THEN (extract(epoch FROM t.action_due_at) * 1000000)::bigint
                ELSE -t.id END AS key
    FROM jf.whistle_targets t
    WHERE t.department_id = p_department AND (p_status IS NULL OR t.status = p_status)
  ), page AS (
    SELECT * FROM sorted
    WHERE p_after IS NULL
       OR (rank, key, id) > (split_part(p_after, ':', 1)::integer,
                             split_part(p_after, ':', 2)::bigint,
                             split_part(p_after, ':', 3)::bigint)
    ORDER BY rank, key, id LIMIT p_limit
  )
  SELECT jsonb_build_object(
    'items', coalesce(jsonb_agg(jf.whistle_target_doc(page.id)
                                ORDER BY page.rank, page.key, page.id), '[]'),
    'next', CASE WHEN count(*) = p_limit THEN
              (SELECT l.rank || ':' || l.key || ':' || l.id FROM page l
               ORDER BY l.rank DESC, l.key DESC, l.id DESC LIMIT 1) END)
  FROM page
$$;

-- Escalation (to the owning unit's parent) and hand-down (to a unit below it): the
-- owner and its ancestor columns move, the assignee is cleared (the new centre assigns
-- its own), and both centres hear of it. @p: matter_id, version, move, to_org_id, reason
-- and the actor; jiefend has judged the move and found the unit.
CREATE FUNCTION jf.transfer_matter(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := (p->>'matter_id')::bigint;
  v_move text := p->>'move';
  v_before jf.matters;
  v_after jf.matters;
  v_from jf.org_units;
  v_to jf.org_units;
BEGIN
  SELECT * INTO v_before FROM jf.matters WHERE id = v_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF v_before.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'matter', jf.matter_json(v_id));
  END IF;
  SELECT * INTO v_from FROM jf.org_units WHERE id = v_before.org_id;
  SELECT * INTO STRICT v_to FROM jf.org_units WHERE id = (p->>'to_org_id')::integer;
  IF (v_move = 'escalate' AND v_to.id IS DISTINCT FROM v_from.parent_id) OR
     (v_move = 'hand_down' AND (v_to.id = v_from.id OR NOT (
        v_from.level = 'city' OR v_from.id IN (v_to.county_id, v_to.township_id,
                                               v_to.village_id)))) OR
     v_move NOT IN ('escalate', 'hand_down') THEN
    RAISE EXCEPTION '% of matter % to unit % is not between its owner and a unit above or '
                    'below it', v_move, v_id, v_to.code USING ERRCODE = '22023';
  END IF;

  UPDATE jf.matters SET org_id = v_to.id, county_id = v_to.county_id,
    township_id = v_to.township_id, village_id = v_to.village_id, assignee_id = NULL,
    version = version + 1, event_seq = event_seq + 1, updated_at = now()
  WHERE id = v_id RETURNING * INTO v_after;
  PERFORM jf.append_event(v_id, v_after.event_seq, 'move.' || v_move,
                          (p->>'actor_id')::integer, p->>'actor_role',
                          (p->>'actor_org_id')::integer,
                          jsonb_strip_nulls(jsonb_build_object(
                            'from_org', jf.org_json(v_from.id), 'to_org', jf.org_json(v_to.id),
                            'reason', p->>'reason',
                            'previous_assignee', jf.account_ref(v_before.assignee_id))));
  PERFORM jf.stream_push('matter.changed', v_id, v_from.id, NULL, NULL,
                         jsonb_build_object('id', v_id, 'move', v_move, 'from', v_from.code,
                                            'to', v_to.code, 'version', v_after.version));
  PERFORM jf.stream_push('matter.changed', v_id, v_to.id, NULL, NULL,
                         jsonb_build_object('id', v_id, 'move', v_move, 'from', v_from.code,
                                            'to', v_to.code, 'version', v_after.version));
  RETURN jsonb_build_object('matter', jf.matter_json(v_id));
END
$$;

CREATE FUNCTION jf.follow_up_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', f.id, 'matter_id', f.matter_id, 'due_at', jf.ts(f.due_at),
                            'done_at', jf.ts(f.done_at), 'satisfaction', f.satisfaction,
                            'note', f.note, 'done_by', jf.account_ref(f.done_by),
                            'on_time', CASE WHEN f.done_at IS NOT NULL
                                            THEN f.done_at <= f.due_at END,
                            'created_at', jf.ts(f.created_at))
  FROM jf.followups f WHERE f.id = p_id
$$;

CREATE FUNCTION jf.matter_follow_ups_json(p_matter_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jf.follow_up_json(f.id) ORDER BY f.id), '[]')
  FROM jf.followups f WHERE f.matter_id = p_matter_id
$$;

-- The follow-up visit of a resolved matter: fills the visit that resolving scheduled (or
-- records an unscheduled one). Satisfied or basically satisfied makes closing possible
-- (jf.matter_facts); unsatisfied reopens the matter in the same transaction, through
-- jf.apply_move with @p->'reopen' (the reopen move as jiefend judged and prepared it).
CREATE FUNCTION jf.record_follow_up(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := (p->>'matter_id')::bigint;
  v_before jf.matters;
  v_after jf.matters;
  f jf.followups;
  v_reopened jsonb;
  v_seq integer;
  v_unsatisfied boolean := p->>'satisfaction' = 'unsatisfied';
BEGIN
  SELECT * INTO v_before FROM jf.matters WHERE id = v_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF v_before.version <> (p->>'version')::integer OR v_before.status <> 'resolved' THEN
    RETURN jsonb_build_object('conflict', true, 'matter', jf.matter_json(v_id));
  END IF;

  SELECT * INTO f FROM jf.followups WHERE matter_id = v_id AND done_at IS NULL
  ORDER BY id DESC LIMIT 1 FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO jf.followups (matter_id, due_at) VALUES (v_id, now()) RETURNING * INTO f;
  END IF;
  UPDATE jf.followups SET done_at = now(), satisfaction = p->>'satisfaction',
    note = p->>'note', done_by = (p->>'actor_id')::integer
  WHERE id = f.id RETURNING * INTO f;
  UPDATE jf.deadlines SET state = 'met', met_at = now()
  WHERE matter_id = v_id AND stage = 'followup' AND state IN ('running', 'paused');

  -- The version moves once per request: here, or in the reopening below.
  UPDATE jf.matters SET event_seq = event_seq + 1, updated_at = now(),
    version = CASE WHEN v_unsatisfied THEN version ELSE version + 1 END
  WHERE id = v_id RETURNING * INTO v_after;
  v_seq := v_after.event_seq;
  PERFORM jf.append_event(v_id, v_seq, 'move.follow_up', (p->>'actor_id')::integer,
                          p->>'actor_role', (p->>'actor_org_id')::integer,
                          jsonb_strip_nulls(jsonb_build_object(
                            'follow_up', f.id, 'satisfaction', f.satisfaction,
                            'note', f.note, 'due_at', jf.ts(f.due_at),
                            'on_time', f.done_at <= f.due_at)));
  IF v_unsatisfied THEN
    v_reopened := jf.apply_move(p->'reopen' || jsonb_build_object(
      'matter_id', v_id, 'version', v_after.version, 'from', 'resolved'));
    IF v_reopened ? 'conflict' OR v_reopened ? 'missing' THEN
      RAISE EXCEPTION 'reopening matter % after its follow-up failed', v_id
        USING ERRCODE = 'JF409';
    END IF;
    RETURN jsonb_build_object('follow_up', jf.follow_up_json(f.id),
                              'matter', v_reopened->'matter');
  END IF;
  PERFORM jf.stream_push('matter.changed', v_id, v_after.org_id, NULL, NULL,
                         jsonb_build_object('id', v_id, 'move', 'follow_up',
                                            'status', v_after.status,
                                            'version', v_after.version));
  RETURN jsonb_build_object('follow_up', jf.follow_up_json(f.id),
                            'matter', jf.matter_json(v_id));
END
$$;
