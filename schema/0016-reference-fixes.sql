-- 0016: reference fixes: an account's department agrees with its roles and its unit; a
-- make-up working day falls on a weekend; removing a calendar day answers what it was.

-- An account's department, decided in one place for every writer (the API's
-- jf.create_account and jf.update_account, `jiefenctl account add`, a seed, psql):
--   * only a department liaison has a department, and every liaison has exactly one
--     (DOMAIN.md §1: liaisons answer whistles for their department; no other role acts for
--     one, so a department on another account would be a stray grant of its inbox);
--   * departments are county-level: jf.departments.county_id (a police station serves one
--     township, serves_org_id, but is still its county's). A liaison's department is one
--     of the county their unit is in: the unit is that county itself (the county centre,
--     where the departments sit) or a township, village or grid under it, i.e.
--     org_units.county_id, self included, equals departments.county_id. The city centre is
--     in no county, so no liaison sits there.
-- Why @p_department_id may not go with @p_roles at @p_org_id, in the administrator's words,
-- or NULL when it may.
CREATE FUNCTION jf.account_department_problem(p_roles text[], p_org_id integer,
                                              p_department_id integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN NOT ('department_liaison' = ANY (p_roles)) THEN
      CASE WHEN p_department_id IS NOT NULL
           THEN 'Only a department liaison answers for a department' END
    WHEN p_department_id IS NULL THEN
      'A department liaison needs the department they answer for'
    WHEN o.county_id IS NULL THEN
      format('%s is a department of %s; the account''s unit %s (%s) is in no county',
             d.code, dc.name, o.name, o.code)
    WHEN o.county_id <> d.county_id THEN
      format('%s is a department of %s, not of %s, where the account''s unit %s (%s) is',
             d.code, dc.name, oc.name, o.name, o.code)
  END
  FROM (SELECT) AS one
  LEFT JOIN jf.org_units o ON o.id = p_org_id
  LEFT JOIN jf.org_units oc ON oc.id = o.county_id
  LEFT JOIN jf.departments d ON d.id = p_department_id
  LEFT JOIN jf.org_units dc ON dc.id = d.county_id
$$;

-- Refuses a row that breaks the rule, with SQLSTATE JF422 (jiefend answers 422) and, as
-- the column, the API member to fix: "org" when only the unit moved away from the
-- department's county, "department" otherwise. Rows from before this migration are left
-- as they are until one of the three columns changes.
CREATE FUNCTION jf.accounts_check_department() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_problem text := jf.account_department_problem(NEW.roles, NEW.org_id, NEW.department_id);
BEGIN
  IF v_problem IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'JF422', MESSAGE = v_problem,
    COLUMN = CASE WHEN TG_OP = 'UPDATE'
                       AND NEW.department_id IS NOT DISTINCT FROM OLD.department_id
                       AND NEW.org_id IS DISTINCT FROM OLD.org_id
                       AND 'department_liaison' = ANY (NEW.roles)
                       AND NEW.department_id IS NOT NULL
                  THEN 'org' ELSE 'department' END;
END
$$;

CREATE TRIGGER accounts_check_department
  BEFORE INSERT OR UPDATE OF roles, org_id, department_id ON jf.accounts
  FOR EACH ROW EXECUTE FUNCTION jf.accounts_check_department();

-- 调休上班: a Saturday or a Sunday worked in exchange for a holiday; a day off may be any
-- day. NOT VALID: a day stored before this migration stays until it is changed.
ALTER TABLE jf.calendar_days ADD CONSTRAINT calendar_days_work_on_weekend
  CHECK (kind <> 'work' OR extract(isodow FROM day) IN (6, 7)) NOT VALID;

-- As in 0012, except that a removed day is answered as it was, like a day set is answered
-- as it is now: a CalendarDay either way.
CREATE OR REPLACE FUNCTION jf.calendar_set(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_day date := (p->>'day')::date;
  v_removed jsonb;
BEGIN
  IF p ? 'kind' THEN
    INSERT INTO jf.calendar_days (day, kind, name) VALUES (v_day, p->>'kind', p->>'name')
    ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
                                    updated_at = now();
  ELSE
    DELETE FROM jf.calendar_days WHERE day = v_day
    RETURNING jsonb_build_object('day', day, 'kind', kind, 'name', name) INTO v_removed;
    IF v_removed IS NULL THEN
      RETURN jsonb_build_object('missing', true);
    END IF;
  END IF;
  PERFORM jf.catalog_changed((p->>'actor_id')::integer, (p->>'actor_org_id')::integer,
                             CASE WHEN p ? 'kind' THEN 'calendar.set' ELSE 'calendar.removed' END,
                             v_day::text, p - 'actor_id' - 'actor_org_id');
  RETURN jsonb_build_object('day', coalesce(v_removed,
                                            (SELECT jsonb_build_object('day', day, 'kind', kind,
                                                                       'name', name)
                                             FROM jf.calendar_days WHERE day = v_day)));
END
$$;
