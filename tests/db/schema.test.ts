/** Migrations: numbered, one transaction, append-only, refusing a database from the future. */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { DbError } from '../../db/errors';
import { SCHEMA_VERSION, migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations/index';
import { tempDir } from './fixtures';

function schemaOf(db: Database.Database): string {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
  return `${rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? ''};`).join('\n\n')}\n`;
}

describe('db/ migrations', () => {
  it('the schema after all migrations is the committed snapshot (a migration cannot silently change it)', async () => {
    const db = openDatabase(path.join(tempDir(), 'a.sqlite'), { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await expect(schemaOf(db)).toMatchFileSnapshot('./__snapshots__/schema.sql');
    db.close();
  });

  it('migrations are append-only: each one already released keeps its exact text', () => {
    const lock = JSON.parse(readFileSync(path.join(__dirname, 'migrations.lock.json'), 'utf8')) as { version: number; name: string; sha256: string }[];
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(lock.length, 'a new migration must be added to tests/db/migrations.lock.json').toBe(MIGRATIONS.length);
    for (const l of lock) {
      const m = MIGRATIONS[l.version - 1];
      expect(m?.name).toBe(l.name);
      expect(createHash('sha256').update(m!.sql).digest('hex'), `migration ${l.version} was edited after release`).toBe(l.sha256);
    }
  });

  it('sets the pragmas deliberately: WAL, synchronous FULL, foreign keys on', () => {
    const db = openDatabase(path.join(tempDir(), 'p.sqlite'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database written by a newer version, with a clear Chinese message, and leaves it alone', () => {
    const file = path.join(tempDir(), 'future.sqlite');
    openDatabase(file, { create: true }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DbError);
    expect(() => openDatabase(file)).toThrow(`由更新版本的软件写入（数据结构版本 ${SCHEMA_VERSION + 1}，本软件只支持到 ${SCHEMA_VERSION}）`);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    again.close();
  });

  it('upgrades a database of an older version and keeps what it holds', () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old.exec(`INSERT INTO counties VALUES ('尧都区');
      INSERT INTO units (id, enterprise, name, credit_code, kind, kind_label, county, ownership, status, principal, principal_phone, created_at, updated_at)
        VALUES ('u1', 'e', 'n', 'c', 'other', '地热', '尧都区', '其他', '生产', 'p', '0357-2345678', 'x', 'x');`);
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id, origin FROM units').all()).toEqual([{ id: 'u1', origin: '' }]);
    db.close();
  });

  it('applies migrations in one transaction: a failure leaves the database as it was', () => {
    const db = new Database(path.join(tempDir(), 'fail.sqlite'));
    db.exec('CREATE TABLE audit_log (x INTEGER)'); // collides with migration 1
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['audit_log']);
    db.close();
  });

  it('refuses a missing file and a file that is not a database', () => {
    const dir = tempDir();
    expect(() => openDatabase(path.join(dir, 'none.sqlite'))).toThrow(/数据库文件不存在/);
    const junk = path.join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not sqlite at all, just text '.repeat(200));
    expect(() => openDatabase(junk)).toThrow(/不是本软件的数据库文件/);
  });

  it('a confirmed assessment, a stored table set, an event and the audit log cannot be edited or deleted', () => {
    const db = openDatabase(path.join(tempDir(), 't.sqlite'), { create: true });
    db.exec(`INSERT INTO counties VALUES ('尧都区');
      INSERT INTO units (id, enterprise, name, credit_code, kind, kind_label, county, ownership, status, principal, principal_phone, created_at, updated_at)
        VALUES ('u1', 'e', 'n', 'c', 'other', '地热', '尧都区', '其他', '生产', 'p', '0357-2345678', 'x', 'x');
      INSERT INTO assessments (unit_id, ref, status, assessed_on, manual_basis, tier, clause, created_at, confirmed_at)
        VALUES ('u1', 'm1', 'confirmed', '2024-01-01', '人工', 'B', 'D6', 'x', 'x');
      INSERT INTO events (unit_id, date, type, created_at) VALUES ('u1', '2024-02-01', 'blacklist', 'x');
      INSERT INTO audit_log VALUES (1, 'x', 'o', 'a', 'e', 'i', NULL, NULL, 'p', 'h');`);
    expect(() => db.exec("UPDATE assessments SET tier = 'A'")).toThrow(/已确认的评估不能修改/);
    expect(() => db.exec('DELETE FROM assessments')).toThrow(/已确认的评估不能删除/);
    expect(() => db.exec("UPDATE events SET type = 'fatal-accident'")).toThrow(/事件记录不能修改/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/事件记录不能删除/);
    expect(() => db.exec("UPDATE audit_log SET operator = 'x'")).toThrow(/审计日志只能追加/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/审计日志只能追加/);
    db.close();
  });
});
