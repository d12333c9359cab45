/**
 * The one API contract: channel name → zod input schema. The Electron IPC, the preload, the
 * renderer, the CLI and the tests all call the same handlers (`src/services/handlers.ts`) by these
 * names; inputs are checked with these schemas wherever they come from. Pure: no I/O.
 *
 * Channels marked in `MAIN_ONLY` take file paths: the renderer never sends a path, the main
 * process opens the dialog and calls them itself.
 */
import { z } from 'zod';
import { isoDate } from '../domain/dates';
import { KIND_IDS, TIERS } from '../domain/rules';
import { unitRecordSchema } from '../registry/unit';

const unitId = z.string().trim().min(1);
const name = z.string().trim().min(1).max(100);
const assessors = z.array(z.string().trim().min(1)).default([]);

export const INSPECTION_KINDS = ['执法检查', '专项检查', '日常检查'] as const;

export const contract = {
  'bureau.get': z.object({}),
  'bureau.setOperator': z.object({ operator: name }),
  'counties.list': z.object({}),
  'units.list': z.object({
    search: z.string().optional(),
    county: z.string().optional(),
    kind: z.enum(KIND_IDS).optional(),
    tier: z.enum([...TIERS, 'none']).optional(),
    status: z.string().optional(),
    on: isoDate.optional(),
  }),
  /** The registry's rows without tiers (fast), as arrays (`UnitRowTuple`): the registry screen paints them, then asks 'units.tiers'. */
  'units.rows': z.object({ kind: z.enum(KIND_IDS).optional() }),
  /** The first `limit` rows of 'units.rows' (by unit id) and how many units there are: a city's registry paints its first page from these while every row is on its way. */
  'units.head': z.object({ limit: z.number().int().min(1).max(1000) }),
  /** Every unit's tier and number of re-assessments due on a date (default today), by unit id. */
  'units.tiers': z.object({ on: isoDate.optional() }),
  'units.get': z.object({ id: unitId, on: isoDate.optional() }),
  'units.create': unitRecordSchema,
  'units.update': unitRecordSchema,
  'units.import': z.object({ file: z.string().min(1) }),
  'units.export': z.object({ file: z.string().min(1) }),
  'officials.assign': z.object({ unitId, name, post: name, phone: z.string().trim().regex(/^(?:0\d{2,3}-)?\d{7,12}$/), from: isoDate }),
  'tables.list': z.object({}),
  'tables.import': z.object({ tableSet: z.unknown() }),
  'tables.get': z.object({ id: z.string().min(1), version: z.string().min(1) }),
  'units.preview': z.object({ unitId, event: z.unknown(), on: isoDate.optional() }),
  'assessments.saveDraft': z.object({ unitId, ref: z.string().trim().min(1).optional(), sheet: z.unknown(), assessors }),
  'assessments.confirm': z.object({ unitId, ref: z.string().trim().min(1) }),
  'assessments.recordManual': z.object({ unitId, ref: z.string().trim().min(1).optional(), date: isoDate, tier: z.enum(TIERS), basis: z.string().trim().min(1), assessors }),
  'events.record': z.object({ unitId, event: z.unknown(), note: z.string().default('') }),
  'events.void': z.object({ unitId, seq: z.int(), reason: z.string().trim().min(1) }),
  'inspections.record': z.object({
    unitId,
    date: isoDate,
    kind: z.enum(INSPECTION_KINDS),
    inspectors: z.array(z.string().trim().min(1)).min(1),
    findings: z.string().default(''),
    hazards: z.array(z.object({ description: z.string().trim().min(1), rectifyBy: isoDate.optional() })).default([]),
  }),
  'hazards.update': z.object({ hazardId: z.int(), rectifiedOn: isoDate.optional(), closedOn: isoDate.optional() }),
  'cases.record': z.object({ unitCase: z.unknown() }),
  'dashboard.get': z.object({ on: isoDate.optional() }),
  'reports.export': z.object({
    report: z.string().min(1),
    file: z.string().min(1),
    year: z.int().min(2000).max(2100).optional(),
    unit: z.string().trim().min(1).optional(),
    seed: z.string().min(1).optional(),
    rate: z.number().gt(0).max(1).optional(),
    size: z.enum(['A4', 'A3']).optional(),
  }),
  'audit.verify': z.object({}),
  'packages.export': z.object({ file: z.string().min(1), year: z.int().min(2000).max(2100) }),
  'packages.import': z.object({ file: z.string().min(1) }),
  'city.progress': z.object({ on: isoDate.optional() }),
} as const;

export type Channel = keyof typeof contract;
export type ChannelInput<C extends Channel> = z.input<(typeof contract)[C]>;
export type ChannelArgs<C extends Channel> = z.output<(typeof contract)[C]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const MAIN_ONLY: readonly Channel[] = ['units.import', 'units.export', 'reports.export', 'packages.export', 'packages.import'];

/** What every handler returns: a value, or errors as data with Chinese messages. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; error: { message: string; issues: { path: (string | number)[]; message: string }[] } };
