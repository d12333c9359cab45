-- index assessments_case
CREATE INDEX assessments_case ON assessments(status, unit_id, seq, ref, assessed_on, tier, clause, score, table_id, table_version);

-- index assessments_unit
CREATE INDEX assessments_unit ON assessments(unit_id, status, assessed_on);

-- index events_unit
CREATE INDEX events_unit ON events(unit_id, seq);

-- index hazards_inspection
CREATE INDEX hazards_inspection ON hazards(inspection_id);

-- index inspections_unit
CREATE INDEX inspections_unit ON inspections(unit_id, date);

-- index officials_current
CREATE UNIQUE INDEX officials_current ON officials(unit_id) WHERE to_date IS NULL;

-- index officials_unit
CREATE INDEX officials_unit ON officials(unit_id);

-- index packages_origin
CREATE INDEX packages_origin ON packages(origin, created_at);

-- index units_county
CREATE INDEX units_county ON units(county);

-- index units_credit_code
CREATE INDEX units_credit_code ON units(credit_code);

-- index units_kind
CREATE INDEX units_kind ON units(kind);

-- index units_origin
CREATE INDEX units_origin ON units(origin);

-- table assessments
CREATE TABLE assessments (
  seq           INTEGER PRIMARY KEY,
  unit_id       TEXT NOT NULL REFERENCES units(id),
  ref           TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('draft','confirmed')),
  assessed_on   TEXT NOT NULL,
  table_id      TEXT,
  table_version TEXT,
  sheet         TEXT,
  result        TEXT,
  manual_basis  TEXT,
  tier          TEXT CHECK (tier IN ('A','B','C','D')),
  clause        TEXT,
  score         REAL,
  assessors     TEXT NOT NULL DEFAULT '[]',
  supersedes    INTEGER REFERENCES assessments(seq),
  created_at    TEXT NOT NULL,
  confirmed_at  TEXT,
  UNIQUE (unit_id, ref),
  FOREIGN KEY (table_id, table_version) REFERENCES table_sets(id, version),
  CHECK (status = 'draft' OR (tier IS NOT NULL AND clause IS NOT NULL AND confirmed_at IS NOT NULL)),
  CHECK (manual_basis IS NOT NULL OR (table_id IS NOT NULL AND sheet IS NOT NULL))
) STRICT;

-- table audit_log
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  operator  TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  old       TEXT,
  new       TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;

-- table bureau_keys
CREATE TABLE bureau_keys (
  origin     TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  first_seen TEXT NOT NULL
) STRICT;

-- table counties
CREATE TABLE counties (
  name TEXT PRIMARY KEY
) STRICT;

-- table events
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,
  unit_id       TEXT NOT NULL REFERENCES units(id),
  date          TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('fatal-accident','blacklist','major-hazard','nonfatal-accident','standardization','advanced-equipment','stopped','resumed','surroundings-changed','rules-changed')),
  count         INTEGER CHECK (count IS NULL OR count >= 1),
  grade         TEXT CHECK (grade IS NULL OR grade IN ('一级','二级','三级')),
  note          TEXT NOT NULL DEFAULT '',
  inspection_id INTEGER REFERENCES inspections(id),
  created_at    TEXT NOT NULL,
  -- an event entered by mistake is voided (with the reason, audited), never deleted
  voided_at     TEXT,
  void_reason   TEXT
) STRICT;

-- table hazards
CREATE TABLE hazards (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  description   TEXT NOT NULL,
  rectify_by    TEXT,
  rectified_on  TEXT,
  closed_on     TEXT
) STRICT;

-- table inspections
CREATE TABLE inspections (
  id          INTEGER PRIMARY KEY,
  unit_id     TEXT NOT NULL REFERENCES units(id),
  date        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('执法检查','专项检查','日常检查')),
  inspectors  TEXT NOT NULL,
  findings    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

