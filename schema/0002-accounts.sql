-- 0002: accounts, roles, sessions and the global audit log.
CREATE TABLE jf.accounts (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{1,31}$'),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  -- Argon2id in libsodium's string form ($argon2id$v=19$m=...); never the password.
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  roles         text[] NOT NULL CHECK (
                  cardinality(roles) BETWEEN 1 AND 10 AND
                  roles <@ ARRAY['reception', 'mediator', 'grid_leader', 'department_liaison',
                                 'court', 'petition_officer', 'police', 'supervisor', 'admin',
                                 'auditor']::text[]),
  org_id        integer NOT NULL REFERENCES jf.org_units,
  department_id integer REFERENCES jf.departments,
  phone         text CHECK (phone ~ '^[0-9+ -]{3,20}$'),
  disabled      boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until  timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1,
  -- A liaison answers whistles for one department.
  CHECK (NOT ('department_liaison' = ANY (roles)) OR department_id IS NOT NULL)
);
CREATE INDEX accounts_org ON jf.accounts (org_id);
CREATE INDEX accounts_department ON jf.accounts (department_id) WHERE department_id IS NOT NULL;

CREATE TABLE jf.sessions (
  id          bigserial PRIMARY KEY,
  -- SHA-256 of the bearer token: a stolen table yields no usable token.
  token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  account_id  integer NOT NULL REFERENCES jf.accounts,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  client_addr inet,
  user_agent  text CHECK (length(user_agent) <= 300),
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_account ON jf.sessions (account_id);

-- Login attempts, for throttling per account and per address across jiefend processes.
CREATE TABLE jf.login_attempts (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  username    text NOT NULL,
  client_addr inet,
  success     boolean NOT NULL
);
CREATE INDEX login_attempts_username ON jf.login_attempts (username, at);
CREATE INDEX login_attempts_addr ON jf.login_attempts (client_addr, at);

-- Everything that is not a matter's own timeline (accounts, configuration, whole views of
-- personal data in the registry) goes here, in one hash chain.
CREATE TABLE jf.audit_log (
  id         bigserial PRIMARY KEY,
  position   bigint NOT NULL UNIQUE,  -- set by the chain trigger (0003)
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id   integer REFERENCES jf.accounts,
  actor_role text,
  org_id     integer REFERENCES jf.org_units,
  action     text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]*$'),
  target     text NOT NULL DEFAULT '',
  data       jsonb NOT NULL DEFAULT '{}',
  prev_hash  bytea NOT NULL CHECK (length(prev_hash) = 32),
  hash       bytea NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_log_target ON jf.audit_log (target, id);
CREATE INDEX audit_log_actor ON jf.audit_log (actor_id, id);
