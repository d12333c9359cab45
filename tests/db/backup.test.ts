/** Daily backups and restore (db/backup.ts), on real SQLite files in a temporary folder. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupIfDue, checkBackup, listBackups, restoreBackup } from '../../db/backup';
import { openDatabase, type Db } from '../../db/connection';
import { DbError } from '../../db/errors';
import { SCHEMA_VERSION } from '../../db/migrate';

let tmp: string;
let live: string;
let dir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kafj-backup-'));
  live = path.join(tmp, '尧都区.sqlite');
  dir = path.join(tmp, '备份');
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Local noon of a day in March 2024 (day 1 = 1 March); Date rolls over into April. */
function day(n: number): Date {
  return new Date(2024, 2, n, 12, 0, 0);
}

function addUnit(db: Db, i: number): void {
  db.prepare(
    `INSERT INTO units (id, enterprise, name, credit_code, kind, kind_label, county, ownership, status, principal, principal_phone, facts, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'underground', '地下矿山', '尧都区', '其他', '正常生产', '张三', '13800000000', ?, '2024-03-01', '2024-03-01')`,
  ).run(`U${String(i).padStart(4, '0')}`, `临汾某矿业有限公司${i}`, `${i}号矿井`, `91141000MA0${String(i).padStart(7, '0')}`, JSON.stringify({ note: '备注'.repeat(20) }));
}

function addAudit(db: Db, seq: number): void {
  db.prepare(
    "INSERT INTO audit_log (seq, at, operator, action, entity, entity_id, prev_hash, hash) VALUES (?, '2024-03-01T08:00:00', '李四', 'create', 'unit', ?, 'x', 'y')",
  ).run(seq, `U${seq}`);
}

/** A database with a bureau, a county, 300 units (a few dozen pages) and some audit rows. */
function seed(): Db {
  const db = openDatabase(live, { create: true });
  db.prepare("INSERT INTO meta (key, value) VALUES ('bureau', '尧都区应急管理局')").run();
  db.prepare("INSERT INTO counties (name) VALUES ('尧都区')").run();
  db.transaction(() => {
    for (let i = 1; i <= 300; i++) addUnit(db, i);
    for (let i = 1; i <= 5; i++) addAudit(db, i);
  })();
  return db;
}

/** Every row of every table, and the schema version. */
function dump(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const out: Record<string, unknown> = { user_version: db.pragma('user_version', { simple: true }) };
    for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    return out;
  } finally {
    db.close();
  }
}

/** Backs up `live` (seeded) on day 20 and closes it; returns the backup's path. */
async function seededBackup(): Promise<string> {
  const db = seed();
  const made = await backupIfDue(db, dir, day(20));
  db.close();
  return made!.file;
}

