-- 0013: the registry at work (DOMAIN.md §7): people, places, organisations and things
-- created, changed, found and linked to matters; parties linked to registered people at
-- intake; repeat disputes found at once; and rules that flag rising risk to the owning
-- centre's supervisors.

-- ---------------------------------------------------------------------------------------
-- Scope. People, places and things belong to a unit of the tree, and a user sees the
-- registry of their own subtree, as with matters. Organisations are public record (a
-- name and a credit code): everyone on the platform may find them.
ALTER TABLE jf.people ALTER COLUMN grid_id SET NOT NULL;
ALTER TABLE jf.people
  ADD CONSTRAINT people_phone_sealed CHECK ((phone_enc IS NULL) = (phone_hmac IS NULL)),
  ADD CONSTRAINT people_tags CHECK (cardinality(tags) <= 20);
ALTER TABLE jf.things ADD COLUMN org_id integer REFERENCES jf.org_units;
CREATE INDEX things_org ON jf.things (org_id);
-- A person's newest matters first, for the repeat-dispute rule (jf.risk_check).
CREATE INDEX parties_id_hmac_matter ON jf.parties (id_number_hmac, matter_id)
  WHERE id_number_hmac IS NOT NULL;

-- Nothing is deleted (DOMAIN.md §6): the registry's changes are on the audit log.
CREATE TRIGGER people_no_delete BEFORE DELETE ON jf.people
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();
CREATE TRIGGER places_no_delete BEFORE DELETE ON jf.places
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();
CREATE TRIGGER organisations_no_delete BEFORE DELETE ON jf.organisations
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();
CREATE TRIGGER things_no_delete BEFORE DELETE ON jf.things
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();

-- Whether unit @p_org lies in the subtree of unit @p_root.
CREATE FUNCTION jf.org_covers(p_root integer, p_org integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((
    SELECT CASE r.level WHEN 'city' THEN true
                        WHEN 'county' THEN o.county_id = r.id
                        WHEN 'township' THEN o.township_id = r.id
                        WHEN 'village' THEN o.village_id = r.id
                        ELSE o.id = r.id END
    FROM jf.org_units r, jf.org_units o WHERE r.id = p_root AND o.id = p_org), false)
$$;

-- A record's place in the tree, for the caller's scope check (server/jfd-actor.c).
CREATE FUNCTION jf.org_scope(p_org integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('org_id', id, 'county_id', county_id, 'township_id', township_id,
                            'village_id', village_id)
  FROM jf.org_units WHERE id = p_org
$$;

-- ---------------------------------------------------------------------------------------
-- Documents. ID and phone numbers are masked; the whole ones are sealed and only
-- jf.person_reveal hands them out, recorded. "scope" is for jiefend, which removes it.
CREATE FUNCTION jf.person_doc(p jf.people) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
           'id', p.id, 'name', p.name, 'id_number', p.id_number_masked,
           'birth_date', p.birth_date, 'sex', p.sex, 'phone', p.phone_masked,
           'address', p.address))
         || jsonb_build_object('grid', jf.org_json(p.grid_id), 'tags', to_jsonb(p.tags),
                               'version', p.version, 'created_at', jf.ts(p.created_at),
                               'updated_at', jf.ts(p.updated_at))
$$;

CREATE FUNCTION jf.person_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jf.person_doc(p) || jsonb_build_object('scope', jf.org_scope(p.grid_id))
  FROM jf.people p WHERE p.id = p_id
$$;

CREATE FUNCTION jf.place_doc(p jf.places) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
           'id', p.id, 'kind', p.kind, 'name', p.name, 'address', p.address,
           'org', jf.org_json(p.org_id), 'lat', p.lat, 'lng', p.lng, 'version', p.version,
           'created_at', jf.ts(p.created_at), 'updated_at', jf.ts(p.updated_at)))
$$;

CREATE FUNCTION jf.place_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jf.place_doc(p) || jsonb_build_object('scope', jf.org_scope(p.org_id))
  FROM jf.places p WHERE p.id = p_id
$$;

CREATE FUNCTION jf.organisation_doc(o jf.organisations) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
           'id', o.id, 'kind', o.kind, 'name', o.name, 'credit_code', o.credit_code,
           'address', o.address, 'org', jf.org_json(o.org_id), 'contact_name', o.contact_name,
           'version', o.version, 'created_at', jf.ts(o.created_at),
           'updated_at', jf.ts(o.updated_at)))
$$;

-- An organisation's scope is null: everyone may see it.
CREATE FUNCTION jf.organisation_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jf.organisation_doc(o) || jsonb_build_object('scope', NULL)
  FROM jf.organisations o WHERE o.id = p_id
$$;

CREATE FUNCTION jf.thing_doc(t jf.things) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
           'id', t.id, 'kind', t.kind, 'name', t.name, 'description', t.description,
           'org', jf.org_json(t.org_id),
           'place', (SELECT jsonb_build_object('id', id, 'name', name, 'address', address)
                     FROM jf.places WHERE id = t.place_id),
           'owner_person', (SELECT jsonb_build_object('id', id, 'name', name)
                            FROM jf.people WHERE id = t.owner_person_id),
           'owner_organisation', (SELECT jsonb_build_object('id', id, 'name', name)
                                  FROM jf.organisations WHERE id = t.owner_organisation_id),
           'version', t.version, 'created_at', jf.ts(t.created_at),
           'updated_at', jf.ts(t.updated_at)))
$$;

