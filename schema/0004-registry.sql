-- 0004: the five elements (人、地、事、物、组织, DOMAIN.md §7). The matters are the events;
-- here are the people, places, things and organisations they concern.
CREATE TABLE jf.people (
  id               bigserial PRIMARY KEY,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  -- Encrypted like parties' numbers (see 0003); the keyed hash de-duplicates people.
  id_number_enc    bytea,
  id_number_hmac   bytea UNIQUE CHECK (length(id_number_hmac) = 32),
  id_number_masked text CHECK (id_number_masked ~ '^[0-9]{4}\*{10}[0-9]{3}[0-9X]$'),
  -- Keyed hashes of the last 4 and 6 characters, so a clerk can find a person by the end of
  -- an ID number without the table holding it in clear.
  id_tail4_hmac    bytea CHECK (length(id_tail4_hmac) = 32),
  id_tail6_hmac    bytea CHECK (length(id_tail6_hmac) = 32),
  birth_date       date,
  sex              text CHECK (sex IN ('male', 'female')),
  phone_enc        bytea,
  phone_hmac       bytea CHECK (length(phone_hmac) = 32),
  phone_tail4_hmac bytea CHECK (length(phone_tail4_hmac) = 32),
  phone_masked     text CHECK (length(phone_masked) <= 20),
  address          text CHECK (length(address) <= 200),
  grid_id          integer REFERENCES jf.org_units,
  tags             text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK ((id_number_enc IS NULL) = (id_number_hmac IS NULL))
);
CREATE INDEX people_name ON jf.people USING gin (jf.grams(name));
CREATE INDEX people_address ON jf.people USING gin (jf.grams(coalesce(address, '')));
CREATE INDEX people_id_tail4 ON jf.people (id_tail4_hmac);
CREATE INDEX people_id_tail6 ON jf.people (id_tail6_hmac);
CREATE INDEX people_phone ON jf.people (phone_hmac);
CREATE INDEX people_phone_tail4 ON jf.people (phone_tail4_hmac);
CREATE INDEX people_grid ON jf.people (grid_id);

ALTER TABLE jf.parties ADD FOREIGN KEY (person_id) REFERENCES jf.people;
CREATE INDEX parties_person ON jf.parties (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE jf.places (
  id         bigserial PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('address', 'building', 'facility', 'area')),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  address    text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
  org_id     integer NOT NULL REFERENCES jf.org_units,  -- the grid or village it lies in
  lat        double precision CHECK (lat BETWEEN -90 AND 90),
  lng        double precision CHECK (lng BETWEEN -180 AND 180),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    integer NOT NULL DEFAULT 1,
  -- One registry entry per address within a unit.
  UNIQUE (org_id, address)
);
CREATE INDEX places_search ON jf.places USING gin (jf.grams(name || ' ' || address));

CREATE TABLE jf.organisations (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('company', 'social_organisation', 'institution',
                                             'other')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- Unified social credit code (GB 32100): 18 characters.
  credit_code  text UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  address      text CHECK (length(address) <= 200),
  org_id       integer REFERENCES jf.org_units,
  contact_name text CHECK (length(contact_name) <= 50),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1
);
CREATE INDEX organisations_search ON jf.organisations USING gin (jf.grams(name));

CREATE TABLE jf.things (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('facility', 'vehicle', 'equipment', 'land', 'other')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description text CHECK (length(description) <= 1000),
  place_id    bigint REFERENCES jf.places,
  owner_person_id bigint REFERENCES jf.people,
  owner_organisation_id bigint REFERENCES jf.organisations,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX things_search ON jf.things USING gin (jf.grams(name));

-- Links from a matter to what it concerns; repeat disputes are found through them.
CREATE TABLE jf.matter_people (
  matter_id bigint NOT NULL REFERENCES jf.matters,
  person_id bigint NOT NULL REFERENCES jf.people,
  role      text CHECK (role IN ('applicant', 'respondent', 'third_party')),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (matter_id, person_id)
);
CREATE INDEX matter_people_person ON jf.matter_people (person_id, matter_id);

CREATE TABLE jf.matter_places (
  matter_id bigint NOT NULL REFERENCES jf.matters,
  place_id  bigint NOT NULL REFERENCES jf.places,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (matter_id, place_id)
);
CREATE INDEX matter_places_place ON jf.matter_places (place_id, matter_id);

CREATE TABLE jf.matter_organisations (
  matter_id       bigint NOT NULL REFERENCES jf.matters,
  organisation_id bigint NOT NULL REFERENCES jf.organisations,
  linked_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (matter_id, organisation_id)
);
CREATE INDEX matter_organisations_org ON jf.matter_organisations (organisation_id, matter_id);

CREATE TABLE jf.matter_things (
  matter_id bigint NOT NULL REFERENCES jf.matters,
  thing_id  bigint NOT NULL REFERENCES jf.things,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (matter_id, thing_id)
);
CREATE INDEX matter_things_thing ON jf.matter_things (thing_id, matter_id);
