/**
 * Units of the registry (REGISTRY.md): common fields as columns, kind-specific facts as one JSON
 * column (validated by `unitRecordSchema` before they get here), licences in their own table,
 * and the 包保责任人 with their history (R21, R22).
 */
import { jsonRows, stmt } from './stmt';
import type { KindId } from '../src/domain/rules';
import type { UnitRecord } from '../src/registry/unit';
import type { Db } from './connection';

/** Kind-specific facts kept in `units.facts` (REGISTRY.md, "underground; …" rows). */
const FACT_FIELDS = ['depth', 'maxShiftUnderground', 'slopeHeight', 'pondGrade', 'damHeight', 'storage', 'overheadPond'] as const;

const LICENCE_TYPES = [
  { type: 'mining', number: 'miningLicence', until: 'miningLicenceUntil' },
  { type: 'safety', number: 'safetyLicence', until: 'safetyLicenceUntil' },
  { type: 'qualification', number: 'qualification', until: 'qualificationUntil' },
] as const;

interface UnitRow {
  id: string;
  enterprise: string;
  name: string;
  credit_code: string;
  kind: KindId;
  kind_label: string;
  county: string;
  township: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  ownership: string;
  status: string;
  stopped_on: string | null;
  principal: string;
  principal_phone: string;
  safety_lead: string | null;
  safety_lead_phone: string | null;
  standardization: string | null;
  pond_id: string | null;
  facts: string;
  supervisor: string | null;
  supervisor_phone: string | null;
}

export interface Official {
  id: number;
  name: string;
  post: string;
  phone: string;
  from: string;
  to: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Drops undefined fields so records compare and serialise the same whichever way they came. */
export function compact<T extends object>(r: T): T {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as T;
}

type LicenceRow = { unit_id: string; type: string; number: string; valid_until: string };

export function getUnit(db: Db, id: string): UnitRecord | undefined {
  const row = stmt(db, 'SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
  if (row === undefined) return undefined;
  const licences = stmt(db, 'SELECT unit_id, type, number, valid_until FROM licences WHERE unit_id = ?').all(id) as LicenceRow[];
  return unitFromRow(row, licences, currentOfficial(db, id));
}

export function unitExists(db: Db, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM units WHERE id = ?').get(id) !== undefined;
}

export function unitKinds(db: Db): Map<string, KindId> {
  const m = new Map<string, KindId>();
  for (const r of stmt(db, 'SELECT id, kind FROM units').iterate() as IterableIterator<{ id: string; kind: KindId }>) m.set(r.id, r.kind);
  return m;
}

function unitFromRow(row: UnitRow, licences: readonly LicenceRow[], off: Official | undefined): UnitRecord {
  const facts = JSON.parse(row.facts) as Partial<UnitRecord>;
  const rec: UnitRecord = {
    id: row.id,
    enterprise: row.enterprise,
    name: row.name,
    creditCode: row.credit_code,
    kind: row.kind,
    kindLabel: row.kind_label as UnitRecord['kindLabel'],
    county: row.county,
    township: opt(row.township),
    address: opt(row.address),
    lon: opt(row.lon),
    lat: opt(row.lat),
    ownership: row.ownership as UnitRecord['ownership'],
    status: row.status as UnitRecord['status'],
    stoppedOn: opt(row.stopped_on),
    principal: row.principal,
    principalPhone: row.principal_phone,
    safetyLead: opt(row.safety_lead),
    safetyLeadPhone: opt(row.safety_lead_phone),
    standardization: opt(row.standardization) as UnitRecord['standardization'],
    pondId: opt(row.pond_id),
    supervisor: opt(row.supervisor),
    supervisorPhone: opt(row.supervisor_phone),
    ...facts,
  };
  for (const l of licences) {
    const t = LICENCE_TYPES.find((x) => x.type === l.type);
    if (t) Object.assign(rec, { [t.number]: l.number, [t.until]: l.valid_until });
  }
  if (off) Object.assign(rec, { officialName: off.name, officialPost: off.post, officialPhone: off.phone });
  return compact(rec);
}

export function currentOfficial(db: Db, unitId: string): Official | undefined {
  return stmt(db, 'SELECT id, name, post, phone, from_date AS "from", to_date AS "to" FROM officials WHERE unit_id = ? AND to_date IS NULL').get(unitId) as
    | Official
    | undefined;
}

export function officialHistory(db: Db, unitId: string): Official[] {
  return stmt(db, 'SELECT id, name, post, phone, from_date AS "from", to_date AS "to" FROM officials WHERE unit_id = ? ORDER BY id').all(unitId) as Official[];
}

/**
 * R22: sets the unit's 包保责任人 from `from` on, closing the previous one's term; null closes it
 * with no successor. Returns whether anything changed.
 */
export function assignOfficial(db: Db, unitId: string, o: { name: string; post: string; phone: string } | null, from: string): boolean {
  const cur = currentOfficial(db, unitId);
  if (cur && o && cur.name === o.name && cur.post === o.post && cur.phone === o.phone) return false;
  if (!cur && !o) return false;
  if (cur) stmt(db, 'UPDATE officials SET to_date = ? WHERE id = ?').run(from, cur.id);
  if (o) insertOfficial(db, unitId, o, from);
  return true;
}

function insertOfficial(db: Db, unitId: string, o: { name: string; post: string; phone: string }, from: string): void {
  stmt(db, 'INSERT INTO officials (unit_id, name, post, phone, from_date) VALUES (?, ?, ?, ?, ?)').run(unitId, o.name, o.post, o.phone, from);
}

/** The fields that differ between two records, as `{ old, new }` for the audit log. */
export function diffRecords(a: UnitRecord | undefined, b: UnitRecord): { old: Record<string, unknown>; new: Record<string, unknown> } | null {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b)]);
  for (const k of keys) {
    const x = (a as Record<string, unknown> | undefined)?.[k];
    const y = (b as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      before[k] = x ?? null;
      after[k] = y ?? null;
    }
  }
  return Object.keys(after).length === 0 ? null : { old: before, new: after };
}