CREATE FUNCTION jf.thing_json(p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jf.thing_doc(t) || jsonb_build_object('scope', jf.org_scope(t.org_id))
  FROM jf.things t WHERE t.id = p_id
$$;

-- Any record by its kind, for a link to judge.
CREATE FUNCTION jf.registry_json(p_kind text, p_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT CASE p_kind WHEN 'person' THEN jf.person_json(p_id)
                     WHEN 'place' THEN jf.place_json(p_id)
                     WHEN 'organisation' THEN jf.organisation_json(p_id)
                     WHEN 'thing' THEN jf.thing_json(p_id) END
$$;

-- ---------------------------------------------------------------------------------------
-- Writes. @p: the actor (actor_id, actor_role, actor_org_id), "set": the columns to write,
-- spelt as jsonb_populate_record reads them (bytea as \x hex), "fields": the API's names
-- of what changed (for the audit log, which never holds the values), and for a change
-- "id" and "version". Each answers {result}, {missing}, {conflict, current} or
-- {duplicate: the existing record}.

CREATE FUNCTION jf.person_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  c jsonb := p->'set';
  v_id bigint := (p->>'id')::bigint;
  v_before jf.people;
  v_dup bigint;
BEGIN
  IF c->>'id_number_hmac' IS NOT NULL THEN
    SELECT id INTO v_dup FROM jf.people
    WHERE id_number_hmac = (c->>'id_number_hmac')::bytea AND id IS DISTINCT FROM v_id;
    IF FOUND THEN
      RETURN jsonb_build_object('duplicate', jf.person_json(v_dup));
    END IF;
  END IF;
  IF v_id IS NULL THEN
    INSERT INTO jf.people (name, id_number_enc, id_number_hmac, id_number_masked, id_tail4_hmac,
                           id_tail6_hmac, birth_date, sex, phone_enc, phone_hmac,
                           phone_tail4_hmac, phone_masked, address, grid_id, tags)
    SELECT r.name, r.id_number_enc, r.id_number_hmac, r.id_number_masked, r.id_tail4_hmac,
           r.id_tail6_hmac, r.birth_date, r.sex, r.phone_enc, r.phone_hmac, r.phone_tail4_hmac,
           r.phone_masked, r.address, r.grid_id, coalesce(r.tags, '{}')
    FROM jsonb_populate_record(NULL::jf.people, c) r
    ON CONFLICT (id_number_hmac) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
      -- The same person registered at the same moment by someone else.
      SELECT id INTO v_dup FROM jf.people WHERE id_number_hmac = (c->>'id_number_hmac')::bytea;
      RETURN jsonb_build_object('duplicate', jf.person_json(v_dup));
    END IF;
    PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                     'person.created', 'person:' || v_id, jsonb_build_object('fields', p->'fields'));
  ELSE
    SELECT * INTO v_before FROM jf.people WHERE id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
    IF v_before.version <> (p->>'version')::integer THEN
      RETURN jsonb_build_object('conflict', true, 'current', jf.person_json(v_id));
    END IF;
    UPDATE jf.people t SET
      name = r.name, id_number_enc = r.id_number_enc, id_number_hmac = r.id_number_hmac,
      id_number_masked = r.id_number_masked, id_tail4_hmac = r.id_tail4_hmac,
      id_tail6_hmac = r.id_tail6_hmac, birth_date = r.birth_date, sex = r.sex,
      phone_enc = r.phone_enc, phone_hmac = r.phone_hmac, phone_tail4_hmac = r.phone_tail4_hmac,
      phone_masked = r.phone_masked, address = r.address, grid_id = r.grid_id,
      tags = coalesce(r.tags, '{}'), version = t.version + 1, updated_at = now()
    FROM jsonb_populate_record(v_before, c) r
    WHERE t.id = v_id;
    PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                     'person.changed', 'person:' || v_id, jsonb_build_object('fields', p->'fields'));
  END IF;
  RETURN jsonb_build_object('result', jf.person_json(v_id));
END
$$;

CREATE FUNCTION jf.place_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  c jsonb := p->'set';
  v_id bigint := (p->>'id')::bigint;
  v_before jf.places;
  v_after jf.places;
  v_dup bigint;
BEGIN
  IF v_id IS NOT NULL THEN
    SELECT * INTO v_before FROM jf.places WHERE id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
    IF v_before.version <> (p->>'version')::integer THEN
      RETURN jsonb_build_object('conflict', true, 'current', jf.place_json(v_id));
    END IF;
  END IF;
  v_after := jsonb_populate_record(v_before, c);
  -- One registry entry per address within a unit.
  SELECT id INTO v_dup FROM jf.places
  WHERE org_id = v_after.org_id AND address = v_after.address AND id IS DISTINCT FROM v_id;
  IF FOUND THEN
    RETURN jsonb_build_object('duplicate', jf.place_json(v_dup));
  END IF;
  IF v_id IS NULL THEN
    INSERT INTO jf.places (kind, name, address, org_id, lat, lng)
    VALUES (coalesce(v_after.kind, 'address'), v_after.name, v_after.address, v_after.org_id,
            v_after.lat, v_after.lng)
    ON CONFLICT (org_id, address) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
      SELECT id INTO v_dup FROM jf.places
      WHERE org_id = v_after.org_id AND address = v_after.address;
      RETURN jsonb_build_object('duplicate', jf.place_json(v_dup));
    END IF;
  ELSE
    UPDATE jf.places SET kind = v_after.kind, name = v_after.name, address = v_after.address,
      org_id = v_after.org_id, lat = v_after.lat, lng = v_after.lng, version = version + 1,
      updated_at = now()
    WHERE id = v_id;
  END IF;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   CASE WHEN v_before.id IS NULL THEN 'place.created' ELSE 'place.changed' END,
                   'place:' || v_id, jsonb_build_object('fields', p->'fields'));
  RETURN jsonb_build_object('result', jf.place_json(v_id));
END
$$;

CREATE FUNCTION jf.organisation_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  c jsonb := p->'set';
  v_id bigint := (p->>'id')::bigint;
  v_before jf.organisations;
  v_after jf.organisations;
  v_dup bigint;
