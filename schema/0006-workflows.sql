-- 0006: whistle and report, mediation and agreements, referrals, the court and petition
-- links, follow-up visits and attachments (DOMAIN.md §2–§4).
CREATE TABLE jf.whistles (
  id          bigserial PRIMARY KEY,
  matter_id   bigint NOT NULL REFERENCES jf.matters,
  org_id      integer NOT NULL REFERENCES jf.org_units,  -- the whistling centre
  urgency     text NOT NULL CHECK (urgency IN ('urgent', 'normal')),
  request     text NOT NULL CHECK (length(request) BETWEEN 1 AND 2000),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'recalled')),
  created_by  integer NOT NULL REFERENCES jf.accounts,
  created_at  timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz,
  CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE INDEX whistles_matter ON jf.whistles (matter_id);
-- One open whistle per matter at a time.
CREATE UNIQUE INDEX whistles_one_open ON jf.whistles (matter_id) WHERE status = 'open';

CREATE TABLE jf.whistle_targets (
  id              bigserial PRIMARY KEY,
  whistle_id      bigint NOT NULL REFERENCES jf.whistles,
  department_id   integer NOT NULL REFERENCES jf.departments,
  role            text NOT NULL CHECK (role IN ('lead', 'assist')),
  ask             text NOT NULL DEFAULT '' CHECK (length(ask) <= 2000),
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'checked_in', 'fed_back', 'verified',
                                    'cancelled')),
  checkin_due_at  timestamptz NOT NULL,
  action_due_at   timestamptz NOT NULL,
  checked_in_at   timestamptz,
  checked_in_by   integer REFERENCES jf.accounts,
  feedback        text CHECK (length(feedback) <= 5000),
  fed_back_at     timestamptz,
  fed_back_by     integer REFERENCES jf.accounts,
  sent_back_count integer NOT NULL DEFAULT 0,
  sent_back_note  text,
  extension_reason text,
  extension_requested_at timestamptz,
  verified_at     timestamptz,
  verified_by     integer REFERENCES jf.accounts,
  rating          smallint CHECK (rating BETWEEN 1 AND 5),
  checkin_overdue boolean NOT NULL DEFAULT false,
  action_overdue  boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (whistle_id, department_id),
  CHECK ((status = 'verified') = (verified_at IS NOT NULL)),
  CHECK ((status = 'verified') <= (rating IS NOT NULL))
);
CREATE UNIQUE INDEX whistle_targets_one_lead ON jf.whistle_targets (whistle_id)
  WHERE role = 'lead';
CREATE INDEX whistle_targets_inbox ON jf.whistle_targets (department_id, status, id);

CREATE TABLE jf.mediation_sessions (
  id           bigserial PRIMARY KEY,
  matter_id    bigint NOT NULL REFERENCES jf.matters,
  scheduled_at timestamptz NOT NULL,
  room         text NOT NULL CHECK (length(room) BETWEEN 1 AND 50),
  -- A "1+3+1" team: judge, grid leader, mediator, citizen representative, auxiliary police.
  team         text NOT NULL DEFAULT 'roster' CHECK (team IN ('roster', 'one_three_one')),
  mediators    integer[] NOT NULL CHECK (cardinality(mediators) BETWEEN 1 AND 10),
  participants jsonb NOT NULL DEFAULT '[]',
  statements   text CHECK (length(statements) <= 20000),
  outcome      text CHECK (outcome IN ('agreement', 'partial', 'failed', 'adjourned')),
  held_at      timestamptz,
  created_by   integer NOT NULL REFERENCES jf.accounts,
  created_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  CHECK ((outcome IS NULL) = (held_at IS NULL))
);
CREATE INDEX mediation_sessions_matter ON jf.mediation_sessions (matter_id);

