-- 0011: the mediation, court and petition links (DOMAIN.md §4): mediation sessions and the
-- police alert, people's mediation agreements and their signatures, referrals with the
-- pre-litigation clock, judicial confirmation, and the petition chain up to re-review.
--
-- jiefend reads a matter and the record concerned, judges the request against what it
-- read (common/jf-lifecycle.c for the matter's moves, server/jfd-engine-*.c for the rest)
-- and computes every due date with the holiday calendar. The functions below then take
-- the matter's row lock, then the record's, check that neither changed since it was read
-- (their versions), and write: the record, the timeline event, the clocks and the stream,
-- all in one transaction. They answer jsonb:
--   {"result": document}                    done
--   {"missing": true}                       no such record
--   {"conflict": true, "current": document} changed meanwhile (409)
--   {"refused"|"invalid": {"field", "message"}}  a rule that needs the database (422)

-- What jiefend writes, beyond what 0006 has.
ALTER TABLE jf.agreements
  ADD COLUMN number text UNIQUE CHECK (number ~ '^[0-9]{6}-[0-9]{4}-[0-9]{6,}-[0-9]{2,}$'),
  ADD COLUMN committee text CHECK (length(committee) BETWEEN 1 AND 100),
  ADD COLUMN performance_recorded_at timestamptz,
  ADD COLUMN performance_recorded_by integer REFERENCES jf.accounts,
  ADD CHECK ((sealed_at IS NULL) = (effective_on IS NULL)),
  ADD CHECK (performance = 'pending' OR sealed_at IS NOT NULL);

ALTER TABLE jf.judicial_confirmations
  ADD COLUMN accepted_by integer REFERENCES jf.accounts,
  ADD COLUMN approval_note text CHECK (length(approval_note) <= 2000),
  ADD COLUMN decided_by integer REFERENCES jf.accounts,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CHECK (NOT extended OR approval_note IS NOT NULL),
  ADD CHECK ((decision IS NULL) = (decided_on IS NULL));

ALTER TABLE jf.referrals
  ADD COLUMN closed_by integer REFERENCES jf.accounts,
  ADD CHECK ((status = 'open') = (closed_at IS NULL) OR status = 'done');
-- One open referral per matter: its outcome is recorded before the matter goes elsewhere.
CREATE UNIQUE INDEX referrals_one_open ON jf.referrals (matter_id) WHERE status = 'open';

ALTER TABLE jf.petitions
  ADD COLUMN petitioner_party_id bigint REFERENCES jf.parties,
  -- The facts and request as the petition officer confirmed them; facts_hmac is the keyed
  -- hash of their normalised form (server/jfd-engine-petitions.c).
  ADD COLUMN facts_statement text CHECK (length(facts_statement) BETWEEN 1 AND 500),
  ADD COLUMN received_on date,
  ADD COLUMN decided_on date,
  ADD COLUMN decision_reason text CHECK (length(decision_reason) <= 2000),
  ADD COLUMN redirect_to text CHECK (length(redirect_to) <= 200),
  ADD COLUMN reply_text text CHECK (length(reply_text) <= 10000),
  ADD COLUMN review_request_due_on date,
  ADD COLUMN review_text text CHECK (length(review_text) <= 10000),
  ADD COLUMN rereview_request_due_on date,
  ADD COLUMN rereview_text text CHECK (length(rereview_text) <= 10000),
  ADD COLUMN opened_by integer REFERENCES jf.accounts,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Matters that went to court (a lawsuit was filed after pre-litigation mediation failed),
-- for the no-litigation index (无讼社区): per village of the place where it happened.
CREATE VIEW jf.matters_to_court AS
  SELECT r.matter_id, r.id AS referral_id, r.closed_at AS filed_at, m.place_org_id,
         p.village_id, p.township_id, p.county_id
  FROM jf.referrals r
  JOIN jf.matters m ON m.id = r.matter_id
  JOIN jf.org_units p ON p.id = m.place_org_id
  WHERE r.status = 'filed_lawsuit';

-- A matter as the workflow documents name it: enough to follow its version.
CREATE FUNCTION jf.matter_ref(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', id, 'number', number, 'kind', kind, 'status', status,
                            'version', version)
  FROM jf.matters WHERE id = p_id
$$;

CREATE FUNCTION jf.member_ref(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', id, 'username', username, 'name', display_name,
                            'roles', to_jsonb(roles))
  FROM jf.accounts WHERE id = p_id
$$;

-- Appends an event to a matter whose row the caller holds locked; returns its seq.
CREATE FUNCTION jf.link_event(p_matter_id bigint, p_kind text, p jsonb, p_data jsonb)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_seq integer;
BEGIN
  UPDATE jf.matters SET event_seq = event_seq + 1, updated_at = now()
  WHERE id = p_matter_id RETURNING event_seq INTO v_seq;
  PERFORM jf.append_event(p_matter_id, v_seq, p_kind, (p->>'actor_id')::integer,
                          p->>'actor_role', (p->>'actor_org_id')::integer,
                          jsonb_strip_nulls(coalesce(p_data, '{}')));
  RETURN v_seq;
END
$$;

-- The clocks a step stops, starts and moves, as jiefend computed them:
-- {"stop": [stage, ...], "start": [{stage, rule_id, started_at, due_at, warn_at}, ...],
--  "move": [{stage, due_at}, ...]}, all about @p_subject ('petition:17', ...). Then the
-- matter's nearest running deadline, for queue sorting.
CREATE FUNCTION jf.link_clocks(p_matter_id bigint, p_subject text, c jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF c IS NOT NULL THEN
    UPDATE jf.deadlines SET state = 'met', met_at = now()
    WHERE matter_id = p_matter_id AND subject = p_subject AND state IN ('running', 'paused')
      AND stage IN (SELECT jsonb_array_elements_text(coalesce(c->'stop', '[]')));
    UPDATE jf.deadlines d SET
      warn_at = d.warn_at + ((e->>'due_at')::timestamptz - d.due_at),
      extended_by_minutes = d.extended_by_minutes +
        (extract(epoch FROM (e->>'due_at')::timestamptz - d.due_at) / 60)::integer,
      due_at = (e->>'due_at')::timestamptz,
      -- A new due time may be warned of and breached anew.
      warned_at = NULL, breached_at = NULL
    FROM jsonb_array_elements(coalesce(c->'move', '[]')) AS e
    WHERE d.matter_id = p_matter_id AND d.subject = p_subject AND d.stage = e->>'stage'
      AND d.state = 'running';
    INSERT INTO jf.deadlines (matter_id, stage, subject, rule_id, started_at, due_at, warn_at)
    SELECT p_matter_id, e->>'stage', p_subject, (e->>'rule_id')::integer,
           (e->>'started_at')::timestamptz, (e->>'due_at')::timestamptz,
           (e->>'warn_at')::timestamptz
    FROM jsonb_array_elements(coalesce(c->'start', '[]')) AS e;
  END IF;
  UPDATE jf.matters SET next_deadline_at = (SELECT min(due_at) FROM jf.deadlines
                                            WHERE matter_id = p_matter_id
                                              AND state = 'running')
  WHERE id = p_matter_id;
END
$$;

-- A move of the matter made by a workflow step (refer, accept a petition, ...): the same
-- jf.apply_move that /transitions uses, so a move means the same wherever it is made.
-- NULL when it was made; the conflict answer otherwise.
CREATE FUNCTION jf.link_move(p_move jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_answer jsonb;
BEGIN
  IF p_move IS NULL THEN
    RETURN NULL;
  END IF;
  v_answer := jf.apply_move(p_move);
  IF v_answer ? 'conflict' OR v_answer ? 'missing' THEN
    RETURN jsonb_build_object('conflict', true, 'current', (v_answer->'matter') - 'scope');
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION jf.link_changed(p_matter_id bigint, p_what text, p_id bigint) RETURNS void
LANGUAGE sql AS $$
  SELECT jf.stream_push('matter.changed', m.id, m.org_id, NULL, NULL,
                        jsonb_build_object('id', m.id, 'version', m.version, 'what', p_what,
                                           'record', p_id))
  FROM jf.matters m WHERE m.id = p_matter_id
$$;

-- ---------------------------------------------------------------------------------------
-- Mediation

-- The centre's roster: active accounts with the mediator role at the owning unit or one
-- above it; a 1+3+1 team also takes judges (court), grid leaders and police, who may also
-- work below the owning unit (the grid leader and community police of the place).
CREATE FUNCTION jf.on_roster(p_account integer, p_owner integer, p_team text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id, jf.org_units w
    WHERE a.id = p_account AND NOT a.disabled AND w.id = p_owner
      AND (('mediator' = ANY (a.roles)
            AND (o.level = 'city' OR o.id IN (w.id, w.county_id, w.township_id, w.village_id)))
           OR (p_team = 'one_three_one'
               AND a.roles && ARRAY['court', 'grid_leader', 'police']
               AND (o.level = 'city'
                    OR o.id IN (w.id, w.county_id, w.township_id, w.village_id)
                    OR CASE w.level WHEN 'county' THEN o.county_id = w.id
                                    WHEN 'township' THEN o.township_id = w.id
                                    WHEN 'village' THEN o.village_id = w.id
                                    ELSE false END))))
$$;

CREATE FUNCTION jf.mediation_session_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', s.id, 'matter', jf.matter_ref(s.matter_id), 'scheduled_at', jf.ts(s.scheduled_at),
    'room', s.room, 'team', s.team,
    'mediators', (SELECT coalesce(jsonb_agg(jf.member_ref(u.a) ORDER BY u.n), '[]')
                  FROM unnest(s.mediators) WITH ORDINALITY AS u(a, n)),
    'participants', s.participants, 'statements', s.statements, 'outcome', s.outcome,
    'held_at', jf.ts(s.held_at), 'created_by', jf.account_ref(s.created_by),
    'created_at', jf.ts(s.created_at), 'version', s.version)
  FROM jf.mediation_sessions s WHERE s.id = p_id
$$;

-- @p: matter_id, matter_version, scheduled_at, room, team, mediators (account ids),
-- participants, and the actor.
CREATE FUNCTION jf.schedule_mediation(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  m jf.matters;
  v_ids integer[] := ARRAY(SELECT jsonb_array_elements_text(p->'mediators')::integer);
  v_bad bigint;
  v_id bigint;
BEGIN
  SELECT * INTO m FROM jf.matters WHERE id = (p->>'matter_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF m.version <> (p->>'matter_version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.matter_json(m.id) - 'scope');
  END IF;
  SELECT u.n INTO v_bad FROM unnest(v_ids) WITH ORDINALITY AS u(a, n)
  WHERE NOT jf.on_roster(u.a, m.org_id, p->>'team') ORDER BY u.n LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', format('mediators[%s]', v_bad - 1),
      'message', CASE WHEN p->>'team' = 'one_three_one'
                      THEN 'Not on the centre''s roster: a 1+3+1 team takes active mediators, '
                           'judges, grid leaders and police of this centre''s line'
                      ELSE 'Not on the centre''s roster: an active account with the mediator '
                           'role at this centre or one above it' END));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM jf.accounts WHERE id = ANY (v_ids) AND 'mediator' = ANY (roles)) THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', 'mediators', 'message', 'A session is led by at least one people''s mediator'));
  END IF;
  IF p->>'team' = 'one_three_one'
     AND NOT EXISTS (SELECT 1 FROM jf.accounts WHERE id = ANY (v_ids) AND 'court' = ANY (roles)) THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', 'mediators', 'message', 'A 1+3+1 team has a judge (an account with the court role)'));
  END IF;

  INSERT INTO jf.mediation_sessions (matter_id, scheduled_at, room, team, mediators,
                                     participants, created_by)
  VALUES (m.id, (p->>'scheduled_at')::timestamptz, p->>'room', p->>'team', v_ids,
          p->'participants', (p->>'actor_id')::integer)
  RETURNING id INTO v_id;
  PERFORM jf.link_event(m.id, 'mediation.scheduled', p, jsonb_build_object(
    'session', v_id, 'scheduled_at', p->>'scheduled_at', 'room', p->>'room',
    'team', p->>'team', 'mediators', p->'mediators'));
  PERFORM jf.link_changed(m.id, 'mediation_session', v_id);
  RETURN jsonb_build_object('result', jf.mediation_session_json(v_id));
