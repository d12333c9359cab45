/** Every PDF report exported by the CLI from a database built with `record`, read back with poppler. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program';
import { tempDir } from '../db/fixtures';
import { reportDb } from './report-db';

let dbFile = '';
const out = tempDir('kafj-pdf-cli-');

async function exportPdf(report: string, extra: string[] = []) {
  const file = path.join(out, `${report}${extra.join('')}.pdf`);
  let stdout = '';
  let stderr = '';
  const code = await runCli(['export', '--db', dbFile, '--report', report, '--out', file, ...extra], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const png = path.join(out, `${report}-page`);
  execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, png]);
  expect(existsSync(`${png}-1.png`) || existsSync(`${png}-01.png`) || existsSync(`${png}-001.png`)).toBe(true);
  return { text: text.replace(/[ \t]+/g, ' '), printed: JSON.parse(stdout) as { out: string; rows: number } };
}

beforeAll(async () => {
  const t = await reportDb();
  dbFile = t.file;
  t.db.close();
});

describe('PDF reports through CLI export', () => {
  it('tier-list: every unit name and tier', async () => {
    const { text, printed } = await exportPdf('tier-list', ['--year', '2024']);
    expect(printed.rows).toBe(7);
    for (const name of ['测试地下矿山3', '测试露天矿山17', '测试尾矿库2', '测试地质勘探单位1', '测试小型露天采石场5', '测试选矿厂6', '测试地下矿山9']) expect(text).toContain(name);
    for (const t of ['D级', 'B级', '未定级']) expect(text).toContain(t);
  });

  it('adjustments: the changes of the year with clause', async () => {
    const { text } = await exportPdf('adjustments', ['--year', '2024']);
    for (const s of ['测试尾矿库2', '测试选矿厂6', '测试小型露天采石场5', '测试地下矿山9', 'R18.2', 'R17.6']) expect(text).toContain(s);
  });

  it('assessment-report (附表7): every unit, with the provisional note', async () => {
    const { text, printed } = await exportPdf('assessment-report', ['--year', '2024']);
    expect(printed.rows).toBe(7);
    expect(text).toContain('非煤矿山安全风险评估报表');
    expect(text).toContain('测试小型露天采石场5');
    expect(text).toContain('参考分值');
  });

  it('officials: the pond without an official is listed first', async () => {
    const { text } = await exportPdf('officials', ['--year', '2024']);
    expect(text.indexOf('测试尾矿库2')).toBeLessThan(text.indexOf('测试地下矿山3'));
    expect(text).toContain('未明确');
  });

  it('R23 notice: one unit, and the batch of all units in one PDF (A3 too)', async () => {
    const one = await exportPdf('notice', ['--unit', 'lf-ug-003']);
    expect(one.printed.rows).toBe(1);
    expect(one.text).toContain('D级');
    expect(one.text).toContain('测试地下矿山3');
    const all = await exportPdf('notice', ['--size', 'A3']);
    expect(all.printed.rows).toBe(7);
    const pages = execFileSync('pdfinfo', [path.join(out, 'notice--sizeA3.pdf')], { encoding: 'utf8' });
    expect(pages).toMatch(/Pages:\s+7/);
    expect(pages).toMatch(/Page size:\s+841\.89 x 1190\.55/);
  });

  it('assessment-record: the whole sheet of the latest assessment, marked provisional on every page', async () => {
    const { text } = await exportPdf('assessment-record', ['--unit', 'hd-qr-005']);
    expect(text).toContain('非煤矿山安全风险评估记录');
    expect(text).toContain('边坡参数');
    const pages = (text.match(/参考分值，非正式评分标准/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    let stderr = '';
    const code = await runCli(['export', '--db', dbFile, '--report', 'assessment-record', '--out', path.join(out, 'x.pdf'), '--unit', 'lf-ex-001'], { stdout: () => undefined, stderr: (s) => (stderr += s) });
    expect(code).toBe(2);
    expect(stderr).toBe('单位「lf-ex-001」还没有确认的评估\n');
  });
});