-- table licences
CREATE TABLE licences (
  unit_id     TEXT NOT NULL REFERENCES units(id),
  type        TEXT NOT NULL CHECK (type IN ('mining','safety','qualification')),
  number      TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  PRIMARY KEY (unit_id, type)
) STRICT;

-- table meta
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- table officials
CREATE TABLE officials (
  id        INTEGER PRIMARY KEY,
  unit_id   TEXT NOT NULL REFERENCES units(id),
  name      TEXT NOT NULL,
  post      TEXT NOT NULL,
  phone     TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date   TEXT
) STRICT;

-- table packages
CREATE TABLE packages (
  seq         INTEGER PRIMARY KEY,
  origin      TEXT NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('county-to-city','city-to-county')),
  year        INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  counties    TEXT NOT NULL,
  counts      TEXT NOT NULL
) STRICT;

-- table table_sets
CREATE TABLE table_sets (
  id             TEXT NOT NULL,
  version        TEXT NOT NULL,
  title          TEXT NOT NULL,
  official       INTEGER NOT NULL CHECK (official IN (0,1)),
  effective_from TEXT NOT NULL,
  json           TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  stored_at      TEXT NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

-- table units
CREATE TABLE units (
  id                TEXT PRIMARY KEY,
  enterprise        TEXT NOT NULL,
  name              TEXT NOT NULL,
  credit_code       TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('underground','openpit','tailings','quarry','exploration','contractor','concentrator','other')),
  kind_label        TEXT NOT NULL,
  county            TEXT NOT NULL REFERENCES counties(name),
  township          TEXT,
  address           TEXT,
  lon               REAL,
  lat               REAL,
  ownership         TEXT NOT NULL CHECK (ownership IN ('中央驻晋','省属','市属','其他')),
  status            TEXT NOT NULL,
  stopped_on        TEXT,
  principal         TEXT NOT NULL,
  principal_phone   TEXT NOT NULL,
  safety_lead       TEXT,
  safety_lead_phone TEXT,
  standardization   TEXT,
  pond_id           TEXT REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
  facts             TEXT NOT NULL DEFAULT '{}',
  supervisor        TEXT,
  supervisor_phone  TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
, origin TEXT NOT NULL DEFAULT '') STRICT;

-- trigger assessments_confirmed_immutable
CREATE TRIGGER assessments_confirmed_immutable BEFORE UPDATE ON assessments WHEN OLD.status = 'confirmed'
BEGIN SELECT RAISE(ABORT, '已确认的评估不能修改，只能由新的评估替代'); END;

-- trigger assessments_confirmed_keep
CREATE TRIGGER assessments_confirmed_keep BEFORE DELETE ON assessments
WHEN OLD.status = 'confirmed' AND (SELECT origin FROM units WHERE id = OLD.unit_id) = ''
BEGIN SELECT RAISE(ABORT, '已确认的评估不能删除'); END;

-- trigger audit_log_append_only_delete
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;

-- trigger audit_log_append_only_update
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;

-- trigger events_immutable
CREATE TRIGGER events_immutable BEFORE UPDATE OF unit_id, date, type, count, grade ON events
BEGIN SELECT RAISE(ABORT, '事件记录不能修改（D3：等级历史不得改写）'); END;

-- trigger events_keep
CREATE TRIGGER events_keep BEFORE DELETE ON events
WHEN (SELECT origin FROM units WHERE id = OLD.unit_id) = ''
BEGIN SELECT RAISE(ABORT, '事件记录不能删除（D3：等级历史不得改写）'); END;

-- trigger table_sets_immutable
CREATE TRIGGER table_sets_immutable BEFORE UPDATE ON table_sets
BEGIN SELECT RAISE(ABORT, '评分表版本一经保存不能修改（D8）'); END;

-- trigger table_sets_keep
CREATE TRIGGER table_sets_keep BEFORE DELETE ON table_sets
BEGIN SELECT RAISE(ABORT, '评分表版本一经保存不能删除（D8）'); END;