/**
 * Inserts or updates a unit (a checked record). Returns the record before the change (undefined
 * when created). The caller runs it inside the use case's transaction and audits the change.
 */
export function saveUnit(db: Db, rec: UnitRecord, at: string, today: string): UnitRecord | undefined {
  const old = getUnit(db, rec.id);
  stmt(db, 'INSERT OR IGNORE INTO counties (name) VALUES (?)').run(rec.county);
  const facts = Object.fromEntries(FACT_FIELDS.filter((f) => rec[f] !== undefined).map((f) => [f, rec[f]]));
  const row = {
    id: rec.id,
    enterprise: rec.enterprise,
    name: rec.name,
    credit_code: rec.creditCode,
    kind: rec.kind,
    kind_label: rec.kindLabel,
    county: rec.county,
    township: rec.township ?? null,
    address: rec.address ?? null,
    lon: rec.lon ?? null,
    lat: rec.lat ?? null,
    ownership: rec.ownership,
    status: rec.status,
    stopped_on: rec.stoppedOn ?? null,
    principal: rec.principal,
    principal_phone: rec.principalPhone,
    safety_lead: rec.safetyLead ?? null,
    safety_lead_phone: rec.safetyLeadPhone ?? null,
    standardization: rec.standardization ?? null,
    pond_id: rec.pondId ?? null,
    facts: JSON.stringify(facts),
    supervisor: rec.supervisor ?? null,
    supervisor_phone: rec.supervisorPhone ?? null,
    at,
  };
  if (old === undefined) {
    stmt(db, 
      `INSERT INTO units (id, enterprise, name, credit_code, kind, kind_label, county, township, address, lon, lat, ownership, status,
        stopped_on, principal, principal_phone, safety_lead, safety_lead_phone, standardization, pond_id, facts, supervisor, supervisor_phone,
        created_at, updated_at)
       VALUES (@id, @enterprise, @name, @credit_code, @kind, @kind_label, @county, @township, @address, @lon, @lat, @ownership, @status,
        @stopped_on, @principal, @principal_phone, @safety_lead, @safety_lead_phone, @standardization, @pond_id, @facts, @supervisor,
        @supervisor_phone, @at, @at)`,
    ).run(row);
  } else {
    stmt(db, 
      `UPDATE units SET enterprise=@enterprise, name=@name, credit_code=@credit_code, kind=@kind, kind_label=@kind_label, county=@county,
        township=@township, address=@address, lon=@lon, lat=@lat, ownership=@ownership, status=@status, stopped_on=@stopped_on,
        principal=@principal, principal_phone=@principal_phone, safety_lead=@safety_lead, safety_lead_phone=@safety_lead_phone,
        standardization=@standardization, pond_id=@pond_id, facts=@facts, supervisor=@supervisor, supervisor_phone=@supervisor_phone,
        updated_at=@at WHERE id=@id`,
    ).run(row);
  }
  // A new unit has no licences and no 包保责任人 yet (foreign keys: none can exist without
  // their unit), so there is nothing to delete or to close: an import of 50,000 new units runs
  // some 160,000 statements fewer.
  for (const l of LICENCE_TYPES) {
    const number = rec[l.number];
    const until = rec[l.until];
    if (number !== undefined && until !== undefined) {
      stmt(db, 
        'INSERT INTO licences (unit_id, type, number, valid_until) VALUES (?, ?, ?, ?) ON CONFLICT(unit_id, type) DO UPDATE SET number = excluded.number, valid_until = excluded.valid_until',
      ).run(rec.id, l.type, number, until);
    } else if (old !== undefined) {
      stmt(db, 'DELETE FROM licences WHERE unit_id = ? AND type = ?').run(rec.id, l.type);
    }
  }
  const official =
    rec.officialName !== undefined && rec.officialPost !== undefined && rec.officialPhone !== undefined
      ? { name: rec.officialName, post: rec.officialPost, phone: rec.officialPhone }
      : null;
  if (old !== undefined) assignOfficial(db, rec.id, official, today);
  else if (official !== null) insertOfficial(db, rec.id, official, today);
  return old;
}

