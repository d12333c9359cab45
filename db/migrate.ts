/**
 * Migrations, numbered and tracked with `PRAGMA user_version`, applied in one transaction
 * (all or none), as Signal Desktop does. A database written by a newer version of the app is
 * refused: opening it could only lose what that version stored.
 * Migrations are append-only: `tests/db/schema.test.ts` pins each one's text and the resulting schema.
 */
import type Database from 'better-sqlite3';
import { DbError } from './errors';
import { MIGRATIONS } from './migrations/index';

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database, file = '数据库'): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new DbError(
      `${file}: 此数据库由更新版本的软件写入（数据结构版本 ${current}，本软件只支持到 ${SCHEMA_VERSION}）。为免丢失数据，请升级软件后再打开。`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (const m of MIGRATIONS.slice(current)) db.exec(m.sql);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
