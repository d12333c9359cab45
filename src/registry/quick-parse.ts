/**
 * The registry import's fast path (issue 6): a well-formed cell checked by hand instead of by zod,
 * and a row without problems turned into its record without parsing it again. An import reads
 * tens of thousands of rows of some twenty filled cells each; zod is what makes the messages,
 * so anything irregular still goes through `RegistryColumn.parse` and `unitRecordSchema`.
 *
 * The rule: the fast path accepts only what the full check accepts, and stores the same value.
 * Only fields listed here take it; a field added to the registry later goes through zod until it
 * is listed. tests/registry/quick-parse.test.ts holds both paths to the same answers.
 *
 * Pure module (no I/O), like ./unit.
 */
import { isIsoDate } from '../domain/dates';
import { creditCodeProblem } from './credit-code';
import { PHONE_PATTERN, UNIT_ID_PATTERN, unitFieldSchemas, type CellInput, type RegistryColumn, type UnitField, type UnitRecord } from './unit';

/** A trimmed, non-empty text → the value to store, or null when only the full check can tell. */
type TextCheck = (s: string) => string | null;

const plain: TextCheck = (s) => s;
const unitId: TextCheck = (s) => (UNIT_ID_PATTERN.test(s) ? s : null);
const phone: TextCheck = (s) => (PHONE_PATTERN.test(s) ? s : null);

/** Text fields and what their schema in ./unit checks (`text()`, `unitId()`, `phone()`, …). */
const TEXT_FIELDS: Partial<Record<UnitField, TextCheck>> = {
  id: unitId,
  enterprise: plain,
  name: plain,
  // The column upper-cases the code before checking it.
  creditCode: (s) => {
    const up = s.toUpperCase();
    return creditCodeProblem(up) === null ? up : null;
  },
  county: plain,
  township: plain,
  address: plain,
  principal: plain,
  principalPhone: phone,
  safetyLead: plain,
  safetyLeadPhone: phone,
  miningLicence: plain,
  safetyLicence: plain,
  qualification: plain,
  pondId: unitId,
  officialName: plain,
  officialPost: plain,
  officialPhone: phone,
  supervisor: plain,
  supervisorPhone: plain,
};

/** Choice fields: their schema is `z.enum` of the column's own choices. */
const CHOICE_FIELDS: ReadonlySet<UnitField> = new Set(['ownership', 'status', 'standardization', 'pondGrade']);

/** Date fields: `isoDate`; a text `YYYY-MM-DD` is taken as it is. */
const DATE_FIELDS: ReadonlySet<UnitField> = new Set(['stoppedOn', 'miningLicenceUntil', 'safetyLicenceUntil', 'qualificationUntil']);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Sets the field a cell gives on `into` and returns true, when the cell is certainly valid; false
 * when `def.parse` must decide (an empty cell, a number or date cell, anything unusual).
 */
export type QuickParse = (cell: CellInput | undefined, into: Partial<UnitRecord>) => boolean;

const never: QuickParse = () => false;

/** The fast path of a column (once per column, not per cell). */
export function quickParser(def: RegistryColumn): QuickParse {
  const field = def.field;
  let check: TextCheck | undefined;
  if (def.type === 'text') check = TEXT_FIELDS[field];
  else if (def.type === 'choice' && CHOICE_FIELDS.has(field) && def.choices !== undefined) {
    const choices = new Set(def.choices);
    check = (s) => (choices.has(s) ? s : null);
  } else if (def.type === 'date' && DATE_FIELDS.has(field)) {
    check = (s) => (ISO_DAY.test(s) && isIsoDate(s) ? s : null);
  }
  // An empty cell of an optional column sets nothing (a required one is `parse`'s to report).
  const empty = !def.required;
  if (check === undefined) return empty ? (cell) => cell === undefined : never;
  const ok = check;
  return (cell, into) => {
    if (typeof cell !== 'string') return cell === undefined && empty;
    const t = cell.trim(); // as `cellText`
    if (t === '') return empty;
    const value = ok(t);
    if (value === null) return false;
    (into as Record<string, unknown>)[field] = value;
    return true;
  };
}

/** Fields in the record schema's order, and those it requires. */
const FIELD_ORDER = Object.keys(unitFieldSchemas) as UnitField[];
const FIELD_INDEX = new Map(FIELD_ORDER.map((f, i) => [f, i]));
const REQUIRED_FIELDS = FIELD_ORDER.filter((f) => !unitFieldSchemas[f].safeParse(undefined).success);

/**
 * Whether columns read in this order set their fields in the record schema's order (they do for
 * the app's own template and export): the fields a row's cells set then need no reordering.
 */
export function inRecordOrder(columns: readonly RegistryColumn[]): boolean {
  let last = -1;
  for (const c of columns) {
    const i = FIELD_INDEX.get(c.field) ?? -1;
    if (i <= last) return false;
    last = c.field === 'kind' ? (FIELD_INDEX.get('kindLabel') ?? -1) : i;
  }
  return true;
}

/**
 * The record of a row whose every cell passed its field's check and whose fields broke no rule
 * together (`unitRuleProblems`): what `unitRecordSchema` would give — the same fields in the
 * schema's order — or null when a required field is missing (its column is), which the schema
 * would refuse. `ordered`: the fields were set in the schema's order (`inRecordOrder`), so
 * `partial` itself is the record.
 */
export function quickRecord(partial: Partial<UnitRecord>, ordered = false): UnitRecord | null {
  for (const f of REQUIRED_FIELDS) if (partial[f] === undefined) return null;
  if (ordered) return partial as UnitRecord;
  const rec: Record<string, unknown> = {};
  for (const f of FIELD_ORDER) {
    const v = partial[f];
    if (v !== undefined) rec[f] = v;
  }
  return rec as unknown as UnitRecord;
}