END
$$;

-- @p: session_id, version (the client's), statements, outcome, and the actor.
CREATE FUNCTION jf.record_mediation(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  s jf.mediation_sessions;
BEGIN
  SELECT matter_id INTO v_matter_id FROM jf.mediation_sessions
  WHERE id = (p->>'session_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO s FROM jf.mediation_sessions WHERE id = (p->>'session_id')::bigint FOR UPDATE;
  IF s.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.mediation_session_json(s.id));
  END IF;
  UPDATE jf.mediation_sessions SET statements = p->>'statements', outcome = p->>'outcome',
    held_at = now(), version = version + 1
  WHERE id = s.id;
  PERFORM jf.link_event(v_matter_id, 'mediation.held', p, jsonb_build_object(
    'session', s.id, 'outcome', p->>'outcome'));
  PERFORM jf.link_changed(v_matter_id, 'mediation_session', s.id);
  RETURN jsonb_build_object('result', jf.mediation_session_json(s.id));
END
$$;

-- People's Mediation Law art. 25: a dispute that may turn violent is reported to the
-- police. The police station serving the township of the place where it happened is told;
-- where none does, the county's public security bureau. @p: matter_id, matter_version,
-- note, and the actor.
CREATE FUNCTION jf.alert_police(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  m jf.matters;
  place jf.org_units;
  d jf.departments;
  v_via text := 'police_station';
  v_seq integer;
  v_payload jsonb;
BEGIN
  SELECT * INTO m FROM jf.matters WHERE id = (p->>'matter_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF m.version <> (p->>'matter_version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.matter_json(m.id) - 'scope');
  END IF;
  SELECT * INTO place FROM jf.org_units WHERE id = m.place_org_id;
  SELECT * INTO d FROM jf.departments
  WHERE kind = 'police_station' AND active AND serves_org_id = place.township_id
  ORDER BY id LIMIT 1;
  IF NOT FOUND THEN
    v_via := 'public_security';
    SELECT * INTO d FROM jf.departments
    WHERE kind = 'public_security' AND active
      AND county_id = coalesce(place.county_id, m.county_id)
    ORDER BY id LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', jsonb_build_object(
      'field', NULL, 'message', 'No police station or public security bureau on the platform '
                                'serves the place of this matter: call 110'));
  END IF;

  v_payload := jsonb_build_object(
    'id', m.id, 'number', m.number, 'title', m.title, 'note', p->>'note',
    'place', jf.org_json(m.place_org_id), 'address', m.address, 'owner', jf.org_json(m.org_id),
    'department', jsonb_build_object('code', d.code, 'name', d.name, 'kind', d.kind),
    'by', jf.account_ref((p->>'actor_id')::integer));
  v_seq := jf.link_event(m.id, 'police.alerted', p, jsonb_build_object(
    'note', p->>'note', 'via', v_via,
    'department', jsonb_build_object('code', d.code, 'name', d.name)));
  -- The station's liaisons (department) and the police working where it serves (org).
  PERFORM jf.stream_push('police.alert', m.id, coalesce(d.serves_org_id, d.county_id), d.id,
                         NULL, v_payload);
  PERFORM jf.link_changed(m.id, 'police_alert', NULL);
  RETURN jsonb_build_object('result', jsonb_build_object(
    'matter', jf.matter_ref(m.id), 'seq', v_seq, 'note', p->>'note', 'via', v_via,
    'department', jsonb_build_object('code', d.code, 'name', d.name, 'kind', d.kind),
    'at', jf.ts(now())));
END
$$;

-- ---------------------------------------------------------------------------------------
-- Agreements (人民调解协议书) and judicial confirmation (司法确认)

CREATE FUNCTION jf.judicial_confirmation_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', j.id, 'agreement_id', j.agreement_id, 'court', j.court,
    'applied_on', j.applied_on, 'accept_due_on', j.accept_due_on,
    'accepted_on', j.accepted_on, 'accepted_late', j.accepted_on > j.accept_due_on,
    'decide_due_on', j.decide_due_on, 'extended', j.extended, 'approval_note', j.approval_note,
    'decided_on', j.decided_on, 'decision', j.decision, 'refusal_reason', j.refusal_reason,
    'decided_late', j.decided_on > coalesce(j.decide_due_on, j.accept_due_on),
    'created_by', jf.account_ref(j.created_by), 'created_at', jf.ts(j.created_at),
    'version', j.version)
  FROM jf.judicial_confirmations j WHERE j.id = p_id
