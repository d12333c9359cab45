import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALLOW_FILE, DEFAULT_DIR, checkElectron, formatReport, readAllowList } from '../../scripts/electronegativity';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kafj-electronegativity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('electronegativity over electron/ (offline)', () => {
  it('passes on electron/, every allowed finding reviewed with a reason', async () => {
    const r = await checkElectron(DEFAULT_DIR);
    expect(r.errors).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.unused).toEqual([]);
    for (const a of r.allowed) expect(a.reason.length).toBeGreaterThan(20);
    expect(formatReport(r, 'electron')).toMatch(/通过.*Passed/);
  }, 30_000);

  it('fails when sandbox: false is put back', async () => {
    const dir = path.join(tmp, 'electron');
    cpSync(DEFAULT_DIR, dir, { recursive: true });
    const main = path.join(dir, 'main.ts');
    const text = readFileSync(main, 'utf8');
    expect(text).toContain('sandbox: true,');
    writeFileSync(main, text.replace('sandbox: true,', 'sandbox: false,'));
    const r = await checkElectron(dir);
    expect(r.passed).toBe(false);
    expect(r.failures.map((f) => f.id)).toContain('SANDBOX_JS_CHECK');
    expect(r.failures.find((f) => f.id === 'SANDBOX_JS_CHECK')?.file).toBe('main.ts');
    expect(formatReport(r, dir)).toMatch(/SANDBOX_JS_CHECK[\s\S]*未通过.*Failed/);
  }, 30_000);

  it('the allow-list needs a reason for every entry', () => {
    expect(readAllowList(path.join(DEFAULT_DIR, ALLOW_FILE)).length).toBeGreaterThan(0);
    const bad = path.join(tmp, 'bad-allow.json');
    writeFileSync(bad, JSON.stringify({ allow: [{ check: 'SANDBOX_JS_CHECK', file: 'main.ts' }] }));
    expect(() => readAllowList(bad)).toThrow(/reason|理由/);
  });
});