BEGIN
  IF v_id IS NOT NULL THEN
    SELECT * INTO v_before FROM jf.organisations WHERE id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
    -- Everyone sees an organisation; only the subtree of the unit that registered it
    -- changes it.
    IF NOT jf.org_covers((p->>'actor_root')::integer, v_before.org_id) THEN
      RETURN jsonb_build_object('forbidden', true);
    END IF;
    IF v_before.version <> (p->>'version')::integer THEN
      RETURN jsonb_build_object('conflict', true, 'current', jf.organisation_json(v_id));
    END IF;
  END IF;
  v_after := jsonb_populate_record(v_before, c);
  IF v_id IS NOT NULL AND NOT jf.org_covers((p->>'actor_root')::integer, v_after.org_id) THEN
    RETURN jsonb_build_object('forbidden', true);
  END IF;
  IF v_after.credit_code IS NOT NULL THEN
    SELECT id INTO v_dup FROM jf.organisations
    WHERE credit_code = v_after.credit_code AND id IS DISTINCT FROM v_id;
    IF FOUND THEN
      RETURN jsonb_build_object('duplicate', jf.organisation_json(v_dup));
    END IF;
  END IF;
  IF v_id IS NULL THEN
    INSERT INTO jf.organisations (kind, name, credit_code, address, org_id, contact_name)
    VALUES (v_after.kind, v_after.name, v_after.credit_code, v_after.address, v_after.org_id,
            v_after.contact_name)
    RETURNING id INTO v_id;
  ELSE
    UPDATE jf.organisations SET kind = v_after.kind, name = v_after.name,
      credit_code = v_after.credit_code, address = v_after.address, org_id = v_after.org_id,
      contact_name = v_after.contact_name, version = version + 1, updated_at = now()
    WHERE id = v_id;
  END IF;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   CASE WHEN v_before.id IS NULL THEN 'organisation.created'
                        ELSE 'organisation.changed' END,
                   'organisation:' || v_id, jsonb_build_object('fields', p->'fields'));
  RETURN jsonb_build_object('result', jf.organisation_json(v_id));
END
$$;

-- A thing's place and owner must be records the actor may see (@p: actor_root, the
-- actor's unit).
CREATE FUNCTION jf.thing_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  c jsonb := p->'set';
  v_id bigint := (p->>'id')::bigint;
  v_root integer := (p->>'actor_root')::integer;
  v_before jf.things;
  v_after jf.things;
BEGIN
  IF v_id IS NOT NULL THEN
    SELECT * INTO v_before FROM jf.things WHERE id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
    IF v_before.version <> (p->>'version')::integer THEN
      RETURN jsonb_build_object('conflict', true, 'current', jf.thing_json(v_id));
    END IF;
  END IF;
  v_after := jsonb_populate_record(v_before, c);
  IF c ? 'place_id' AND v_after.place_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM jf.places WHERE id = v_after.place_id AND jf.org_covers(v_root, org_id)) THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', 'place_id', 'message', 'No such place in your scope'));
  END IF;
  IF c ? 'owner_person_id' AND v_after.owner_person_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM jf.people WHERE id = v_after.owner_person_id
                                 AND jf.org_covers(v_root, grid_id)) THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', 'owner_person_id', 'message', 'No such person in your scope'));
  END IF;
  IF c ? 'owner_organisation_id' AND v_after.owner_organisation_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM jf.organisations WHERE id = v_after.owner_organisation_id) THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', 'owner_organisation_id', 'message', 'No such organisation'));
  END IF;
  IF v_id IS NULL THEN
    INSERT INTO jf.things (kind, name, description, place_id, owner_person_id,
                           owner_organisation_id, org_id)
    VALUES (v_after.kind, v_after.name, v_after.description, v_after.place_id,
            v_after.owner_person_id, v_after.owner_organisation_id, v_after.org_id)
    RETURNING id INTO v_id;
  ELSE
    UPDATE jf.things SET kind = v_after.kind, name = v_after.name,
      description = v_after.description, place_id = v_after.place_id,
      owner_person_id = v_after.owner_person_id,
      owner_organisation_id = v_after.owner_organisation_id, org_id = v_after.org_id,
      version = version + 1, updated_at = now()
    WHERE id = v_id;
  END IF;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   CASE WHEN v_before.id IS NULL THEN 'thing.created' ELSE 'thing.changed' END,
                   'thing:' || v_id, jsonb_build_object('fields', p->'fields'));
  RETURN jsonb_build_object('result', jf.thing_json(v_id));
END
$$;

-- A person's whole numbers, sealed, for jiefend to open: the view is written to the audit
-- log before anything is handed out (DOMAIN.md §7).
CREATE FUNCTION jf.person_reveal(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v jf.people;
BEGIN
  SELECT * INTO v FROM jf.people WHERE id = (p->>'person_id')::bigint;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   'person.viewed', 'person:' || v.id,
                   jsonb_build_object('what', 'id_number_and_phone'));
  RETURN jsonb_strip_nulls(jsonb_build_object('id_number', encode(v.id_number_enc, 'base64'),
                                              'phone', encode(v.phone_enc, 'base64')));
END
$$;