$$;

CREATE FUNCTION jf.agreement_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', a.id, 'matter', jf.matter_ref(a.matter_id), 'number', a.number,
    'template', a.template, 'committee', a.committee, 'session_id', a.session_id,
    'parties', (SELECT coalesce(jsonb_agg(e.party || jsonb_build_object(
                  'signed_at', (SELECT s->'signed_at' FROM jsonb_array_elements(a.signatures) s
                                WHERE s->'party_id' = e.party->'party_id' LIMIT 1))
                  ORDER BY e.n), '[]')
                FROM jsonb_array_elements(a.parties) WITH ORDINALITY AS e(party, n)),
    'facts', a.facts, 'terms', a.terms, 'performance_due', a.performance_due,
    'mediator', CASE WHEN a.mediator_id IS NOT NULL THEN
                  jf.account_ref(a.mediator_id) ||
                  jsonb_build_object('signed_at', jf.ts(a.mediator_signed_at)) END,
    'sealed_at', jf.ts(a.sealed_at), 'effective_on', a.effective_on,
    'copies', jsonb_array_length(a.parties) + 1,
    'performance', a.performance, 'performance_note', a.performance_note,
    'performance_recorded_at', jf.ts(a.performance_recorded_at),
    'judicial_confirmation', (SELECT jf.judicial_confirmation_json(j.id)
                              FROM jf.judicial_confirmations j WHERE j.agreement_id = a.id),
    'created_by', jf.account_ref(a.created_by), 'created_at', jf.ts(a.created_at),
    'version', a.version)
  FROM jf.agreements a WHERE a.id = p_id
