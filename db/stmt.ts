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