/** Every unit, in three queries (lists and reports of tens of thousands of units). */
export function allUnits(db: Db): UnitRecord[] {
  const licences = new Map<string, LicenceRow[]>();
  for (const l of stmt(db, 'SELECT unit_id, type, number, valid_until FROM licences').iterate() as IterableIterator<LicenceRow>) {
    const list = licences.get(l.unit_id);
    if (list) list.push(l);
    else licences.set(l.unit_id, [l]);
  }
  const officials = new Map<string, Official>();
  for (const o of stmt(db, 'SELECT unit_id, id, name, post, phone, from_date AS "from", to_date AS "to" FROM officials WHERE to_date IS NULL').iterate() as IterableIterator<Official & { unit_id: string }>) {
    const { unit_id, ...rest } = o;
    officials.set(unit_id, rest);
  }
  return (stmt(db, 'SELECT * FROM units ORDER BY id').all() as UnitRow[]).map((r) => unitFromRow(r, licences.get(r.id) ?? [], officials.get(r.id)));
}

/** The registry columns lists and reports of every unit show (no facts, licences or officials). */
export interface UnitSummary {
  id: string;
  name: string;
  enterprise: string;
  kind: KindId;
  kindLabel: string;
  county: string;
  township: string;
  status: UnitRecord['status'];
  ownership: UnitRecord['ownership'];
  pondId: string | null;
}

/** Every unit's summary in id order, as one JSON array built by SQLite (tens of thousands of units). */
export function unitSummaries(db: Db): UnitSummary[] {
  const rows = jsonRows<[string, string, string, KindId, string, string, string, UnitRecord['status'], UnitRecord['ownership'], string | null]>(
    db,
    `SELECT json_group_array(json_array(id, name, enterprise, kind, kind_label, county, coalesce(township, ''), status, ownership, pond_id))
       FROM (SELECT * FROM units ORDER BY id)`,
  );
  return rows.map(([id, name, enterprise, kind, kindLabel, county, township, status, ownership, pondId]) => ({ id, name, enterprise, kind, kindLabel, county, township, status, ownership, pondId }));
}
