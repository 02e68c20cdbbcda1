-- 0005: the calendar, deadline rules as data, and the clocks running on matters (§5).
CREATE TABLE jf.calendar_days (
  day  date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('off', 'work')),  -- holiday, or make-up working day
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A rule for a stage's clock; NULL kind or category means "any". The most specific rule
-- wins (kind and category, then kind, then category, then neither).
CREATE TABLE jf.deadline_rules (
  id          serial PRIMARY KEY,
  stage       text NOT NULL CHECK (stage ~ '^[a-z][a-z0-9_]{0,63}$'),
  kind        text CHECK (kind IN ('dispute', 'request', 'petition', 'grid_event')),
  category    text REFERENCES jf.categories,
  unit        text NOT NULL CHECK (unit IN ('natural_days', 'working_days', 'hours', 'minutes')),
  amount      integer NOT NULL CHECK (amount BETWEEN 1 AND 10000),
  -- Warn this many minutes before the due time.
  warn_minutes integer NOT NULL DEFAULT 0 CHECK (warn_minutes >= 0),
  -- A natural-day period whose last day is a holiday ends on the next working day.
  roll_forward boolean NOT NULL DEFAULT true,
  description text NOT NULL DEFAULT '',
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1,
  UNIQUE NULLS NOT DISTINCT (stage, kind, category)
);

CREATE TABLE jf.deadlines (
  id          bigserial PRIMARY KEY,
  matter_id   bigint NOT NULL REFERENCES jf.matters,
  stage       text NOT NULL CHECK (stage ~ '^[a-z][a-z0-9_]{0,63}$'),
  -- What the clock is about beyond the matter, e.g. 'whistle_target:17'.
  subject     text NOT NULL DEFAULT '',
  rule_id     integer REFERENCES jf.deadline_rules,
  started_at  timestamptz NOT NULL,
  due_at      timestamptz,          -- NULL while an open pause suspends it
  warn_at     timestamptz,
  state       text NOT NULL DEFAULT 'running'
              CHECK (state IN ('running', 'paused', 'met', 'cancelled')),
  -- Raised once each, by whichever jiefend process claims the row first.
  warned_at   timestamptz,
  breached_at timestamptz,
  met_at      timestamptz,
  extended_by_minutes integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (state = 'paused' OR due_at IS NOT NULL)
);
CREATE INDEX deadlines_matter ON jf.deadlines (matter_id, stage);
CREATE INDEX deadlines_due ON jf.deadlines (due_at)
  WHERE state = 'running' AND breached_at IS NULL;
CREATE INDEX deadlines_warn ON jf.deadlines (warn_at)
  WHERE state = 'running' AND warned_at IS NULL;

CREATE TABLE jf.deadline_pauses (
  id          bigserial PRIMARY KEY,
  deadline_id bigint NOT NULL REFERENCES jf.deadlines,
  reason      text NOT NULL CHECK (reason IN ('hearing', 'appraisal', 'other')),
  note        text NOT NULL DEFAULT '',
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  created_by  integer REFERENCES jf.accounts,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX deadline_pauses_deadline ON jf.deadline_pauses (deadline_id);
