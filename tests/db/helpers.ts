/** A fresh county database with the built-in tables and a few units, and the API bound to it. */
import path from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { setMeta } from '../../db/meta';
import { storeTableSet } from '../../db/tables';
import { createApi, type Api } from '../../src/services/dispatch';
import reference from '../../templates/scoring/linfen-2023-ref-1.json';
import { tempDir } from './fixtures';

export interface TestDb {
  file: string;
  db: Db;
  api: Api;
  /** The clock the handlers see; tests move it. */
  clock: { now: Date };
}

export function freshDb(today = '2024-06-15'): TestDb {
  const file = path.join(tempDir(), 'county.sqlite');
  const db = openDatabase(file, { create: true });
  setMeta(db, 'bureau', '尧都区应急管理局');
  setMeta(db, 'level', 'county');
  setMeta(db, 'operator', '王涛');
  storeTableSet(db, reference, '2024-01-01T00:00:00.000Z');
  const clock = { now: new Date(`${today}T09:00:00+08:00`) };
  return { file, db, api: createApi({ db, now: () => clock.now }), clock };
}

/** Every row of every table, to show a failed use case changed nothing. */
export function dump(db: Db): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
}

/** Unwraps a handler result, failing the test with the Chinese message when it is an error. */
export function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`handler failed: ${r.error.message}`);
  return r.value;
}