$$;

-- @p: matter_id, matter_version, session_id, template, party_ids (in the order written),
-- facts, terms, performance_due, and the actor. The parties' names, roles, masked ID
-- numbers and addresses are copied from the matter, as they stand today.
CREATE FUNCTION jf.draft_agreement(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  m jf.matters;
  v_parties jsonb;
  v_id bigint;
  v_number text;
BEGIN
  SELECT * INTO m FROM jf.matters WHERE id = (p->>'matter_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF m.version <> (p->>'matter_version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.matter_json(m.id) - 'scope');
  END IF;
  SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'party_id', pa.id, 'role', pa.role, 'name', pa.name,
           'organisation', pa.organisation, 'address', pa.address,
           'id_number', pa.id_number_masked)) ORDER BY e.n)
  INTO v_parties
  FROM jsonb_array_elements_text(p->'party_ids') WITH ORDINALITY AS e(party_id, n)
  JOIN jf.parties pa ON pa.id = e.party_id::bigint AND pa.matter_id = m.id;
  -- The matter is locked: counting gives the next number without a race.
  SELECT format('%s-%s', m.number, lpad((count(*) + 1)::text, 2, '0')) INTO v_number
  FROM jf.agreements WHERE matter_id = m.id;

  INSERT INTO jf.agreements (matter_id, session_id, template, parties, facts, terms,
                             performance_due, number, committee, created_by)
  VALUES (m.id, (p->>'session_id')::bigint, p->>'template', v_parties, p->>'facts',
          p->>'terms', (p->>'performance_due')::date, v_number,
          (SELECT name || '人民调解委员会' FROM jf.org_units WHERE id = m.org_id),
          (p->>'actor_id')::integer)
  RETURNING id INTO v_id;
  PERFORM jf.link_event(m.id, 'agreement.drafted', p, jsonb_build_object(
    'agreement', v_id, 'number', v_number, 'session', p->'session_id',
    'performance_due', p->>'performance_due'));
  PERFORM jf.link_changed(m.id, 'agreement', v_id);
  RETURN jsonb_build_object('result', jf.agreement_json(v_id));
END
$$;

