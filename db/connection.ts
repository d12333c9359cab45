/**
 * The bureau's record: one SQLite file (better-sqlite3). Pragmas are deliberate:
 * - journal_mode=WAL: readers never block the writer, and a crash leaves the file consistent;
 * - synchronous=FULL: every committed transaction is on disk before the call returns — records are
 *   typed by hand and an office PC may lose power at any moment; one fsync per use case is cheap;
 * - foreign_keys=ON: no assessment, event or licence without its unit;
 * - busy_timeout: a second process (the CLI beside the app) waits instead of failing at once.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { DbError } from './errors';
import { migrate } from './migrate';

export type Db = Database.Database;

export { DbError };

export interface OpenOptions {
  /** Create the file when missing (db-init); otherwise a missing file is an error. */
  create?: boolean;
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (!opts.create && !existsSync(file)) throw new DbError(`${file}: 数据库文件不存在`);
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  } catch (e) {
    throw new DbError(`${file}: 无法打开数据库（${(e as Error).message}）`);
  }
  try {
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MB of page cache instead of SQLite's 2 MB: a province's imports and lists touch tens of MB
    db.pragma('cache_size = -65536');
    if (!opts.readonly) migrate(db, file);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DbError) throw e;
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new DbError(`${file}: 不是本软件的数据库文件（也不是 SQLite 数据库）`);
    throw e;
  }
}
