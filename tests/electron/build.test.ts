import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'kafj-build-'));
const requires = (file: string) => [...new Set([...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))];
const builtin = (m: string) => m.startsWith('node:') || builtinModules.includes(m.split('/')[0]!);

describe('electron/build.mjs (no Electron binary needed)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'electron/build.mjs'), '--out', out], { cwd: ROOT, stdio: 'pipe' });
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('the preload is one file that requires electron and nothing else', () => {
    const file = path.join(out, 'preload.js');
    expect(requires(file)).toEqual(['electron']);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\bzod\b|exposeInMainWorld\("ipcRenderer"/);
    // Loading it in plain Node fails only on electron itself (its binary is not installed here).
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Electron failed to install correctly|Cannot find module 'electron'/);
  });

  it('main requires only electron, better-sqlite3, the font package and Node built-ins; templates are inlined', () => {
    const file = path.join(out, 'main.js');
    const other = requires(file).filter((m) => !builtin(m) && m !== 'electron' && m !== 'better-sqlite3');
    expect(other).toEqual([]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('require.resolve("@expo-google-fonts/noto-sans-sc/package.json")');
    expect(text).toContain('linfen-2023'); // templates/scoring, inlined
    expect(text).toContain('tierColors'); // templates/reports/layout.json, inlined
    expect(text).not.toMatch(/readFileSync\([^)]*templates/);
  });
});