-- A signature: @p: agreement_id, version (as read), party_id or mediator (true), the
-- performance clock (sealing starts it), and the actor. When every party and the mediator
-- have signed, the committee seals it and it takes effect today (Asia/Shanghai).
CREATE FUNCTION jf.sign_agreement(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  a jf.agreements;
  v_actor integer := (p->>'actor_id')::integer;
  v_subject text;
BEGIN
  SELECT matter_id INTO v_matter_id FROM jf.agreements WHERE id = (p->>'agreement_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO a FROM jf.agreements WHERE id = (p->>'agreement_id')::bigint FOR UPDATE;
  IF a.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.agreement_json(a.id));
  END IF;
  v_subject := 'agreement:' || a.id;

  IF (p->>'mediator')::boolean THEN
    UPDATE jf.agreements SET mediator_id = v_actor, mediator_signed_at = now(),
      version = version + 1
    WHERE id = a.id RETURNING * INTO a;
  ELSE
    UPDATE jf.agreements SET signatures = signatures || jsonb_build_array(jsonb_build_object(
        'party_id', (p->>'party_id')::bigint, 'signed_at', jf.ts(now()), 'recorded_by', v_actor)),
      version = version + 1
    WHERE id = a.id RETURNING * INTO a;
  END IF;
  PERFORM jf.link_event(v_matter_id, 'agreement.signed', p, jsonb_build_object(
    'agreement', a.id, 'party', p->'party_id',
    'mediator', CASE WHEN (p->>'mediator')::boolean THEN v_actor END));

  IF a.mediator_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM jsonb_array_elements(a.parties) e
       WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(a.signatures) s
                         WHERE s->'party_id' = e->'party_id')) THEN
    UPDATE jf.agreements SET sealed_at = now(),
      effective_on = (now() AT TIME ZONE 'Asia/Shanghai')::date
    WHERE id = a.id RETURNING * INTO a;
    PERFORM jf.link_event(v_matter_id, 'agreement.sealed', p, jsonb_build_object(
      'agreement', a.id, 'number', a.number, 'effective_on', a.effective_on));
    PERFORM jf.link_clocks(v_matter_id, v_subject, p->'clocks');
  END IF;
  PERFORM jf.link_changed(v_matter_id, 'agreement', a.id);
  RETURN jsonb_build_object('result', jf.agreement_json(a.id));
END
$$;

