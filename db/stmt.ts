/**
 * Prepared statements, cached per connection: preparing costs more than running a simple
 * statement, and an import of 50,000 rows runs the same few statements hundreds of thousands of times.
 */
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/**
 * The rows of `sql` — one `SELECT json_group_array(json_array(...)) FROM (...)` — as arrays: SQLite
 * builds one JSON text and it is parsed once, several times faster at tens of thousands of rows
 * than the driver materialising every value of every row.
 */
export function jsonRows<T extends unknown[]>(db: Database.Database, sql: string): T[] {
  return JSON.parse(stmt(db, sql).pluck().get() as string) as T[];
}

/**
 * Changes whenever the database's contents may have: a write by this connection (its
 * `total_changes()`, which counts even a write rolled back) or a commit by any other connection
 * on the same file (`PRAGMA data_version`). Equal stamps: nothing was written in between.
 */
export function dataStamp(db: Database.Database): string {
  return `${stmt(db, 'PRAGMA data_version').pluck().get() as number}:${stmt(db, 'SELECT total_changes()').pluck().get() as number}`;
}

const keptAnswers = new WeakMap<Database.Database, Map<string, { key: string; value: unknown }>>();

/**
 * `compute()`'s answer for `what` asked with `args`, kept per connection while the data stays as it
 * was (`dataStamp`): asked again with the same `args` and nothing written, the kept answer, the
 * same object. One answer per `what`, the last asked.
 */
export function keptUntilWrite<T>(db: Database.Database, what: string, args: string, compute: () => T): T {
  let answers = keptAnswers.get(db);
  if (!answers) keptAnswers.set(db, (answers = new Map()));
  const key = `${args}|${dataStamp(db)}`;
  const kept = answers.get(what);
  if (kept?.key === key) return kept.value as T;
  const value = compute();
  answers.set(what, { key, value });
  return value;
}