-- ---------------------------------------------------------------------------------------
-- CSV import and export of people (server/jfd-engine-people-csv.c). The file was read and
-- every row checked by jiefend; here the rows are checked against the table, and either
-- all are written in this one statement or none. @p: the actor, actor_root, commit (false
-- when jiefend found errors already: only this check runs), rows [{row, set}].
CREATE FUNCTION jf.people_import(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_errors jsonb;
  v_count integer;
BEGIN
  SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
           'row', (e->>'row')::integer, 'column', 'id_number',
           'message', 'A person with this ID number is registered already',
           'person_id', CASE WHEN jf.org_covers((p->>'actor_root')::integer, pe.grid_id)
                             THEN pe.id END)) ORDER BY (e->>'row')::integer)
  INTO v_errors
  FROM jsonb_array_elements(p->'rows') e
  JOIN jf.people pe ON pe.id_number_hmac = (e #>> '{set,id_number_hmac}')::bytea;
  IF v_errors IS NOT NULL OR NOT (p->>'commit')::boolean THEN
    RETURN jsonb_build_object('errors', coalesce(v_errors, '[]'));
  END IF;
  INSERT INTO jf.people (name, id_number_enc, id_number_hmac, id_number_masked, id_tail4_hmac,
                         id_tail6_hmac, birth_date, sex, phone_enc, phone_hmac,
                         phone_tail4_hmac, phone_masked, address, grid_id, tags)
  SELECT r.name, r.id_number_enc, r.id_number_hmac, r.id_number_masked, r.id_tail4_hmac,
         r.id_tail6_hmac, r.birth_date, r.sex, r.phone_enc, r.phone_hmac, r.phone_tail4_hmac,
         r.phone_masked, r.address, r.grid_id, coalesce(r.tags, '{}')
  FROM jsonb_array_elements(p->'rows') WITH ORDINALITY AS e(v, n),
       jsonb_populate_record(NULL::jf.people, e.v->'set') r
  ORDER BY e.n;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   'people.imported', coalesce(p->>'file', ''),
                   jsonb_build_object('rows', v_count));
  RETURN jsonb_build_object('imported', v_count);
END
$$;

-- The people in the subtree of @p->'root' (optionally of a unit under it), by id, with
-- their numbers masked, or sealed for jiefend to open when @p->'reveal': then the export
-- is on the audit log first, with every person it shows.
CREATE FUNCTION jf.people_export(p jsonb)
RETURNS TABLE (id bigint, name text, id_number text, phone text, address text,
               grid_code text, tags text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  r jf.org_units;
  v_reveal boolean := coalesce((p->>'reveal')::boolean, false);
  v_ids jsonb;
BEGIN
  SELECT * INTO r FROM jf.org_units WHERE org_units.id = (p->>'root')::integer;
  IF v_reveal THEN
    SELECT coalesce(jsonb_agg(pe.id ORDER BY pe.id), '[]') INTO v_ids
    FROM jf.people pe JOIN jf.org_units o ON o.id = pe.grid_id
    WHERE CASE r.level WHEN 'city' THEN true WHEN 'county' THEN o.county_id = r.id
                       WHEN 'township' THEN o.township_id = r.id
                       WHEN 'village' THEN o.village_id = r.id ELSE o.id = r.id END;
    PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role',
                     (p->>'actor_org_id')::integer, 'people.exported', r.code,
                     jsonb_build_object('what', 'id_number_and_phone',
                                        'count', jsonb_array_length(v_ids), 'people', v_ids));
  END IF;
  RETURN QUERY
    SELECT pe.id, pe.name,
           CASE WHEN v_reveal THEN encode(pe.id_number_enc, 'base64') ELSE pe.id_number_masked END,
           CASE WHEN v_reveal THEN encode(pe.phone_enc, 'base64') ELSE pe.phone_masked END,
           pe.address, o.code, array_to_string(pe.tags, ';')
    FROM jf.people pe JOIN jf.org_units o ON o.id = pe.grid_id
    WHERE CASE r.level WHEN 'city' THEN true WHEN 'county' THEN o.county_id = r.id
                       WHEN 'township' THEN o.township_id = r.id
                       WHEN 'village' THEN o.village_id = r.id ELSE o.id = r.id END
    ORDER BY pe.id;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Risk (DOMAIN.md §7: repeat disputes seen at once). Each rule raises at most one flag per
-- matter: a 'risk.flagged' event on its timeline and a 'risk.alert' on the stream for the
-- owning centre, which the stream delivers to the supervisors covering it. Rules are
-- evaluated in the transaction that registers or changes the matter, by jf.risk_evaluate:
-- a few indexed lookups.
CREATE TABLE jf.risk_rules (
  rule        text PRIMARY KEY
              CHECK (rule IN ('repeat_dispute', 'group_dispute', 'violence',
                              'petition_after_failed_mediation')),
  enabled     boolean NOT NULL DEFAULT true,
  -- repeat_dispute: matters of one person within the window (this one included);
  -- group_dispute: flagged when more than this many people are involved.
  threshold   integer CHECK (threshold BETWEEN 1 AND 100000),
  window_days integer NOT NULL DEFAULT 365 CHECK (window_days BETWEEN 1 AND 3660),
  description text NOT NULL
);
INSERT INTO jf.risk_rules (rule, threshold, window_days, description) VALUES
  ('repeat_dispute', 2, 365, '同一当事人12个月内再次发生纠纷 (the same person in another dispute within 12 months)'),
  ('group_dispute', 10, 365, '群体性纠纷：涉及人数超过N人 (a group dispute of more than N people)'),
  ('violence', NULL, 365, '有暴力倾向或可能激化 (a violence flag)'),
  ('petition_after_failed_mediation', NULL, 365, '调解不成后同一申请人信访 (a petition after a failed mediation of the same applicant)');

CREATE TABLE jf.matter_risks (
  matter_id bigint NOT NULL REFERENCES jf.matters,
  rule      text NOT NULL REFERENCES jf.risk_rules,
  raised_at timestamptz NOT NULL DEFAULT now(),
  seq       integer NOT NULL,  -- the 'risk.flagged' event on the matter's timeline
  detail    jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (matter_id, rule)
);
CREATE TRIGGER matter_risks_append_only BEFORE UPDATE OR DELETE ON jf.matter_risks
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();

-- Who the people of a matter are, as the registry and the parties' ID numbers tell: the
-- keyed hashes of their ID numbers, and the registered people linked to it.
CREATE FUNCTION jf.matter_person_keys(p_matter_id bigint, p_applicants_only boolean,
                                      OUT ids bytea[], OUT people bigint[])
