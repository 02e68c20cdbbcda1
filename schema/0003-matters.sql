-- 0003: matters, their parties and their hash-chained timeline (DOMAIN.md §2, §6).
CREATE TABLE jf.categories (
  slug     text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9_]{0,31}$'),
  name_zh  text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 50),
  name_en  text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  builtin  boolean NOT NULL DEFAULT false,
  active   boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 100
);

-- Unigrams and bigrams of a text, for Chinese search: trigrams cannot serve the one- and
-- two-character queries that Chinese users type most. Spaces and ASCII punctuation split
-- the text; Latin letters are folded to lower case.
CREATE FUNCTION jf.grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}')
  FROM (
    SELECT substr(w, i, n) AS g
    FROM regexp_split_to_table(lower(t), '[[:space:][:punct:]，。、；：？！“”‘’（）《》【】]+') AS w,
         generate_series(1, length(w)) AS i,
         (VALUES (1), (2)) AS ns(n)
    WHERE w <> '' AND i + n - 1 <= length(w)
  ) s
$$;

-- The grams a query must all match: itself when one or two characters long, else its
-- bigrams (the LIKE that follows removes false positives).
CREATE FUNCTION jf.query_grams(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(q) <= 2 THEN ARRAY[lower(q)]
         ELSE (SELECT array_agg(DISTINCT substr(lower(q), i, 2))
               FROM generate_series(1, length(q) - 1) AS i) END
$$;

CREATE TABLE jf.matters (
  id              bigserial PRIMARY KEY,
  -- Human-readable, unique per county and year: 220402-2026-000123.
  number          text NOT NULL UNIQUE CHECK (number ~ '^[0-9]{6}-[0-9]{4}-[0-9]{6,}$'),
  kind            text NOT NULL CHECK (kind IN ('dispute', 'request', 'petition', 'grid_event')),
  category        text NOT NULL REFERENCES jf.categories,
  source          text NOT NULL CHECK (source IN ('window', 'grid', 'hotline', 'police', 'court',
                                                  'petition', 'mobile_point', 'online')),
  status          text NOT NULL DEFAULT 'registered'
                  CHECK (status IN ('registered', 'accepted', 'not_accepted', 'in_mediation',
                                    'dispatched', 'referred', 'resolved', 'closed',
                                    'withdrawn')),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  narrative       text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 5000),
  -- The owning centre, and its ancestors copied for subtree queries (see org_units).
  org_id          integer NOT NULL REFERENCES jf.org_units,
  county_id       integer REFERENCES jf.org_units,
  township_id     integer REFERENCES jf.org_units,
  village_id      integer REFERENCES jf.org_units,
  -- Where it happened.
  place_org_id    integer NOT NULL REFERENCES jf.org_units,
  address         text CHECK (length(address) <= 200),
  lat             double precision CHECK (lat BETWEEN -90 AND 90),
  lng             double precision CHECK (lng BETWEEN -180 AND 180),
  occurred_on     date,
  risk_violence   boolean NOT NULL DEFAULT false,
  risk_group_size integer NOT NULL DEFAULT 0 CHECK (risk_group_size BETWEEN 0 AND 100000),
  risk_minors     boolean NOT NULL DEFAULT false,
  risk_elderly    boolean NOT NULL DEFAULT false,
  assignee_id     integer REFERENCES jf.accounts,
  -- Names of the parties, for free-text search.
  party_names     text NOT NULL DEFAULT '',
  registered_level text NOT NULL CHECK (registered_level IN ('city', 'county', 'township',
                                                               'village', 'grid')),
  registered_org_id integer NOT NULL REFERENCES jf.org_units,
  outcome         text CHECK (length(outcome) <= 2000),
  resolved_at     timestamptz,
  resolved_level  text CHECK (resolved_level IN ('city', 'county', 'township', 'village',
                                                 'grid')),
  resolved_org_id integer REFERENCES jf.org_units,
  closed_at       timestamptz,
  not_accepted_reason text,
  redirect_to     text,
  -- The nearest running deadline, kept by the deadline scheduler, for queue sorting.
  next_deadline_at timestamptz,
  created_by      integer NOT NULL REFERENCES jf.accounts,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- Optimistic concurrency: every change bumps it; a stale version is a 409.
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- Number of timeline events; the chain's length, so a removed tail is seen.
  event_seq       integer NOT NULL DEFAULT 0 CHECK (event_seq >= 0),
  idempotency_key uuid UNIQUE,
  CHECK ((status IN ('resolved', 'closed')) <= (resolved_at IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK ((status = 'not_accepted') <= (not_accepted_reason IS NOT NULL))
);
-- Queues: by status within a subtree, newest first (keyset on id).
CREATE INDEX matters_status ON jf.matters (status, id);
CREATE INDEX matters_county ON jf.matters (county_id, status, id);
CREATE INDEX matters_township ON jf.matters (township_id, status, id);
CREATE INDEX matters_village ON jf.matters (village_id, status, id);
CREATE INDEX matters_org ON jf.matters (org_id, status, id);
CREATE INDEX matters_assignee ON jf.matters (assignee_id, status, id) WHERE assignee_id IS NOT NULL;
CREATE INDEX matters_place ON jf.matters (place_org_id, created_at);
CREATE INDEX matters_created ON jf.matters (created_at);
CREATE INDEX matters_deadline ON jf.matters (next_deadline_at)
  WHERE next_deadline_at IS NOT NULL;
CREATE INDEX matters_search ON jf.matters
  USING gin (jf.grams(title || ' ' || narrative || ' ' || party_names));

-- Matter numbers come from one sequence per county and year: no row lock serialises
-- concurrent intakes in a county. A rolled-back intake leaves a gap in the numbers, which
-- is the price of that; numbers are unique, not gapless.
CREATE FUNCTION jf.next_matter_number(p_county text, p_year integer) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  seq_name text := format('jf.matter_no_%s_%s', p_county, p_year);
  n bigint;
BEGIN
  IF p_county !~ '^[0-9]{6}$' OR p_year NOT BETWEEN 2000 AND 2999 THEN
    RAISE EXCEPTION 'bad county or year for a matter number' USING ERRCODE = '22023';
  END IF;
  BEGIN
    n := nextval(seq_name);
  EXCEPTION WHEN undefined_table THEN
    -- The county's first intake of the year. IF NOT EXISTS does not make two first
    -- intakes at once safe: the second waits on the first's catalog row and then fails
    -- with unique_violation (or duplicate_table). The sequence exists by then.
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %s', seq_name);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      NULL;
    END;
    n := nextval(seq_name);
  END;
  RETURN format('%s-%s-%s', p_county, p_year, lpad(n::text, 6, '0'));
END
$$;

CREATE TABLE jf.parties (
  id             bigserial PRIMARY KEY,
  matter_id      bigint NOT NULL REFERENCES jf.matters,
  position       smallint NOT NULL CHECK (position BETWEEN 0 AND 99),
  role           text NOT NULL CHECK (role IN ('applicant', 'respondent', 'third_party')),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  organisation   text CHECK (length(organisation) <= 100),
  address        text CHECK (length(address) <= 200),
  -- ID and phone numbers are personal data: kept encrypted (libsodium secretbox, key id
  -- first), found by a keyed hash, and shown masked unless the caller may see them whole.
  id_number_enc    bytea,
  id_number_hmac   bytea CHECK (length(id_number_hmac) = 32),
  id_number_masked text CHECK (id_number_masked ~ '^[0-9]{4}\*{10}[0-9]{3}[0-9X]$'),
  birth_date     date,
  sex            text CHECK (sex IN ('male', 'female')),
  phone_enc      bytea,
  phone_hmac     bytea CHECK (length(phone_hmac) = 32),
  phone_masked   text CHECK (length(phone_masked) <= 20),
  person_id      bigint,  -- the registry's person, linked by 0004
  UNIQUE (matter_id, position),
  CHECK ((id_number_enc IS NULL) = (id_number_hmac IS NULL)),
  CHECK ((phone_enc IS NULL) = (phone_hmac IS NULL))
);
CREATE INDEX parties_matter ON jf.parties (matter_id);
CREATE INDEX parties_id_hmac ON jf.parties (id_number_hmac) WHERE id_number_hmac IS NOT NULL;
CREATE INDEX parties_phone_hmac ON jf.parties (phone_hmac) WHERE phone_hmac IS NOT NULL;

-- The timeline. Each matter's events form a SHA-256 chain: hash = sha256(prev_hash ||
-- canonical JSON of the event). The chain starts from sha256('jiefen:matter:<id>').
CREATE TABLE jf.events (
  id         bigserial PRIMARY KEY,
  matter_id  bigint NOT NULL REFERENCES jf.matters,
  seq        integer NOT NULL CHECK (seq >= 1),
  kind       text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,63}$'),
  actor_id   integer REFERENCES jf.accounts,   -- NULL: the system (scheduler)
  actor_role text,
  org_id     integer REFERENCES jf.org_units,  -- the centre it was done from
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  data       jsonb NOT NULL DEFAULT '{}',
  prev_hash  bytea NOT NULL CHECK (length(prev_hash) = 32),
  hash       bytea NOT NULL CHECK (length(hash) = 32),
  UNIQUE (matter_id, seq)
);

