-- 0001: the organisation tree (DOMAIN.md §1) and the departments on the platform.
CREATE SCHEMA jf;

CREATE TABLE jf.org_units (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE
              CHECK (code ~ '^[0-9]{6}([0-9]{3}){0,3}$'),
  level       text NOT NULL
              CHECK (level IN ('city', 'county', 'township', 'village', 'grid')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  parent_id   integer REFERENCES jf.org_units,
  -- Ancestors at each level, self included: a matter copies them from its owning unit so
  -- that "everything under this county/township/village" is one indexed equality.
  county_id   integer REFERENCES jf.org_units,
  township_id integer REFERENCES jf.org_units,
  village_id  integer REFERENCES jf.org_units,
  -- Residents, for the no-litigation index (matters that went to court per 10,000).
  population  integer CHECK (population >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'city') = (parent_id IS NULL)),
  CHECK (CASE level
           WHEN 'city' THEN length(code) = 6 AND county_id IS NULL
           WHEN 'county' THEN length(code) = 6 AND county_id = id AND township_id IS NULL
           WHEN 'township' THEN length(code) = 9 AND township_id = id AND village_id IS NULL
           WHEN 'village' THEN length(code) = 12 AND village_id = id
           WHEN 'grid' THEN length(code) = 15 AND village_id IS NOT NULL
         END)
);
CREATE INDEX org_units_parent ON jf.org_units (parent_id);

-- The kinds of functional department; about 24 exist in each county.
CREATE TABLE jf.department_kinds (
  slug     text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9_]{0,31}$'),
  name_zh  text NOT NULL,
  name_en  text NOT NULL
);

CREATE TABLE jf.departments (
  id         serial PRIMARY KEY,
  -- Stable API name: county code and kind, e.g. 220402-public_security; a police station
  -- adds its township: 220402-police_station-220402001.
  code       text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6}-[a-z][a-z0-9_]*(-[0-9]{9})?$'),
  kind       text NOT NULL REFERENCES jf.department_kinds,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  county_id  integer NOT NULL REFERENCES jf.org_units,
  -- A police station serves a township; other departments serve the whole county.
  serves_org_id integer REFERENCES jf.org_units,
  parent_id  integer REFERENCES jf.departments,
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_id, kind, serves_org_id)
);
CREATE INDEX departments_county ON jf.departments (county_id, kind);
CREATE INDEX departments_serves ON jf.departments (serves_org_id) WHERE serves_org_id IS NOT NULL;