-- @p: agreement_id, version (the client's), performance, note, and the actor.
CREATE FUNCTION jf.record_performance(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  a jf.agreements;
BEGIN
  SELECT matter_id INTO v_matter_id FROM jf.agreements WHERE id = (p->>'agreement_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO a FROM jf.agreements WHERE id = (p->>'agreement_id')::bigint FOR UPDATE;
  IF a.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.agreement_json(a.id));
  END IF;
  UPDATE jf.agreements SET performance = p->>'performance', performance_note = p->>'note',
    performance_recorded_at = now(), performance_recorded_by = (p->>'actor_id')::integer,
    version = version + 1
  WHERE id = a.id;
  PERFORM jf.link_event(v_matter_id, 'agreement.performance', p, jsonb_build_object(
    'agreement', a.id, 'performance', p->>'performance', 'note', p->>'note'));
  PERFORM jf.link_clocks(v_matter_id, 'agreement:' || a.id, p->'clocks');
  PERFORM jf.link_changed(v_matter_id, 'agreement', a.id);
  RETURN jsonb_build_object('result', jf.agreement_json(a.id));
END
$$;

-- @p: agreement_id, version (the agreement's, as read), applied_on, court, accept_due_on,
-- clocks, and the actor.
CREATE FUNCTION jf.apply_judicial_confirmation(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  a jf.agreements;
  v_id bigint;
BEGIN
  SELECT matter_id INTO v_matter_id FROM jf.agreements WHERE id = (p->>'agreement_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO a FROM jf.agreements WHERE id = (p->>'agreement_id')::bigint FOR UPDATE;
  IF a.version <> (p->>'version')::integer
     OR EXISTS (SELECT 1 FROM jf.judicial_confirmations WHERE agreement_id = a.id) THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.agreement_json(a.id));
  END IF;
  INSERT INTO jf.judicial_confirmations (agreement_id, applied_on, court, accept_due_on,
                                         created_by)
  VALUES (a.id, (p->>'applied_on')::date, p->>'court', (p->>'accept_due_on')::date,
          (p->>'actor_id')::integer)
  RETURNING id INTO v_id;
  UPDATE jf.agreements SET version = version + 1 WHERE id = a.id;
  PERFORM jf.link_event(v_matter_id, 'judicial_confirmation.applied', p, jsonb_build_object(
    'agreement', a.id, 'confirmation', v_id, 'court', p->>'court',
    'applied_on', p->>'applied_on', 'accept_due_on', p->>'accept_due_on'));
  PERFORM jf.link_clocks(v_matter_id, 'judicial_confirmation:' || v_id, p->'clocks');
  PERFORM jf.link_changed(v_matter_id, 'judicial_confirmation', v_id);
  RETURN jsonb_build_object('result', jf.judicial_confirmation_json(v_id));
END
$$;

-- The court's steps: @p: confirmation_id, version (as read), step (accept, decide,
-- extend), "set" (the columns the step writes), clocks, and the actor.
CREATE FUNCTION jf.advance_judicial_confirmation(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  j jf.judicial_confirmations;
  s jsonb := p->'set';
  v_actor integer := (p->>'actor_id')::integer;
BEGIN
  SELECT a.matter_id INTO v_matter_id
  FROM jf.judicial_confirmations c JOIN jf.agreements a ON a.id = c.agreement_id
  WHERE c.id = (p->>'confirmation_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO j FROM jf.judicial_confirmations
  WHERE id = (p->>'confirmation_id')::bigint FOR UPDATE;
  IF j.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.judicial_confirmation_json(j.id));
  END IF;
  UPDATE jf.judicial_confirmations SET
    accepted_on = CASE WHEN s ? 'accepted_on' THEN (s->>'accepted_on')::date ELSE accepted_on END,
    accepted_by = CASE WHEN s ? 'accepted_on' THEN v_actor ELSE accepted_by END,
    decide_due_on = CASE WHEN s ? 'decide_due_on' THEN (s->>'decide_due_on')::date
                         ELSE decide_due_on END,
    extended = CASE WHEN s ? 'extended' THEN (s->>'extended')::boolean ELSE extended END,
    approval_note = CASE WHEN s ? 'approval_note' THEN s->>'approval_note' ELSE approval_note END,
    decided_on = CASE WHEN s ? 'decided_on' THEN (s->>'decided_on')::date ELSE decided_on END,
    decision = CASE WHEN s ? 'decision' THEN s->>'decision' ELSE decision END,
    refusal_reason = CASE WHEN s ? 'refusal_reason' THEN s->>'refusal_reason'
                          ELSE refusal_reason END,
    decided_by = CASE WHEN s ? 'decision' THEN v_actor ELSE decided_by END,
    version = version + 1, updated_at = now()
  WHERE id = j.id;
  PERFORM jf.link_event(v_matter_id, 'judicial_confirmation.' || (p->>'step'), p,
                        s || jsonb_build_object('agreement', j.agreement_id,
                                                'confirmation', j.id));
  PERFORM jf.link_clocks(v_matter_id, 'judicial_confirmation:' || j.id, p->'clocks');
  PERFORM jf.link_changed(v_matter_id, 'judicial_confirmation', j.id);
  RETURN jsonb_build_object('result', jf.judicial_confirmation_json(j.id));
END
$$;

-- ---------------------------------------------------------------------------------------
-- Referrals (court, petition bureau, labour arbitration, police) and pre-litigation
-- mediation (诉前调解)

CREATE FUNCTION jf.referral_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', r.id, 'matter', jf.matter_ref(r.matter_id), 'kind', r.kind, 'target', r.target,
    'reason', r.reason, 'status', r.status, 'prelitigation', r.kind = 'court',
    'due_at', jf.ts(r.due_at), 'extended_days', r.extended_days, 'consent', r.consent,
    'outcome_note', r.outcome, 'created_by', jf.account_ref(r.created_by),
    'created_at', jf.ts(r.created_at), 'closed_at', jf.ts(r.closed_at),
    'closed_by', jf.account_ref(r.closed_by), 'version', r.version)
  FROM jf.referrals r WHERE r.id = p_id
$$;

-- @p: matter_id, move (jf.apply_move's parameter for "refer"), kind, target, reason,
-- clocks (the pre-litigation clock of a court referral), and the actor.
CREATE FUNCTION jf.create_referral(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint := (p->>'matter_id')::bigint;
  v_conflict jsonb;
  v_id bigint;
BEGIN
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  v_conflict := jf.link_move(p->'move');
  IF v_conflict IS NOT NULL THEN
    RETURN v_conflict;
  END IF;
  INSERT INTO jf.referrals (matter_id, kind, target, reason, due_at, created_by)
  VALUES (v_matter_id, p->>'kind', p->>'target', p->>'reason',
          (p->'clocks'->'start'->0->>'due_at')::timestamptz, (p->>'actor_id')::integer)
  RETURNING id INTO v_id;
  PERFORM jf.link_event(v_matter_id, 'referral.created', p, jsonb_build_object(
    'referral', v_id, 'kind', p->>'kind', 'target', p->>'target',
    'due_at', p->'clocks'->'start'->0->>'due_at'));
  PERFORM jf.link_clocks(v_matter_id, 'referral:' || v_id, p->'clocks');
  PERFORM jf.link_changed(v_matter_id, 'referral', v_id);
  RETURN jsonb_build_object('result', jf.referral_json(v_id));
END
$$;

-- An outcome or an extension: @p: referral_id, version, step (closed, extended), set,
-- move (when the outcome moves the matter), court_level (a lawsuit was filed: the matter
-- is resolved at the court's level, the county), clocks, and the actor.
CREATE FUNCTION jf.advance_referral(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  r jf.referrals;
  s jsonb := p->'set';
  v_conflict jsonb;
BEGIN
  SELECT matter_id INTO v_matter_id FROM jf.referrals WHERE id = (p->>'referral_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO r FROM jf.referrals WHERE id = (p->>'referral_id')::bigint FOR UPDATE;
  IF r.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.referral_json(r.id));
  END IF;
  v_conflict := jf.link_move(p->'move');
  IF v_conflict IS NOT NULL THEN
    RETURN v_conflict;
  END IF;
  UPDATE jf.referrals SET
    status = coalesce(s->>'status', status),
    outcome = CASE WHEN s ? 'note' THEN s->>'note' ELSE outcome END,
    closed_at = CASE WHEN s ? 'status' THEN now() ELSE closed_at END,
    closed_by = CASE WHEN s ? 'status' THEN (p->>'actor_id')::integer ELSE closed_by END,
    due_at = CASE WHEN s ? 'due_at' THEN (s->>'due_at')::timestamptz ELSE due_at END,
    extended_days = extended_days + coalesce((s->>'days')::integer, 0),
    consent = CASE WHEN s ? 'consent' THEN s->'consent' ELSE consent END,
    version = version + 1
  WHERE id = r.id;
  IF (p->>'court_level')::boolean THEN
    UPDATE jf.matters m SET resolved_level = 'county', resolved_org_id = m.county_id
    WHERE m.id = v_matter_id AND m.county_id IS NOT NULL;
  END IF;
  PERFORM jf.link_event(v_matter_id, 'referral.' || (p->>'step'), p,
                        s || jsonb_build_object('referral', r.id, 'kind', r.kind,
                                                'went_to_court', (p->>'court_level')::boolean));
  PERFORM jf.link_clocks(v_matter_id, 'referral:' || r.id, p->'clocks');
  PERFORM jf.link_changed(v_matter_id, 'referral', r.id);
  RETURN jsonb_build_object('result', jf.referral_json(r.id));
END
$$;

-- ---------------------------------------------------------------------------------------
-- Petitions (综治+信访)

CREATE FUNCTION jf.petition_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', t.id, 'matter', jf.matter_ref(t.matter_id),
    'petitioner', (SELECT jsonb_build_object('party_id', pa.id, 'name', pa.name)
                   FROM jf.parties pa WHERE pa.id = t.petitioner_party_id),
    'facts', t.facts_statement, 'stage', t.stage,
    'received_on', coalesce(t.received_on, (t.created_at AT TIME ZONE 'Asia/Shanghai')::date),
    'decide_due_on', t.decide_due_on, 'decided_on', t.decided_on,
    'decided_late', t.decided_on > t.decide_due_on,
    'accepted', CASE WHEN t.stage = 'deciding' THEN NULL ELSE t.stage <> 'not_accepted' END,
    'decision_reason', t.decision_reason, 'redirect_to', t.redirect_to,
    'accepted_on', t.accepted_on, 'handle_due_on', t.handle_due_on,
    'extension', CASE WHEN t.extension_days > 0 THEN jsonb_build_object(
                   'days', t.extension_days, 'reason', t.extension_reason,
                   'petitioner_told_at', jf.ts(t.petitioner_told_at)) END,
    'replied_on', t.replied_on, 'replied_late', t.replied_on > t.handle_due_on,
    'reply_text', t.reply_text,
    'review_request_due_on', t.review_request_due_on,
    'review_requested_on', t.review_requested_on, 'review_due_on', t.review_due_on,
    'reviewed_on', t.reviewed_on, 'review_text', t.review_text,
    'rereview_request_due_on', t.rereview_request_due_on,
    'rereview_requested_on', t.rereview_requested_on, 'rereview_due_on', t.rereview_due_on,
    'rereviewed_on', t.rereviewed_on, 'rereview_text', t.rereview_text,
    'created_at', jf.ts(t.created_at), 'version', t.version)
  FROM jf.petitions t WHERE t.id = p_id
$$;

-- @p: matter_id, matter_version, petitioner_party_id, petitioner_hmac and facts_hmac
-- (base64), facts, received_on, decide_due_on, clocks, and the actor.
CREATE FUNCTION jf.open_petition(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  m jf.matters;
  v_petitioner bytea := decode(p->>'petitioner_hmac', 'base64');
  v_facts bytea := decode(p->>'facts_hmac', 'base64');
  v_earlier jf.petitions;
  v_id bigint;
BEGIN
  SELECT * INTO m FROM jf.matters WHERE id = (p->>'matter_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF m.version <> (p->>'matter_version')::integer
     OR EXISTS (SELECT 1 FROM jf.petitions WHERE matter_id = m.id) THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.matter_json(m.id) - 'scope');
  END IF;
  -- The repeat rule holds across matters: the lock that makes it hold is the petitioner's.
  PERFORM pg_advisory_xact_lock(hashtextextended(encode(v_petitioner, 'hex'), 0));
  SELECT * INTO v_earlier FROM jf.petitions
  WHERE petitioner_hmac = v_petitioner AND facts_hmac = v_facts AND stage = 'rereviewed'
  ORDER BY id LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('refused', jsonb_build_object(
      'field', 'facts',
      'message', format('Not accepted: the petitioner''s petition on the same facts and '
                        'request (%s) was re-reviewed on %s. 《信访工作条例》：信访人对复核意见'
                        '不服，仍以同一事实和理由提出信访请求的，不再受理',
                        (SELECT number FROM jf.matters WHERE id = v_earlier.matter_id),
                        v_earlier.rereviewed_on)));
  END IF;

  INSERT INTO jf.petitions (matter_id, petitioner_hmac, facts_hmac, stage, decide_due_on,
                            petitioner_party_id, facts_statement, received_on, opened_by)
  VALUES (m.id, v_petitioner, v_facts, 'deciding', (p->>'decide_due_on')::date,
          (p->>'petitioner_party_id')::bigint, p->>'facts', (p->>'received_on')::date,
          (p->>'actor_id')::integer)
  RETURNING id INTO v_id;
  PERFORM jf.link_event(m.id, 'petition.opened', p, jsonb_build_object(
    'petition', v_id, 'petitioner_party', p->'petitioner_party_id',
    'received_on', p->>'received_on', 'decide_due_on', p->>'decide_due_on'));
  PERFORM jf.link_clocks(m.id, 'petition:' || v_id, p->'clocks');
  PERFORM jf.link_changed(m.id, 'petition', v_id);
  RETURN jsonb_build_object('result', jf.petition_json(v_id) || jsonb_build_object(
    -- The petitioner's other petitions, for the officer to see whether this is a repeat.
    'same_petitioner', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                          'id', o.id, 'matter', jf.matter_ref(o.matter_id), 'stage', o.stage,
                          'facts', o.facts_statement, 'same_facts', o.facts_hmac = v_facts)
                          ORDER BY o.id), '[]')
                        FROM jf.petitions o
                        WHERE o.petitioner_hmac = v_petitioner AND o.id <> v_id)));
END
$$;

-- A step of the petition: @p: petition_id, version (as read), step (decided, extended,
-- replied, review_requested, reviewed, rereview_requested, rereviewed), set (the columns
-- it writes), move (accepting or not accepting the matter), clocks, and the actor.
CREATE FUNCTION jf.advance_petition(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_matter_id bigint;
  t jf.petitions;
  s jsonb := p->'set';
  v_conflict jsonb;
BEGIN
  SELECT matter_id INTO v_matter_id FROM jf.petitions WHERE id = (p->>'petition_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  PERFORM 1 FROM jf.matters WHERE id = v_matter_id FOR UPDATE;
  SELECT * INTO t FROM jf.petitions WHERE id = (p->>'petition_id')::bigint FOR UPDATE;
  IF t.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'current', jf.petition_json(t.id));
  END IF;
  v_conflict := jf.link_move(p->'move');
  IF v_conflict IS NOT NULL THEN
    RETURN v_conflict;
  END IF;
  UPDATE jf.petitions SET
    stage = coalesce(s->>'stage', stage),
    decided_on = CASE WHEN s ? 'decided_on' THEN (s->>'decided_on')::date ELSE decided_on END,
    accepted_on = CASE WHEN s ? 'accepted_on' THEN (s->>'accepted_on')::date ELSE accepted_on END,
    decision_reason = CASE WHEN s ? 'decision_reason' THEN s->>'decision_reason'
                           ELSE decision_reason END,
    redirect_to = CASE WHEN s ? 'redirect_to' THEN s->>'redirect_to' ELSE redirect_to END,
    handle_due_on = CASE WHEN s ? 'handle_due_on' THEN (s->>'handle_due_on')::date
                         ELSE handle_due_on END,
    extension_days = CASE WHEN s ? 'extension_days' THEN (s->>'extension_days')::integer
                          ELSE extension_days END,
    extension_reason = CASE WHEN s ? 'extension_reason' THEN s->>'extension_reason'
                            ELSE extension_reason END,
    petitioner_told_at = CASE WHEN s ? 'extension_days' THEN now() ELSE petitioner_told_at END,
    replied_on = CASE WHEN s ? 'replied_on' THEN (s->>'replied_on')::date ELSE replied_on END,
    reply_text = CASE WHEN s ? 'reply_text' THEN s->>'reply_text' ELSE reply_text END,
    review_request_due_on = CASE WHEN s ? 'review_request_due_on'
                                 THEN (s->>'review_request_due_on')::date
                                 ELSE review_request_due_on END,
    review_requested_on = CASE WHEN s ? 'review_requested_on'
                               THEN (s->>'review_requested_on')::date
                               ELSE review_requested_on END,
    review_due_on = CASE WHEN s ? 'review_due_on' THEN (s->>'review_due_on')::date
                         ELSE review_due_on END,
    reviewed_on = CASE WHEN s ? 'reviewed_on' THEN (s->>'reviewed_on')::date ELSE reviewed_on END,
    review_text = CASE WHEN s ? 'review_text' THEN s->>'review_text' ELSE review_text END,
    rereview_request_due_on = CASE WHEN s ? 'rereview_request_due_on'
                                   THEN (s->>'rereview_request_due_on')::date
                                   ELSE rereview_request_due_on END,
    rereview_requested_on = CASE WHEN s ? 'rereview_requested_on'
                                 THEN (s->>'rereview_requested_on')::date
                                 ELSE rereview_requested_on END,
    rereview_due_on = CASE WHEN s ? 'rereview_due_on' THEN (s->>'rereview_due_on')::date
                           ELSE rereview_due_on END,
    rereviewed_on = CASE WHEN s ? 'rereviewed_on' THEN (s->>'rereviewed_on')::date
                         ELSE rereviewed_on END,
    rereview_text = CASE WHEN s ? 'rereview_text' THEN s->>'rereview_text' ELSE rereview_text END,
    version = version + 1, updated_at = now()
  WHERE id = t.id;
  -- The texts are in the record; the timeline says what happened and when.
  PERFORM jf.link_event(v_matter_id, 'petition.' || (p->>'step'), p,
                        (s - 'reply_text' - 'review_text' - 'rereview_text')
                        || jsonb_build_object('petition', t.id));
  PERFORM jf.link_clocks(v_matter_id, 'petition:' || t.id, p->'clocks');
  PERFORM jf.link_changed(v_matter_id, 'petition', t.id);
  RETURN jsonb_build_object('result', jf.petition_json(t.id));
END
$$;