LANGUAGE plpgsql STABLE AS $$
BEGIN
  -- PL/pgSQL, not SQL: its plans are kept for the session, and intake calls this.
  ids := ARRAY(SELECT pa.id_number_hmac FROM jf.parties pa
               WHERE pa.matter_id = p_matter_id AND pa.id_number_hmac IS NOT NULL
                 AND (NOT p_applicants_only OR pa.role = 'applicant')
               UNION
               SELECT pe.id_number_hmac FROM jf.matter_people mp
               JOIN jf.people pe ON pe.id = mp.person_id
               WHERE mp.matter_id = p_matter_id AND pe.id_number_hmac IS NOT NULL
                 AND (NOT p_applicants_only OR mp.role = 'applicant'));
  people := ARRAY(SELECT mp.person_id FROM jf.matter_people mp
                  WHERE mp.matter_id = p_matter_id
                    AND (NOT p_applicants_only OR mp.role = 'applicant')
                  UNION
                  SELECT pa.person_id FROM jf.parties pa
                  WHERE pa.matter_id = p_matter_id AND pa.person_id IS NOT NULL
                    AND (NOT p_applicants_only OR pa.role = 'applicant'));
END
$$;

-- The other matters of the same people since @p_since, newest first, at most @p_limit.
CREATE FUNCTION jf.matters_of_people(p_ids bytea[], p_people bigint[], p_exclude bigint,
                                     p_since timestamptz, p_applicants_only boolean,
                                     p_limit integer)