CREATE TABLE jf.agreements (
  id              bigserial PRIMARY KEY,
  matter_id       bigint NOT NULL REFERENCES jf.matters,
  session_id      bigint REFERENCES jf.mediation_sessions,
  template        text NOT NULL DEFAULT 'people_mediation'
                  CHECK (template ~ '^[a-z][a-z0-9_]{0,31}$'),
  parties         jsonb NOT NULL,   -- names and roles as written on the agreement
  facts           text NOT NULL CHECK (length(facts) BETWEEN 1 AND 10000),
  terms           text NOT NULL CHECK (length(terms) BETWEEN 1 AND 10000),
  performance_due date,
  signatures      jsonb NOT NULL DEFAULT '[]',  -- [{party, signed_at, recorded_by}]
  mediator_id     integer REFERENCES jf.accounts,
  mediator_signed_at timestamptz,
  sealed_at       timestamptz,
  effective_on    date,
  performance     text NOT NULL DEFAULT 'pending'
                  CHECK (performance IN ('pending', 'fulfilled', 'breached')),
  performance_note text,
  created_by      integer NOT NULL REFERENCES jf.accounts,
  created_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
CREATE INDEX agreements_matter ON jf.agreements (matter_id);

CREATE TABLE jf.referrals (
  id          bigserial PRIMARY KEY,
  matter_id   bigint NOT NULL REFERENCES jf.matters,
  kind        text NOT NULL CHECK (kind IN ('court', 'petition', 'arbitration', 'police')),
  target      text NOT NULL CHECK (length(target) BETWEEN 1 AND 100),
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status      text NOT NULL DEFAULT 'open'
              CHECK (status IN ('open', 'settled', 'judicially_confirmed', 'filed_lawsuit',
                                'withdrawn', 'returned', 'done')),
  due_at      timestamptz,
  -- Pre-litigation mediation is extended only with both parties' consent.
  extended_days integer NOT NULL DEFAULT 0 CHECK (extended_days >= 0),
  consent     jsonb,
  outcome     text,
  created_by  integer NOT NULL REFERENCES jf.accounts,
  created_at  timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz,
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX referrals_matter ON jf.referrals (matter_id);
CREATE INDEX referrals_open ON jf.referrals (kind, status) WHERE status = 'open';

CREATE TABLE jf.judicial_confirmations (
  id             bigserial PRIMARY KEY,
  agreement_id   bigint NOT NULL UNIQUE REFERENCES jf.agreements,
  applied_on     date NOT NULL,
  court          text NOT NULL CHECK (length(court) BETWEEN 1 AND 100),
  accept_due_on  date NOT NULL,
  accepted_on    date,
  decide_due_on  date,
  extended       boolean NOT NULL DEFAULT false,
  decided_on     date,
  decision       text CHECK (decision IN ('confirmed', 'refused', 'not_accepted')),
  -- Refusals name the legal reason.
  refusal_reason text,
  created_by     integer NOT NULL REFERENCES jf.accounts,
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK (decision NOT IN ('refused', 'not_accepted') OR refusal_reason IS NOT NULL)
);

CREATE TABLE jf.petitions (
  id            bigserial PRIMARY KEY,
  matter_id     bigint NOT NULL UNIQUE REFERENCES jf.matters,
  -- Same petitioner and same facts, to refuse a repeat after re-review: keyed hashes.
  petitioner_hmac bytea NOT NULL CHECK (length(petitioner_hmac) = 32),
  facts_hmac    bytea NOT NULL CHECK (length(facts_hmac) = 32),
  stage         text NOT NULL DEFAULT 'deciding'
                CHECK (stage IN ('deciding', 'not_accepted', 'handling', 'replied',
                                 'review_requested', 'reviewed', 'rereview_requested',
                                 'rereviewed')),
  decide_due_on date NOT NULL,
  accepted_on   date,
  handle_due_on date,
  extension_days integer NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 30),
  extension_reason text,
  petitioner_told_at timestamptz,
  replied_on    date,
  review_requested_on date,
  review_due_on date,
  reviewed_on   date,
  rereview_requested_on date,
  rereview_due_on date,
  rereviewed_on date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  CHECK (extension_days = 0 OR extension_reason IS NOT NULL)
);
CREATE INDEX petitions_repeat ON jf.petitions (petitioner_hmac, facts_hmac);

CREATE TABLE jf.followups (
  id           bigserial PRIMARY KEY,
  matter_id    bigint NOT NULL REFERENCES jf.matters,
  due_at       timestamptz NOT NULL,
  done_at      timestamptz,
  satisfaction text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
  note         text CHECK (length(note) <= 2000),
  done_by      integer REFERENCES jf.accounts,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((done_at IS NULL) = (satisfaction IS NULL))
);
CREATE INDEX followups_matter ON jf.followups (matter_id);
CREATE INDEX followups_open ON jf.followups (due_at) WHERE done_at IS NULL;

-- Files are stored by content hash outside any served directory; this is the index.
CREATE TABLE jf.attachments (
  id          bigserial PRIMARY KEY,
  matter_id   bigint NOT NULL REFERENCES jf.matters,
  target_id   bigint REFERENCES jf.whistle_targets,  -- a department's feedback
  sha256      bytea NOT NULL CHECK (length(sha256) = 32),
  size_bytes  bigint NOT NULL CHECK (size_bytes BETWEEN 1 AND 104857600),
  media_type  text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf',
                                                  'image/tiff', 'image/webp')),
  filename    text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200
                                   AND filename !~ '[/\\]' AND filename !~ '^\.'),
  uploaded_by integer NOT NULL REFERENCES jf.accounts,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_matter ON jf.attachments (matter_id);

-- What the live stream delivers, kept so a reconnecting client can catch up from the last
-- id it saw. Scope decides who receives it: the owning unit's subtree (org_id), a
-- department's liaisons, or one account.
CREATE TABLE jf.stream_events (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  kind          text NOT NULL CHECK (kind IN ('matter.created', 'matter.changed',
                                              'whistle.received', 'deadline.warning',
                                              'deadline.breached', 'risk.alert',
                                              'police.alert', 'supervision')),
  matter_id     bigint REFERENCES jf.matters,
  org_id        integer REFERENCES jf.org_units,
  department_id integer REFERENCES jf.departments,
  account_id    integer REFERENCES jf.accounts,
  payload       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX stream_events_at ON jf.stream_events (at);