describe('backupIfDue', () => {
  it('backs up once a calendar day, into a dated file in a folder it creates', async () => {
    const db = seed();
    const first = await backupIfDue(db, dir, day(20));
    expect(first).not.toBeNull();
    expect(path.basename(first!.file)).toBe('备份-2024-03-20.sqlite');
    expect(fs.existsSync(first!.file)).toBe(true);

    const bytes = fs.readFileSync(first!.file);
    expect(await backupIfDue(db, dir, new Date(2024, 2, 20, 23, 59))).toBeNull();
    expect(fs.readFileSync(first!.file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['备份-2024-03-20.sqlite']); // no temp, -wal or -shm files left

    expect(await backupIfDue(db, dir, new Date(2024, 2, 21, 0, 1))).not.toBeNull();
    db.close();
    expect(listBackups(dir).map((b) => b.date)).toEqual(['2024-03-21', '2024-03-20']);
  });

  it('the backup is a checked, self-contained copy', async () => {
    const file = await seededBackup();
    expect(checkBackup(file)).toEqual({ ok: true, schemaVersion: SCHEMA_VERSION });
    expect(dump(file)).toEqual(dump(live));
    expect(fs.readdirSync(dir)).toEqual(['备份-2024-03-20.sqlite']); // reading it read-only left nothing beside it
  });

  it(`keeps the newest ${BACKUPS_KEPT} backups and never touches other files`, async () => {
    fs.mkdirSync(dir);
    const others = ['说明.txt', '备份-旧.sqlite', 'backup-2020-01-01.sqlite', '备份-2020-01-01.sqlite.bak'];
    for (const f of others) fs.writeFileSync(path.join(dir, f), 'not a backup');
    const db = seed();
    for (let n = 1; n <= 35; n++) expect(await backupIfDue(db, dir, day(n))).not.toBeNull();
    db.close();

    const list = listBackups(dir);
    expect(list).toHaveLength(BACKUPS_KEPT);
    const expected = Array.from({ length: 35 }, (_, i) => {
      const d = day(i + 1);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    })
      .slice(5)
      .reverse();
    expect(list.map((b) => b.date)).toEqual(expected);
    expect(list[0]!.date).toBe('2024-04-04');
    for (const f of others) expect(fs.readFileSync(path.join(dir, f), 'utf8')).toBe('not a backup');
    expect(fs.readdirSync(dir)).toHaveLength(BACKUPS_KEPT + others.length);
  });

  it('an interrupted backup is neither listed nor in the way of the next one', async () => {
    const db = seed();
    await backupIfDue(db, dir, day(19));
    // a crash mid-backup on the 20th left its temporary file (and journal) behind
    fs.writeFileSync(path.join(dir, '备份-2024-03-20.sqlite.partial'), Buffer.alloc(4096, 0x5a));
    fs.writeFileSync(path.join(dir, '备份-2024-03-20.sqlite.partial-journal'), 'x');
    expect(listBackups(dir).map((b) => b.date)).toEqual(['2024-03-19']);

    const made = await backupIfDue(db, dir, day(20));
    db.close();
    expect(made).not.toBeNull();
    expect(checkBackup(made!.file).ok).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['备份-2024-03-19.sqlite', '备份-2024-03-20.sqlite']);
  });

  it('listBackups of a missing folder is empty; sizes are the files’ sizes', async () => {
    expect(listBackups(dir)).toEqual([]);
    const file = await seededBackup();
    expect(listBackups(dir)).toEqual([{ file, date: '2024-03-20', bytes: fs.statSync(file).size }]);
  });
});