RETURNS TABLE (id bigint, number text, created_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT m.id, m.number, m.created_at
  FROM jf.matters m
  WHERE m.id IN (SELECT pa.matter_id FROM jf.parties pa
                 WHERE pa.id_number_hmac = ANY (p_ids) AND pa.id_number_hmac IS NOT NULL
                   AND (NOT p_applicants_only OR pa.role = 'applicant')
                 UNION
                 SELECT mp.matter_id FROM jf.matter_people mp
                 WHERE mp.person_id = ANY (p_people)
                   AND (NOT p_applicants_only OR mp.role = 'applicant'))
    AND m.id <> p_exclude AND m.created_at >= p_since
  ORDER BY m.created_at DESC, m.id DESC
  LIMIT p_limit
$$;

-- What makes @p_rule hold for matter @m, or NULL when it does not.
CREATE FUNCTION jf.risk_check(m jf.matters, r jf.risk_rules) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  k record;
  v_since timestamptz := now() - make_interval(days => r.window_days);
  v_enough integer := greatest(coalesce(r.threshold, 2) - 1, 5);
  v_ids bigint[];
  v_key bytea;
  v_person bigint;
  v_others jsonb;
  v_count integer;
  v_at timestamptz;
BEGIN
  CASE r.rule
  WHEN 'violence' THEN
    RETURN CASE WHEN m.risk_violence THEN '{}'::jsonb END;
  WHEN 'group_dispute' THEN
    RETURN CASE WHEN m.risk_group_size > r.threshold
                THEN jsonb_build_object('group_size', m.risk_group_size,
                                        'threshold', r.threshold) END;
  WHEN 'repeat_dispute' THEN
    SELECT * INTO k FROM jf.matter_person_keys(m.id, false);
    -- The newest few other matters of each of its people: each lookup walks an index
    -- backwards and stops, however many matters the person has had. Simple statements
    -- in a loop, whose plans PL/pgSQL keeps, cost less than one clever one planned anew.
    v_ids := '{}';
    FOREACH v_key IN ARRAY k.ids LOOP
      v_ids := v_ids || ARRAY(SELECT pa.matter_id FROM jf.parties pa
                              JOIN jf.matters om ON om.id = pa.matter_id
                              WHERE pa.id_number_hmac = v_key AND pa.matter_id <> m.id
                                AND om.created_at >= v_since
                              ORDER BY pa.matter_id DESC LIMIT v_enough);
    END LOOP;
    FOREACH v_person IN ARRAY k.people LOOP
      v_ids := v_ids || ARRAY(SELECT mp.matter_id FROM jf.matter_people mp
                              JOIN jf.matters om ON om.id = mp.matter_id
                              WHERE mp.person_id = v_person AND mp.matter_id <> m.id
                                AND om.created_at >= v_since
                              ORDER BY mp.matter_id DESC LIMIT v_enough);
    END LOOP;
    IF cardinality(v_ids) = 0 THEN
      RETURN NULL;
    END IF;
    SELECT count(*), jsonb_agg(om.number ORDER BY om.id DESC) INTO v_count, v_others
    FROM (SELECT DISTINCT u.id FROM unnest(v_ids) AS u(id) ORDER BY u.id DESC LIMIT v_enough) o
    JOIN jf.matters om ON om.id = o.id;
    RETURN CASE WHEN v_count + 1 >= r.threshold
                THEN jsonb_build_object('matters', v_others, 'window_days', r.window_days) END;
  WHEN 'petition_after_failed_mediation' THEN
    -- The petition: a matter of that kind, or the petition link of another matter.
    v_at := CASE WHEN m.kind = 'petition' THEN m.created_at
                 ELSE (SELECT created_at FROM jf.petitions WHERE matter_id = m.id) END;
    IF v_at IS NULL THEN
      RETURN NULL;
    END IF;
    SELECT * INTO k FROM jf.matter_person_keys(m.id, true);
    IF cardinality(k.ids) = 0 AND cardinality(k.people) = 0 THEN
      RETURN NULL;
    END IF;
    RETURN (SELECT jsonb_build_object('mediation_session', s.id, 'matter', mm.number,
                                      'held_at', jf.ts(s.held_at))
            FROM jf.mediation_sessions s JOIN jf.matters mm ON mm.id = s.matter_id
            WHERE s.outcome = 'failed' AND s.held_at >= v_since AND s.held_at <= v_at
              AND (s.matter_id = m.id OR s.matter_id IN (
                     SELECT o.id FROM jf.matters_of_people(k.ids, k.people, m.id, v_since,
                                                           true, 1000) o))
            ORDER BY s.held_at DESC LIMIT 1);
  ELSE
    RETURN NULL;
  END CASE;
END
$$;

-- Raises the flags of matter @p_matter_id that hold now and were not raised before; the
-- number raised. Its callers hold the matter's row locked (they have just written it, or
-- locked it to write), which makes "not raised before" hold until they commit.
CREATE FUNCTION jf.risk_evaluate(p_matter_id bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  m jf.matters;
  r jf.risk_rules;
  v_detail jsonb;
  v_seq integer;
  v_raised integer := 0;
BEGIN
  SELECT * INTO m FROM jf.matters WHERE id = p_matter_id;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  FOR r IN SELECT * FROM jf.risk_rules rr
           WHERE rr.enabled AND NOT EXISTS (SELECT 1 FROM jf.matter_risks x
                                            WHERE x.matter_id = m.id AND x.rule = rr.rule)
           ORDER BY rr.rule
  LOOP
    v_detail := jf.risk_check(m, r);
    CONTINUE WHEN v_detail IS NULL;
    UPDATE jf.matters SET event_seq = event_seq + 1 WHERE id = m.id
    RETURNING event_seq INTO v_seq;
    INSERT INTO jf.matter_risks (matter_id, rule, seq, detail)
    VALUES (m.id, r.rule, v_seq, v_detail);
    -- jf.append_event's statement, written out: a SQL function's statement is planned
    -- at every call, and this one runs in intake.
    INSERT INTO jf.events (matter_id, seq, kind, actor_id, actor_role, org_id, data)
    VALUES (m.id, v_seq, 'risk.flagged', NULL, NULL, NULL,
            jsonb_build_object('rule', r.rule, 'detail', v_detail));
    PERFORM jf.stream_push('risk.alert', m.id, m.org_id, NULL, NULL, jsonb_build_object(
      'id', m.id, 'number', m.number, 'title', m.title, 'rule', r.rule,
      'description', r.description, 'detail', v_detail));
    v_raised := v_raised + 1;
  END LOOP;
  RETURN v_raised;
END
$$;

CREATE FUNCTION jf.matter_risks_json(p_matter_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('items', coalesce(jsonb_agg(jsonb_build_object(
           'rule', x.rule, 'description', r.description, 'at', jf.ts(x.raised_at),
           'seq', x.seq, 'detail', x.detail) ORDER BY x.raised_at, x.rule), '[]'))
  FROM jf.matter_risks x JOIN jf.risk_rules r ON r.rule = x.rule
  WHERE x.matter_id = p_matter_id
$$;

-- ---------------------------------------------------------------------------------------
-- A party with the ID number of a registered person is that person: linked as it is
-- written, by one lookup of the keyed hash in the people's unique index, so that no
-- second version of the row is written and intake's own answer already carries the link.
CREATE FUNCTION jf.party_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT id INTO NEW.person_id FROM jf.people WHERE id_number_hmac = NEW.id_number_hmac;
  RETURN NEW;
END
$$;
CREATE TRIGGER parties_person BEFORE INSERT ON jf.parties
  FOR EACH ROW WHEN (NEW.id_number_hmac IS NOT NULL AND NEW.person_id IS NULL)
  EXECUTE FUNCTION jf.party_person();

-- Intake then links the matter to those people and to the registered place at its
-- address, and evaluates the risk rules, all in the intake's transaction. 0007's intake
-- is kept as it is and wrapped.
ALTER FUNCTION jf.intake(jsonb) RENAME TO intake_matter;

CREATE FUNCTION jf.intake(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_answer jsonb := jf.intake_matter(p);
  v_id bigint := (v_answer #>> '{matter,id}')::bigint;
BEGIN
  IF v_id IS NULL OR coalesce((v_answer->>'replay')::boolean, false) THEN
    RETURN v_answer;
  END IF;
  INSERT INTO jf.matter_people (matter_id, person_id, role)
  SELECT DISTINCT ON (pa.person_id) v_id, pa.person_id, pa.role FROM jf.parties pa
  WHERE pa.matter_id = v_id AND pa.person_id IS NOT NULL
  ORDER BY pa.person_id, pa.position
  ON CONFLICT DO NOTHING;
  IF p->>'address' IS NOT NULL THEN
    INSERT INTO jf.matter_places (matter_id, place_id)
    SELECT v_id, pl.id FROM jf.places pl
    WHERE pl.org_id = (p->>'place_org_id')::integer AND pl.address = p->>'address';
  END IF;
  PERFORM jf.risk_evaluate(v_id);
  RETURN v_answer;
END
$$;

-- An edit of the risk assessment, and a petition opened on a matter, are evaluated too.
ALTER FUNCTION jf.edit_matter(jsonb) RENAME TO edit_matter_fields;

CREATE FUNCTION jf.edit_matter(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_answer jsonb := jf.edit_matter_fields(p);
BEGIN
  IF v_answer ? 'matter' AND NOT v_answer ? 'conflict'
     AND p->'changes' ?| ARRAY['risk_violence', 'risk_group_size'] THEN
    PERFORM jf.risk_evaluate((p->>'matter_id')::bigint);
  END IF;
  RETURN v_answer;
END
$$;

ALTER FUNCTION jf.open_petition(jsonb) RENAME TO open_petition_record;

CREATE FUNCTION jf.open_petition(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_answer jsonb := jf.open_petition_record(p);
BEGIN
  IF v_answer ? 'result' THEN
    PERFORM jf.risk_evaluate((p->>'matter_id')::bigint);
  END IF;
  RETURN v_answer;
END
$$;

-- ---------------------------------------------------------------------------------------
-- Links between a matter and the registry.
CREATE FUNCTION jf.matter_links_json(p_matter_id bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'people', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                          'id', pe.id, 'name', pe.name, 'id_number', pe.id_number_masked,
                          'phone', pe.phone_masked, 'grid', jf.org_json(pe.grid_id),
                          'role', mp.role, 'linked_at', jf.ts(mp.linked_at)))
                          ORDER BY mp.linked_at, pe.id)
                        FROM jf.matter_people mp JOIN jf.people pe ON pe.id = mp.person_id
                        WHERE mp.matter_id = p_matter_id), '[]'),
    'places', coalesce((SELECT jsonb_agg(jf.place_doc(pl) || jsonb_build_object(
                          'linked_at', jf.ts(ml.linked_at)) ORDER BY ml.linked_at, pl.id)
                        FROM jf.matter_places ml JOIN jf.places pl ON pl.id = ml.place_id
                        WHERE ml.matter_id = p_matter_id), '[]'),
    'organisations', coalesce((SELECT jsonb_agg(jf.organisation_doc(o) || jsonb_build_object(
                                 'linked_at', jf.ts(mo.linked_at)) ORDER BY mo.linked_at, o.id)
                               FROM jf.matter_organisations mo
                               JOIN jf.organisations o ON o.id = mo.organisation_id
                               WHERE mo.matter_id = p_matter_id), '[]'),
    'things', coalesce((SELECT jsonb_agg(jf.thing_doc(t) || jsonb_build_object(
                          'linked_at', jf.ts(mt.linked_at)) ORDER BY mt.linked_at, t.id)
                        FROM jf.matter_things mt JOIN jf.things t ON t.id = mt.thing_id
                        WHERE mt.matter_id = p_matter_id), '[]'))
$$;

-- @p: matter_id, kind (person, place, organisation, thing), target_id, role (people),
-- unlink, and the actor. A change is an event on the matter's timeline; linking a person
-- evaluates the risk rules.
CREATE FUNCTION jf.matter_link(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := (p->>'matter_id')::bigint;
  v_target bigint := (p->>'target_id')::bigint;
  v_kind text := p->>'kind';
  v_unlink boolean := coalesce((p->>'unlink')::boolean, false);
  v_changed integer;
BEGIN
  PERFORM 1 FROM jf.matters WHERE id = v_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF v_unlink THEN
    CASE v_kind
    WHEN 'person' THEN DELETE FROM jf.matter_people WHERE matter_id = v_id AND person_id = v_target;
    WHEN 'place' THEN DELETE FROM jf.matter_places WHERE matter_id = v_id AND place_id = v_target;
    WHEN 'organisation' THEN
      DELETE FROM jf.matter_organisations WHERE matter_id = v_id AND organisation_id = v_target;
    ELSE DELETE FROM jf.matter_things WHERE matter_id = v_id AND thing_id = v_target;
    END CASE;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
    IF v_changed = 0 THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
  ELSE
    CASE v_kind
    WHEN 'person' THEN
      INSERT INTO jf.matter_people (matter_id, person_id, role)
      VALUES (v_id, v_target, p->>'role')
      ON CONFLICT (matter_id, person_id) DO UPDATE SET role = EXCLUDED.role
      WHERE matter_people.role IS DISTINCT FROM EXCLUDED.role;
    WHEN 'place' THEN
      INSERT INTO jf.matter_places (matter_id, place_id) VALUES (v_id, v_target)
      ON CONFLICT DO NOTHING;
    WHEN 'organisation' THEN
      INSERT INTO jf.matter_organisations (matter_id, organisation_id) VALUES (v_id, v_target)
      ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO jf.matter_things (matter_id, thing_id) VALUES (v_id, v_target)
      ON CONFLICT DO NOTHING;
    END CASE;
    GET DIAGNOSTICS v_changed = ROW_COUNT;
  END IF;
  IF v_changed > 0 THEN
    PERFORM jf.link_event(v_id, CASE WHEN v_unlink THEN 'registry.unlinked'
                                     ELSE 'registry.linked' END, p,
                          jsonb_build_object('kind', v_kind, 'id', v_target, 'role', p->>'role'));
    IF v_kind = 'person' AND NOT v_unlink THEN
      PERFORM jf.risk_evaluate(v_id);
    END IF;
    PERFORM jf.link_changed(v_id, 'registry', v_target);
  END IF;
  RETURN jsonb_build_object('result', jf.matter_links_json(v_id));
END
$$;

-- A party of the matter is this registered person. @p: matter_id, party_id, person_id,
-- and the actor.
CREATE FUNCTION jf.party_link_person(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint := (p->>'matter_id')::bigint;
  pa jf.parties;
  pe jf.people;
BEGIN
  PERFORM 1 FROM jf.matters WHERE id = v_id FOR UPDATE;
  SELECT * INTO pa FROM jf.parties WHERE id = (p->>'party_id')::bigint AND matter_id = v_id;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  SELECT * INTO pe FROM jf.people WHERE id = (p->>'person_id')::bigint;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', 'person_id', 'message', 'No such person'));
  END IF;
  IF pa.id_number_hmac IS NOT NULL AND pe.id_number_hmac IS NOT NULL
     AND pa.id_number_hmac <> pe.id_number_hmac THEN
    RETURN jsonb_build_object('refused', jsonb_build_object(
      'field', 'person_id',
      'message', 'The party''s ID number is not the person''s: this is someone else'));
  END IF;
  IF pa.person_id IS DISTINCT FROM pe.id THEN
    UPDATE jf.parties SET person_id = pe.id WHERE id = pa.id;
    INSERT INTO jf.matter_people (matter_id, person_id, role) VALUES (v_id, pe.id, pa.role)
    ON CONFLICT DO NOTHING;
    PERFORM jf.link_event(v_id, 'party.linked', p, jsonb_build_object(
      'party', pa.id, 'person', pe.id, 'before', pa.person_id));
    PERFORM jf.risk_evaluate(v_id);
    PERFORM jf.link_changed(v_id, 'party', pa.id);
  END IF;
  RETURN jsonb_build_object('result', jsonb_build_object(
    'party', jsonb_build_object('id', pa.id, 'role', pa.role, 'name', pa.name,
                                'person_id', pe.id),
    'links', jf.matter_links_json(v_id)));
END
$$;

-- ---------------------------------------------------------------------------------------
-- Repeat disputes: the matters of the last 12 months with the same people (ID number,
-- phone, a registered person, or the same name at the same place) or at the same place
-- (unit and address, or a registered place), in the subtree of unit @p_root, newest
-- first. Every branch is an indexed lookup; one whose input is absent costs nothing.
CREATE FUNCTION jf.repeat_find(p_ids bytea[], p_phones bytea[], p_names text[],
                               p_place integer, p_address text, p_people bigint[],
                               p_places bigint[], p_exclude bigint, p_root integer,
                               p_limit integer) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  r jf.org_units;
  v_since timestamptz := now() - interval '12 months';
BEGIN
  SELECT * INTO r FROM jf.org_units WHERE id = p_root;
  RETURN (
    WITH hits (matter_id, why) AS (
      SELECT pa.matter_id, 'same_id_number' FROM jf.parties pa
      WHERE pa.id_number_hmac = ANY (p_ids) AND pa.id_number_hmac IS NOT NULL
      UNION ALL
      SELECT mp.matter_id, 'same_id_number' FROM jf.people pe
      JOIN jf.matter_people mp ON mp.person_id = pe.id
      WHERE pe.id_number_hmac = ANY (p_ids)
      UNION ALL
      SELECT mp.matter_id, 'same_person' FROM jf.matter_people mp
      WHERE mp.person_id = ANY (p_people)
      UNION ALL
      SELECT pa.matter_id, 'same_phone' FROM jf.parties pa
      WHERE pa.phone_hmac = ANY (p_phones) AND pa.phone_hmac IS NOT NULL
      UNION ALL
      SELECT mp.matter_id, 'same_phone' FROM jf.people pe
      JOIN jf.matter_people mp ON mp.person_id = pe.id
      WHERE pe.phone_hmac = ANY (p_phones)
      UNION ALL
      SELECT m.id, 'same_name_at_place' FROM jf.matters m
      JOIN jf.parties pa ON pa.matter_id = m.id
      WHERE p_place IS NOT NULL AND cardinality(p_names) > 0
        AND m.place_org_id = p_place AND m.created_at >= v_since AND pa.name = ANY (p_names)
      UNION ALL
      SELECT m.id, 'same_address' FROM jf.matters m
      WHERE p_place IS NOT NULL AND p_address IS NOT NULL
        AND m.place_org_id = p_place AND m.created_at >= v_since AND m.address = p_address
      UNION ALL
      SELECT ml.matter_id, 'same_address' FROM jf.places pl
      JOIN jf.matter_places ml ON ml.place_id = pl.id
      WHERE p_place IS NOT NULL AND p_address IS NOT NULL
        AND pl.org_id = p_place AND pl.address = p_address
      UNION ALL
      SELECT ml.matter_id, 'same_place' FROM jf.matter_places ml
      WHERE ml.place_id = ANY (p_places)
    ), grouped AS (
      SELECT h.matter_id, array_agg(DISTINCT h.why ORDER BY h.why) AS why
      FROM hits h WHERE h.matter_id IS DISTINCT FROM p_exclude
      GROUP BY h.matter_id
    )
    SELECT jsonb_build_object('items', coalesce(jsonb_agg(s.j ORDER BY s.created_at DESC,
                                                                   s.id DESC), '[]'))
    FROM (SELECT m.id, m.created_at, jsonb_build_object(
            'id', m.id, 'number', m.number, 'kind', m.kind, 'category', m.category,
            'status', m.status, 'title', m.title, 'org', jf.org_json(m.org_id),
            'location', jsonb_strip_nulls(jsonb_build_object(
              'org', jf.org_json(m.place_org_id), 'address', m.address)),
            'parties', m.party_names, 'created_at', jf.ts(m.created_at),
            'risks', coalesce((SELECT jsonb_agg(x.rule ORDER BY x.rule) FROM jf.matter_risks x
                               WHERE x.matter_id = m.id), '[]'),
            'why', to_jsonb(g.why)) AS j
          FROM grouped g JOIN jf.matters m ON m.id = g.matter_id
          WHERE m.created_at >= v_since
            AND CASE r.level WHEN 'city' THEN true
                             WHEN 'county' THEN m.county_id = r.id
                             WHEN 'township' THEN m.township_id = r.id
                             WHEN 'village' THEN m.village_id = r.id
                             ELSE m.org_id = r.id END
          ORDER BY m.created_at DESC, m.id DESC
          LIMIT p_limit) s);
END
$$;

-- The repeat disputes of a matter: its own people and place.
CREATE FUNCTION jf.related_matters(p_matter_id bigint, p_root integer, p_limit integer)
RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jf.repeat_find(
    k.ids,
    ARRAY(SELECT pa.phone_hmac FROM jf.parties pa
          WHERE pa.matter_id = m.id AND pa.phone_hmac IS NOT NULL
          UNION
          SELECT pe.phone_hmac FROM jf.matter_people mp JOIN jf.people pe ON pe.id = mp.person_id
          WHERE mp.matter_id = m.id AND pe.phone_hmac IS NOT NULL),
    ARRAY(SELECT DISTINCT pa.name FROM jf.parties pa
          WHERE pa.matter_id = m.id AND pa.organisation IS NULL),
    m.place_org_id, m.address, k.people,
    ARRAY(SELECT ml.place_id FROM jf.matter_places ml WHERE ml.matter_id = m.id),
    m.id, p_root, p_limit)
  FROM jf.matters m, jf.matter_person_keys(m.id, false) k
  WHERE m.id = p_matter_id
$$;
