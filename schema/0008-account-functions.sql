-- 0008: account administration as functions: each change and its audit entry in one
-- transaction, and a notification so every jiefend drops cached sessions at once.

CREATE FUNCTION jf.account_json(p_id integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', a.id, 'username', a.username, 'name', a.display_name, 'roles', to_jsonb(a.roles),
    'org', jf.org_json(a.org_id),
    'department', (SELECT d.code FROM jf.departments d WHERE d.id = a.department_id),
    'phone', a.phone, 'disabled', a.disabled, 'version', a.version,
    'locked_until', jf.ts(a.locked_until),
    'created_at', jf.ts(a.created_at), 'updated_at', jf.ts(a.updated_at),
    'scope', jsonb_build_object('org_id', o.id, 'county_id', o.county_id,
                                'township_id', o.township_id, 'village_id', o.village_id))
  FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id
  WHERE a.id = p_id
$$;

CREATE FUNCTION jf.audit(p_actor integer, p_role text, p_org integer, p_action text,
                         p_target text, p_data jsonb) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO jf.audit_log (actor_id, actor_role, org_id, action, target, data)
  VALUES (p_actor, p_role, p_org, p_action, p_target, coalesce(p_data, '{}'))
$$;

-- @p: username, name, roles (array), org_id, department_id, phone, password_hash, and the
-- actor (actor_id, actor_role, actor_org_id).
CREATE FUNCTION jf.create_account(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
BEGIN
  INSERT INTO jf.accounts (username, display_name, password_hash, roles, org_id,
                           department_id, phone)
  VALUES (p->>'username', p->>'name', p->>'password_hash',
          ARRAY(SELECT jsonb_array_elements_text(p->'roles')), (p->>'org_id')::integer,
          (p->>'department_id')::integer, p->>'phone')
  ON CONFLICT (username) DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    RETURN jsonb_build_object('taken', true);
  END IF;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   'account.created', p->>'username',
                   jsonb_build_object('roles', p->'roles', 'org_id', p->'org_id'));
  RETURN jsonb_build_object('account', jf.account_json(v_id));
END
$$;

-- @p: account_id, version, and any of name, roles, org_id, department_id (null clears),
-- phone, disabled, password_hash; the actor as above.
CREATE FUNCTION jf.update_account(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_before jf.accounts;
  v_after jf.accounts;
  c jsonb := p->'changes';
BEGIN
  SELECT * INTO v_before FROM jf.accounts WHERE id = (p->>'account_id')::integer FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('missing', true);
  END IF;
  IF p ? 'version' AND v_before.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('conflict', true, 'account', jf.account_json(v_before.id));
  END IF;
  -- A liaison answers for a department: an edit may not leave one without.
  IF 'department_liaison' = ANY (CASE WHEN c ? 'roles'
                                      THEN ARRAY(SELECT jsonb_array_elements_text(c->'roles'))
                                      ELSE v_before.roles END)
     AND (CASE WHEN c ? 'department_id' THEN (c->>'department_id')::integer
               ELSE v_before.department_id END) IS NULL THEN
    RETURN jsonb_build_object('invalid', jsonb_build_object(
      'field', 'department',
      'message', 'A department liaison needs the department they answer for'));
  END IF;
  UPDATE jf.accounts SET
    display_name = CASE WHEN c ? 'name' THEN c->>'name' ELSE display_name END,
    roles = CASE WHEN c ? 'roles' THEN ARRAY(SELECT jsonb_array_elements_text(c->'roles'))
                 ELSE roles END,
    org_id = CASE WHEN c ? 'org_id' THEN (c->>'org_id')::integer ELSE org_id END,
    department_id = CASE WHEN c ? 'department_id' THEN (c->>'department_id')::integer
                         ELSE department_id END,
    phone = CASE WHEN c ? 'phone' THEN c->>'phone' ELSE phone END,
    disabled = CASE WHEN c ? 'disabled' THEN (c->>'disabled')::boolean ELSE disabled END,
    password_hash = CASE WHEN c ? 'password_hash' THEN c->>'password_hash' ELSE password_hash END,
    password_changed_at = CASE WHEN c ? 'password_hash' THEN now() ELSE password_changed_at END,
    -- A reset password, or a re-enabled account, starts with a clean slate.
    failed_logins = 0,
    locked_until = NULL,
    version = version + 1,
    updated_at = now()
  WHERE id = v_before.id
  RETURNING * INTO v_after;
  -- A new password, a disabled account or changed roles end every session of the account.
  IF c ? 'password_hash' OR c ? 'roles' OR c ? 'org_id' OR coalesce((c->>'disabled')::boolean, false) THEN
    UPDATE jf.sessions SET revoked_at = now()
    WHERE account_id = v_before.id AND revoked_at IS NULL;
  END IF;
  IF c ? 'password_hash' THEN
    DELETE FROM jf.login_attempts WHERE username = v_before.username AND NOT success;
  END IF;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   CASE WHEN c ? 'password_hash' AND (SELECT count(*) FROM jsonb_object_keys(c)) = 1
                        THEN 'account.password_reset'
                        WHEN c ? 'disabled' AND (SELECT count(*) FROM jsonb_object_keys(c)) = 1
                        THEN CASE WHEN (c->>'disabled')::boolean THEN 'account.disabled'
                                  ELSE 'account.enabled' END
                        ELSE 'account.changed' END,
                   v_before.username, c - 'password_hash');
  PERFORM pg_notify('jf_auth', v_before.id::text);
  RETURN jsonb_build_object('account', jf.account_json(v_before.id));
END
$$;