describe('restoreBackup', () => {
  it('brings back exactly the state at backup time, and keeps the replaced database', async () => {
    const db = seed();
    const atBackup = dump(live);
    const made = await backupIfDue(db, dir, day(20));

    // later work: more rows, deletions, an update
    db.transaction(() => {
      for (let i = 301; i <= 320; i++) addUnit(db, i);
      db.prepare("DELETE FROM units WHERE id IN ('U0001', 'U0002', 'U0150')").run();
      db.prepare("UPDATE meta SET value = '临汾市应急管理局' WHERE key = 'bureau'").run();
      db.prepare("INSERT INTO meta (key, value) VALUES ('operator', '王五')").run();
      addAudit(db, 6);
    })();
    db.close();
    const afterWork = dump(live);
    expect(afterWork).not.toEqual(atBackup);

    restoreBackup(made!.file, live);
    expect(fs.existsSync(`${live}-wal`)).toBe(false);
    expect(fs.existsSync(`${live}.restore-tmp`)).toBe(false);

    const reopened = openDatabase(live);
    expect((reopened.prepare("SELECT value FROM meta WHERE key = 'bureau'").get() as { value: string }).value).toBe('尧都区应急管理局');
    expect(reopened.prepare("SELECT * FROM units WHERE id = 'U0150'").get()).toBeDefined();
    reopened.close();
    expect(dump(live)).toEqual(atBackup);

    // the replaced database is kept, so a wrong restore can be undone
    const kept = fs.readdirSync(tmp).filter((f) => /^尧都区\.sqlite\.before-restore-\d{8}-\d{6}$/.test(f));
    expect(kept).toHaveLength(1);
    expect(dump(path.join(tmp, kept[0]!))).toEqual(afterWork);
  });

  it('keeps transactions still in the -wal of the replaced database', async () => {
    const file = await seededBackup();
    // a crash leaves committed work in the WAL: simulate it by copying the files of an open connection
    const db = openDatabase(live);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("INSERT INTO meta (key, value) VALUES ('operator', '王五')").run();
    const crashed = path.join(tmp, 'crashed.sqlite');
    fs.copyFileSync(live, crashed);
    fs.copyFileSync(`${live}-wal`, `${crashed}-wal`);
    db.close();

    restoreBackup(file, crashed);
    expect(fs.existsSync(`${crashed}-wal`)).toBe(false);
    expect(dump(crashed)).toEqual(dump(file));
    const kept = fs.readdirSync(tmp).find((f) => /^crashed\.sqlite\.before-restore-\d{8}-\d{6}$/.test(f));
    const keptDb = new Database(path.join(tmp, kept!));
    expect(keptDb.prepare("SELECT value FROM meta WHERE key = 'operator'").get()).toEqual({ value: '王五' });
    keptDb.close();
  });

  it('restores onto a missing database file', async () => {
    const file = await seededBackup();
    const elsewhere = path.join(tmp, 'new.sqlite');
    restoreBackup(file, elsewhere);
    expect(dump(elsewhere)).toEqual(dump(file));
    expect(fs.readdirSync(tmp).some((f) => f.includes('before-restore'))).toBe(false);
  });

  /** Refused, with a Chinese message naming the backup, and the target byte for byte as it was. */
  function expectRefused(backup: string, message: RegExp): void {
    const before = fs.readFileSync(live);
    const entries = fs.readdirSync(tmp).sort();
    let error: unknown;
    try {
      restoreBackup(backup, live);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DbError);
    expect((error as DbError).message).toContain(backup);
    expect((error as DbError).message).toMatch(message);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp).sort()).toEqual(entries);
  }

  it('refuses a backup with bytes overwritten in the middle', async () => {
    const file = await seededBackup();
    const { size } = fs.statSync(file);
    const pageSize = 4096;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, Math.floor(size / pageSize / 2) * pageSize);
    fs.closeSync(fd);
    expect(checkBackup(file).ok).toBe(false);
    expectRefused(file, /损坏/);
  });

  it('refuses a truncated backup', async () => {
    const file = await seededBackup();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    expect(checkBackup(file).ok).toBe(false);
    expectRefused(file, /损坏/);
  });

  it('refuses a backup written by a newer version of the app', async () => {
    const file = await seededBackup();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const check = checkBackup(file);
    expect(check).toEqual({ ok: false, message: expect.stringContaining('更新版本的软件') as unknown });
    expectRefused(file, /更新版本的软件/);
  });

  it('refuses files that are not backups of this app', async () => {
    await seededBackup();
    const text = path.join(tmp, '说明.sqlite');
    fs.writeFileSync(text, '这不是数据库'.repeat(200));
    expectRefused(text, /不是 SQLite 数据库文件|损坏/);

    const other = path.join(tmp, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE meta (key TEXT, value TEXT)');
    db.pragma('user_version = 1');
    db.close();
    expectRefused(other, /缺少数据表：counties、units、audit_log/);

    const empty = path.join(tmp, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    expectRefused(empty, /没有数据结构版本/);

    expectRefused(path.join(tmp, 'missing.sqlite'), /不存在/);
  });
});

describe('start-up (db/startup.ts)', () => {
  it('opens the database and backs it up at most once a day', async () => {
    const { openForApp } = await import('../../db/startup');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafj-startup-'));
    const file = path.join(dir, 'county.sqlite');
    const backups = path.join(dir, 'backups');
    const first = await openForApp(file, backups, new Date('2024-06-15T09:00:00+08:00'));
    first.db.prepare("INSERT INTO meta (key, value) VALUES ('bureau', '尧都区应急管理局')").run();
    expect(first.backup).not.toBeNull();
    first.db.close();
    const second = await openForApp(file, backups, new Date('2024-06-15T17:00:00+08:00'));
    expect(second.backup).toBeNull();
    second.db.close();
    const third = await openForApp(file, backups, new Date('2024-06-16T08:00:00+08:00'));
    expect(third.backup?.file).toMatch(/备份-2024-06-16\.sqlite$/);
    third.db.close();
    expect(listBackups(backups).map((b) => b.date)).toEqual(['2024-06-16', '2024-06-15']);
  });
});
