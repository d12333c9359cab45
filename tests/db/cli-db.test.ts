/** CLI.md "Commands on a database", run through the CLI program on real files. */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { runCli } from '../../src/cli/program';
import { EXAMPLES, readJson } from '../helpers';
import { exampleUnits, registryXlsx, tempDir, unitRecord } from './fixtures';
import { dump } from './helpers';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as unknown };
}

async function initDb(extra: string[] = []): Promise<string> {
  const file = path.join(tempDir(), 'county.sqlite');
  const r = await cli(['db-init', '--db', file, '--bureau', '尧都区应急管理局', ...extra]);
  expect(r.code).toBe(0);
  expect(r.json()).toEqual({ db: file });
  return file;
}

function fileDump(file: string) {
  const db = openDatabase(file);
  try {
    return dump(db);
  } finally {
    db.close();
  }
}

describe('db-init', () => {
  it('creates a county database with the built-in tables stored, and refuses an existing file', async () => {
    const file = await initDb();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'bureau'").get()).toEqual({ value: '尧都区应急管理局' });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'level'").get()).toEqual({ value: 'county' });
    expect(db.prepare('SELECT id, version, official FROM table_sets').all()).toEqual([{ id: 'linfen-2023', version: 'ref-1', official: 0 }]);
    db.close();
    const again = await cli(['db-init', '--db', file, '--bureau', '别的']);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(`${file}: 文件已存在，不能覆盖；请另选文件名\n`);
  });

  it('creates a city database; a bad level is refused', async () => {
    const file = path.join(tempDir(), 'city.sqlite');
    expect((await cli(['db-init', '--db', file, '--bureau', '临汾市应急管理局', '--level', 'city'])).code).toBe(0);
    const bad = await cli(['db-init', '--db', path.join(tempDir(), 'x.sqlite'), '--bureau', 'x', '--level', 'province']);
    expect(bad).toMatchObject({ code: 2, stdout: '', stderr: '--level 应为 county 或 city，实际为 "province"\n' });
  });
});