-- The canonical form hashed: jsonb's text form is deterministic (keys ordered, one
-- spacing), and the time is given as integer microseconds so no time zone enters it.
CREATE FUNCTION jf.event_canonical(p_matter_id bigint, p_seq integer, p_kind text,
                                   p_actor_id integer, p_actor_role text, p_org_id integer,
                                   p_at timestamptz, p_data jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object(
    'matter', p_matter_id, 'seq', p_seq, 'kind', p_kind, 'actor', p_actor_id,
    'role', p_actor_role, 'org', p_org_id,
    'at', (extract(epoch FROM p_at) * 1000000)::bigint, 'data', p_data)::text
$$;

CREATE FUNCTION jf.matter_chain_genesis(p_matter_id bigint) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT sha256(convert_to('jiefen:matter:' || p_matter_id, 'UTF8'))
$$;

CREATE FUNCTION jf.events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq = 1 THEN
    NEW.prev_hash := jf.matter_chain_genesis(NEW.matter_id);
  ELSE
    SELECT hash INTO NEW.prev_hash FROM jf.events
      WHERE matter_id = NEW.matter_id AND seq = NEW.seq - 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of matter % has no predecessor', NEW.seq, NEW.matter_id
        USING ERRCODE = '23514';
    END IF;
  END IF;
  NEW.hash := sha256(NEW.prev_hash || convert_to(jf.event_canonical(
    NEW.matter_id, NEW.seq, NEW.kind, NEW.actor_id, NEW.actor_role, NEW.org_id, NEW.at,
    NEW.data), 'UTF8'));
  RETURN NEW;
END
$$;
CREATE TRIGGER events_chain BEFORE INSERT ON jf.events
  FOR EACH ROW EXECUTE FUNCTION jf.events_chain();

-- Nothing is deleted and no event is rewritten (DOMAIN.md §6).
CREATE FUNCTION jf.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on %.% is not allowed: the record is append-only', TG_OP,
    TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON jf.events
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();
CREATE TRIGGER matters_no_delete BEFORE DELETE ON jf.matters
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();
CREATE TRIGGER parties_no_delete BEFORE DELETE ON jf.parties
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();

-- The global audit log's chain: one head row, locked while appending, since the log is
-- low in volume and a single order is what makes it verifiable. The order is the chain's
-- own (position), not id order: two appenders may take ids in one order and the lock in
-- the other.
CREATE TABLE jf.audit_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  hash     bytea NOT NULL CHECK (length(hash) = 32),
  count    bigint NOT NULL DEFAULT 0
);
INSERT INTO jf.audit_head (hash) VALUES (sha256(convert_to('jiefen:audit', 'UTF8')));

CREATE FUNCTION jf.audit_canonical(p_position bigint, p_at timestamptz, p_actor_id integer,
                                   p_actor_role text, p_org_id integer, p_action text,
                                   p_target text, p_data jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object(
    'position', p_position, 'at', (extract(epoch FROM p_at) * 1000000)::bigint, 'actor', p_actor_id,
    'role', p_actor_role, 'org', p_org_id, 'action', p_action, 'target', p_target,
    'data', p_data)::text
$$;

CREATE FUNCTION jf.audit_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head bytea;
BEGIN
  SELECT hash INTO head FROM jf.audit_head FOR UPDATE;
  NEW.prev_hash := head;
  SELECT count + 1 INTO NEW.position FROM jf.audit_head;
  NEW.hash := sha256(head || convert_to(jf.audit_canonical(
    NEW.position, NEW.at, NEW.actor_id, NEW.actor_role, NEW.org_id, NEW.action, NEW.target,
    NEW.data), 'UTF8'));
  UPDATE jf.audit_head SET hash = NEW.hash, count = count + 1;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON jf.audit_log
  FOR EACH ROW EXECUTE FUNCTION jf.audit_chain();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON jf.audit_log
  FOR EACH ROW EXECUTE FUNCTION jf.refuse_change();
