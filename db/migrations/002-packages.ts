/**
 * Data packages between county and city (docs/package-format.md):
 * - `units.origin`: '' for the bureau's own units, else the bureau a package brought them from;
 *   such units are read-only here (D11) and are replaced whole by that bureau's next package, so
 *   their confirmed assessments and events may be deleted by a replacement — local ones still never.
 * - `packages`: every package imported, newest per origin decides what is "older".
 * - `bureau_keys`: the signing key each sending bureau used first (trust on first use).
 */
export const packages = /* sql */ `
ALTER TABLE units ADD COLUMN origin TEXT NOT NULL DEFAULT '';
CREATE INDEX units_origin ON units(origin);

DROP TRIGGER assessments_confirmed_keep;
CREATE TRIGGER assessments_confirmed_keep BEFORE DELETE ON assessments
WHEN OLD.status = 'confirmed' AND (SELECT origin FROM units WHERE id = OLD.unit_id) = ''
BEGIN SELECT RAISE(ABORT, '已确认的评估不能删除'); END;

DROP TRIGGER events_keep;
CREATE TRIGGER events_keep BEFORE DELETE ON events
WHEN (SELECT origin FROM units WHERE id = OLD.unit_id) = ''
BEGIN SELECT RAISE(ABORT, '事件记录不能删除（D3：等级历史不得改写）'); END;

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
CREATE INDEX packages_origin ON packages(origin, created_at);

CREATE TABLE bureau_keys (
  origin     TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  first_seen TEXT NOT NULL
) STRICT;
`;