describe('units-import', () => {
  it('imports a registry and prints created and updated counts', async () => {
    const file = await initDb();
    const xlsx = await registryXlsx(exampleUnits());
    expect((await cli(['units-import', '--db', file, '--xlsx', xlsx])).json()).toEqual({ created: 5, updated: 0 });
    const changed = await registryXlsx(exampleUnits().map((u) => (u.id === 'lf-ug-003' ? { ...u, township: '金殿镇' } : u)));
    expect((await cli(['units-import', '--db', file, '--xlsx', changed])).json()).toEqual({ created: 0, updated: 1 });
  });

  it('a registry file with errors in several rows prints every error with row and column, exits 2 and leaves the database exactly as it was', async () => {
    const file = await initDb(['--county', '尧都区', '--county', '洪洞县']);
    await cli(['units-import', '--db', file, '--xlsx', await registryXlsx(exampleUnits())]);
    const before = fileDump(file);
    const dir = tempDir();
    const xlsx = await registryXlsx([...exampleUnits(), unitRecord('new-1', '露天矿山', 50), unitRecord('new-2', '选矿厂', 51, { pondId: 'lf-tl-002' })], dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    const col = (h: string) => (ws.getRow(1).values as unknown[]).indexOf(h);
    ws.getRow(2).getCell(col('所属县区')).value = '浮山县';
    ws.getRow(4).getCell(col('统一社会信用代码')).value = '91141000MA00000170';
    ws.getRow(7).getCell(col('纬度')).value = 99;
    ws.getRow(7).getCell(col('生产状态')).value = '停产';
    ws.getRow(8).getCell(col('配套尾矿库编号')).value = 'lf-op-017';
    const bad = path.join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = await cli(['units-import', '--db', file, '--xlsx', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/：.*/, ''))).toEqual([
      '第 2 行「所属县区」',
      '第 4 行「统一社会信用代码」',
      '第 7 行「纬度」',
      '第 7 行「停产停建日期」',
      '第 8 行「配套尾矿库编号」',
    ]);
    expect(fileDump(file)).toEqual(before);
  });

  it('refuses a file that is not an xlsx, naming it', async () => {
    const file = await initDb();
    const r = await cli(['units-import', '--db', file, '--xlsx', path.join(EXAMPLES, 'plan-2024.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xlsx|Excel|工作簿/);
  });
});

describe('record then tier equals timeline (the database and the CLI never disagree)', () => {
  const cases = readdirSync(EXAMPLES).filter((f) => f.startsWith('timeline-') && !f.endsWith('.expected.json'));
  it('has timeline examples', () => expect(cases.length).toBeGreaterThanOrEqual(2));
  for (const f of cases) {
    it(`${f}: record, then tier --on case.on prints what timeline prints`, async () => {
      const file = await initDb();
      await cli(['units-import', '--db', file, '--xlsx', await registryXlsx(exampleUnits())]);
      const input = path.join(EXAMPLES, f);
      const c = readJson(input) as { unit: { id: string }; on: string; assessments: unknown[]; events: unknown[] };
      const rec = await cli(['record', '--db', file, '--case', input]);
      expect(rec.stderr).toBe('');
      expect(rec.json()).toEqual({ assessments: c.assessments.length, events: c.events.length });
      const tier = await cli(['tier', '--db', file, '--unit', c.unit.id, '--on', c.on]);
      const tl = await cli(['timeline', '--case', input]);
      expect(tier.json()).toEqual(tl.json());
      expect(tier.json()).toEqual(readJson(input.replace(/\.json$/, '.expected.json')));
    });
  }

  it('the plan example: every unit recorded, then tier on any date agrees with timeline', async () => {
    const file = await initDb();
    await cli(['units-import', '--db', file, '--xlsx', await registryXlsx(exampleUnits())]);
    const plan = readJson(path.join(EXAMPLES, 'plan-2024.json')) as { units: { unit: { id: string } }[] };
    const dir = tempDir();
    for (const u of plan.units) {
      const caseFile = path.join(dir, `${u.unit.id}.json`);
      writeFileSync(caseFile, JSON.stringify(u));
      expect((await cli(['record', '--db', file, '--case', caseFile])).code).toBe(0);
      for (const on of ['2023-06-30', '2024-03-31', '2024-12-31']) {
        writeFileSync(path.join(dir, 'on.json'), JSON.stringify({ ...u, on }));
        const a = await cli(['tier', '--db', file, '--unit', u.unit.id, '--on', on]);
        const b = await cli(['timeline', '--case', path.join(dir, 'on.json')]);
        expect(a.json()).toEqual(b.json());
      }
    }
  });

  it('record refuses a unit not in the registry, and a bad case, naming the file; nothing is written', async () => {
    const file = await initDb();
    const before = fileDump(file);
    const input = path.join(EXAMPLES, 'timeline-hazards.json');
    const r = await cli(['record', '--db', file, '--case', input]);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: `${input}: 单位编号「lf-op-017」不在台账中\n` });
    expect(fileDump(file)).toEqual(before);
  });

  it('--tables stores a table set in the database once; other content under the same version is refused', async () => {
    const file = await initDb();
    await cli(['units-import', '--db', file, '--xlsx', await registryXlsx(exampleUnits())]);
    const ref = path.resolve(__dirname, '../../../shared/spec/reference-tables.json');
    const r = await cli(['record', '--db', file, '--case', path.join(EXAMPLES, 'timeline-hazards.json'), '--tables', ref]);
    expect(r.code).toBe(0);
    const changed = path.join(tempDir(), 't.json');
    writeFileSync(changed, JSON.stringify({ ...(readJson(ref) as object), title: '改过' }));
    const clash = await cli(['tier', '--db', file, '--unit', 'lf-op-017', '--on', '2024-01-01', '--tables', changed]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/^.*t\.json: 评分表 linfen-2023 版本 ref-1 已保存且内容不同/);
  });

  it('tier refuses a bad date and an unknown unit; a missing database file is named', async () => {
    const file = await initDb();
    expect(await cli(['tier', '--db', file, '--unit', 'x', '--on', '2024-02-30'])).toMatchObject({ code: 2, stderr: '--on 应为 YYYY-MM-DD 格式的日期，实际为 "2024-02-30"\n' });
    expect(await cli(['tier', '--db', file, '--unit', 'x', '--on', '2024-02-03'])).toMatchObject({ code: 2, stderr: '单位编号「x」不在台账中\n' });
    const none = path.join(tempDir(), 'none.sqlite');
    expect(await cli(['tier', '--db', none, '--unit', 'x', '--on', '2024-02-03'])).toMatchObject({ code: 2, stderr: `${none}: 数据库文件不存在\n` });
    expect(existsSync(none)).toBe(false);
  });
});

describe('audit-verify', () => {
  async function populated(): Promise<string> {
    const file = await initDb();
    await cli(['units-import', '--db', file, '--xlsx', await registryXlsx(exampleUnits())]);
    await cli(['record', '--db', file, '--case', path.join(EXAMPLES, 'timeline-accident.json')]);
    return file;
  }

  it('verifies on a normal database', async () => {
    const file = await populated();
    const r = await cli(['audit-verify', '--db', file]);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ ok: true, rows: 10 });
  });

  const tamper: [string, string, number][] = [
    ['an operator edited', "UPDATE audit_log SET operator = '某人' WHERE seq = 4", 4],
    ['an old value edited', `UPDATE audit_log SET new = replace(new, '张三', '李四') WHERE seq = 3`, 3],
    ['a row deleted in the middle', 'DELETE FROM audit_log WHERE seq = 5', 5],
    ['a row re-hashed after editing (the next link breaks)', "UPDATE audit_log SET action = 'x', hash = 'f00' WHERE seq = 6", 6],
    ['the last row deleted', 'DELETE FROM audit_log WHERE seq = 10', 10],
  ];
  for (const [what, sql, seq] of tamper) {
    it(`reports the tampered row when ${what} by hand`, async () => {
      const file = await populated();
      const raw = new Database(file);
      raw.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;');
      raw.exec(sql);
      raw.close();
      const r = await cli(['audit-verify', '--db', file]);
      expect(r.code).toBe(1);
      expect(r.json()).toMatchObject({ ok: false, seq });
      expect(r.stderr).toMatch(new RegExp(`^.*county\\.sqlite: .*第 ${seq} 条`));
    });
  }
});
