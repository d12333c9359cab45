/** CLI.md as a contract: the real `npm run --silent cli` on the spec's examples and on bad input. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program';
import { EXAMPLES, ROOT, SPEC, assessmentFor, customSheet, customTableJson, readJson } from '../helpers';

function npmCli(args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/npm warn Unknown user config.*\n/g, '') };
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'kafj-cli-'));
function file(name: string, content: unknown): string {
  const p = path.join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('CLI.md examples through npm run --silent cli', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
  it('has examples to run', () => expect(examples.length).toBeGreaterThanOrEqual(6));
  for (const f of examples) {
    const name = f.replace(/\.json$/, '');
    it(`${name} prints its expected output (with and without --tables)`, () => {
      const input = path.join(EXAMPLES, f);
      const args = name.startsWith('grade-')
        ? ['grade', '--sheet', input]
        : name.startsWith('timeline-')
          ? ['timeline', '--case', input]
          : ['plan', '--case', input, '--year', name.slice('plan-'.length)];
      const want = readJson(path.join(EXAMPLES, `${name}.expected.json`));
      const r = npmCli(args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(want);
      const withTables = npmCli([...args, '--tables', path.join(SPEC, 'reference-tables.json')]);
      expect(JSON.parse(withTables.stdout)).toEqual(want);
    });
  }
});

describe('bad input: exit 2, one Chinese line naming file and path, nothing on stdout, no stack trace', () => {
  it('a bad sheet through the real command', () => {
    const f = file('bad-sheet.json', { kind: 'underground', table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2024-03-20', answers: { 'ug-inh-depth': '深' } });
    const r = npmCli(['grade', '--sheet', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${f}: answers["ug-inh-depth"] 应为数字，实际为 "深"\n`);
  });

  it('a bad table set through the real command', () => {
    const t = customTableJson() as { tiers: { tier: string; min: number | null }[] };
    t.tiers[1]!.min = 99;
    const tf = file('bad-tables.json', t);
    const r = npmCli(['grade', '--sheet', path.join(EXAMPLES, 'grade-openpit-good.json'), '--tables', tf]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${tf}: tiers[1].min 等级 B 的下限 99 应低于上一等级的下限 85\n`);
  });

  const cases: [string, () => string[], RegExp][] = [
    ['a file that does not exist', () => ['grade', '--sheet', path.join(tmp, 'nope.json')], /nope\.json: 文件不存在$/],
    ['a file that is not JSON', () => ['grade', '--sheet', file('broken.json', '{"kind": "openpit",\n  "table": }')], /broken\.json: 不是有效的 JSON/],
    ['a truncated file', () => ['timeline', '--case', file('cut.json', '{"unit": {')], /cut\.json: 不是有效的 JSON：内容在文件末尾中断/],
    ['a missing option', () => ['grade'], /^缺少必填参数 --sheet$/],
    ['an unknown command', () => ['score', '--sheet', 'x'], /^未知命令 score/],
    ['an unknown option', () => ['grade', '--sheet', 'x', '--fast'], /^未知参数 --fast$/],
    ['a bad year', () => ['plan', '--case', path.join(EXAMPLES, 'plan-2024.json'), '--year', '24'], /^--year 年份应为四位数字/],
    ['a timeline event of unknown type', () => ['timeline', '--case', file('ev.json', { unit: { id: 'u', kind: 'openpit' }, assessments: [], events: [{ date: '2024-01-01', type: 'flood' }], on: '2024-12-31' })], /ev\.json: events\[0\]\.type 未知的事件类型 "flood"/],
    ['a plan case with a bad unit', () => ['plan', '--case', file('plan.json', { units: [{ unit: { id: 'u', kind: 'mine' } }] }), '--year', '2024'], /plan\.json: units\[0\]\.unit\.kind 应为/],
    ['a sheet naming a table that is not loaded', () => ['grade', '--sheet', path.join(EXAMPLES, 'grade-openpit-good.json'), '--tables', file('custom.json', customTableJson())], /grade-openpit-good\.json: table 未加载评分表 linfen-2023 版本 ref-1（已加载：test-set v9）$/],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, async () => {
      const r = await cli(args());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    });
  }

  it('counts further problems on the same line', async () => {
    const f = file('many.json', { kind: 'underground', table: { id: 'linfen-2023', version: 'ref-1' }, assessedOn: '2024-03-20', answers: { 'ug-inh-depth': '深', 'ug-inh-goaf': -1, x: 1 } });
    const r = await cli(['grade', '--sheet', f]);
    expect(r.stderr).toMatch(/（另有 2 处问题）\n$/);
  });
});

describe('--tables: a table set with other ids, thresholds and points is used as given', () => {
  const tables = file('custom-tables.json', customTableJson());

  it('grades against the given table set (A ≥ 85 there, initial 95)', async () => {
    const sheet = file('custom-sheet.json', customSheet({ 'i-choice': 'c', 'i-count': 2, 'i-check': true, 'i-plus': 'lo' }));
    const r = await cli(['grade', '--sheet', sheet, '--tables', tables]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      initialScore: 95,
      dimensions: [
        { id: 'd1', name: '方面一', effect: 'deduct', raw: 10, applied: 10 },
        { id: 'd2', name: '方面二', effect: 'deduct', raw: 0, applied: 0 },
        { id: 'plus', name: '加分', effect: 'add', raw: 1, applied: 1 },
      ],
      score: 86,
      scoreTier: 'A',
      directD: [],
      tier: 'A',
      official: true,
    });
  });

  it('--explain adds every item with its points', async () => {
    const sheet = file('custom-sheet2.json', customSheet({ 'i-count': 5 }));
    const r = await cli(['grade', '--sheet', sheet, '--tables', tables, '--explain']);
    const out = JSON.parse(r.stdout);
    expect(out.dimensions[0].items[2]).toMatchObject({ id: 'i-count', raw: 7.5, points: 6, capped: true });
  });

  it('timeline and plan use the given tables', async () => {
    const c = { unit: { id: 'u', kind: 'openpit' }, assessments: [assessmentFor('a1', '2025-02-01', 'C')], events: [] };
    const t = await cli(['timeline', '--case', file('c.json', { ...c, on: '2025-12-31' }), '--tables', tables]);
    expect(JSON.parse(t.stdout).tier).toBe('C');
    const p = await cli(['plan', '--case', file('p.json', { units: [c] }), '--year', '2025', '--tables', tables]);
    expect(JSON.parse(p.stdout).requirements).toEqual([{ unit: 'u', period: '2025-H1', min: 1, tier: 'C' }, { unit: 'u', period: '2025-H2', min: 1, tier: 'C' }]);
  });
});
