-- 0018: CSV import and export of places and organisations (server/jfd-engine-registry-csv.c),
-- as 0013 has them for people. jiefend read the file and checked every row as it checks the
-- body of POST /v1/places or /v1/organisations; here the rows are checked against the table
-- (one place per address within a unit; one organisation per credit code), and either all
-- are written in this one statement or none. @p: kind (places, organisations), the actor,
-- commit (false when jiefend found errors already: only this check runs), rows
-- [{row, set}].

CREATE FUNCTION jf.registry_import(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_kind text := p->>'kind';
  v_errors jsonb;
  v_count integer;
BEGIN
  IF v_kind = 'places' THEN
    -- The unit was checked to lie in the actor's scope, and so does the place found there.
    SELECT jsonb_agg(jsonb_build_object(
             'row', (e->>'row')::integer, 'column', 'address',
             'message', 'A place at this address is registered in this unit already',
             'place_id', pl.id) ORDER BY (e->>'row')::integer)
    INTO v_errors
    FROM jsonb_array_elements(p->'rows') e
    JOIN jf.places pl ON pl.org_id = (e #>> '{set,org_id}')::integer
                     AND pl.address = e #>> '{set,address}';
  ELSE
    -- Organisations are public record: the one with the credit code is named wherever it is.
    SELECT jsonb_agg(jsonb_build_object(
             'row', (e->>'row')::integer, 'column', 'credit_code',
             'message', 'An organisation with this credit code is registered already',
             'organisation_id', o.id) ORDER BY (e->>'row')::integer)
    INTO v_errors
    FROM jsonb_array_elements(p->'rows') e
    JOIN jf.organisations o ON o.credit_code = e #>> '{set,credit_code}';
  END IF;
  IF v_errors IS NOT NULL OR NOT (p->>'commit')::boolean THEN
    RETURN jsonb_build_object('errors', coalesce(v_errors, '[]'));
  END IF;
  IF v_kind = 'places' THEN
    INSERT INTO jf.places (kind, name, address, org_id, lat, lng)
    SELECT coalesce(r.kind, 'address'), r.name, r.address, r.org_id, r.lat, r.lng
    FROM jsonb_array_elements(p->'rows') WITH ORDINALITY AS e(v, n),
         jsonb_populate_record(NULL::jf.places, e.v->'set') r
    ORDER BY e.n;
  ELSE
    INSERT INTO jf.organisations (kind, name, credit_code, address, org_id, contact_name)
    SELECT r.kind, r.name, r.credit_code, r.address, r.org_id, r.contact_name
    FROM jsonb_array_elements(p->'rows') WITH ORDINALITY AS e(v, n),
         jsonb_populate_record(NULL::jf.organisations, e.v->'set') r
    ORDER BY e.n;
  END IF;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM jf.audit((p->>'actor_id')::integer, p->>'actor_role', (p->>'actor_org_id')::integer,
                   v_kind || '.imported', '', jsonb_build_object('rows', v_count));
  RETURN jsonb_build_object('imported', v_count);
END
$$;

-- The places in the subtree of @p->'root', by id, in the columns of an import.
CREATE FUNCTION jf.places_export(p jsonb)
RETURNS TABLE (id bigint, kind text, name text, address text, org_code text, lat text,
               lng text)
LANGUAGE sql STABLE AS $$
  SELECT pl.id, pl.kind, pl.name, pl.address, o.code, pl.lat::text, pl.lng::text
  FROM jf.places pl JOIN jf.org_units o ON o.id = pl.org_id,
       jf.org_units r
  WHERE r.id = (p->>'root')::integer
    AND CASE r.level WHEN 'city' THEN true WHEN 'county' THEN o.county_id = r.id
                     WHEN 'township' THEN o.township_id = r.id
                     WHEN 'village' THEN o.village_id = r.id ELSE o.id = r.id END
  ORDER BY pl.id
$$;

-- Every organisation, as everyone may see them, by id, in the columns of an import.
CREATE FUNCTION jf.organisations_export(p jsonb)
RETURNS TABLE (id bigint, kind text, name text, credit_code text, address text,
               org_code text, contact_name text)
LANGUAGE sql STABLE AS $$
  SELECT og.id, og.kind, og.name, og.credit_code, og.address, o.code, og.contact_name
  FROM jf.organisations og LEFT JOIN jf.org_units o ON o.id = og.org_id
  ORDER BY og.id
$$;
