/**
 * renderer/public/start.js asks the host the window's first questions before the bundle has
 * loaded (main.tsx takes the answers): the same calls as main.tsx, the registry's first page only
 * on 企业台账 (as the app's router reads the hash), with the registry screen's number of rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseHash } from '../../renderer/route';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = readFileSync(path.join(ROOT, 'renderer/public/start.js'), 'utf8');

interface Started {
  status: Promise<unknown>;
  bureau: Promise<unknown>;
  head: Promise<unknown> | undefined;
}

/** Runs start.js in a window whose `api` records the calls; `answer` gives each call's promise. */
function run(hash: string, answer: (call: string) => Promise<unknown> = (c) => Promise.resolve({ ok: true, value: c })) {
  const calls: [string, unknown][] = [];
  const api: Record<string, unknown> = {
    host: { status: () => (calls.push(['host.status', undefined]), answer('host.status')) },
  };
  for (const ch of ['bureau.get', 'units.head', 'units.rows', 'units.tiers']) api[ch] = (input: unknown) => (calls.push([ch, input]), answer(ch));
  const window: { api?: unknown; __start?: Started } = { api };
  vm.runInNewContext(SCRIPT, { window, location: { hash } });
  return { calls, started: window.__start };
}

describe('renderer/public/start.js', () => {
  it('asks the status and the bureau, and the first page exactly when the router opens 企业台账', () => {
    for (const hash of ['', '#', '#/', '#/units', '#units', '#/units/', '#/units/x', '#/unit/u1', '#/dashboard', '#/unitsx', '#/settings', '#/score/u1']) {
      const { calls } = run(hash);
      const onRegistry = parseHash(hash).name === 'units';
      expect(calls.map((c) => c[0]), hash).toEqual(['host.status', 'bureau.get', ...(onRegistry ? ['units.head'] : [])]);
    }
  });

  it("asks for as many rows as the registry screen's first page (HEAD_ROWS)", () => {
    const registry = readFileSync(path.join(ROOT, 'renderer/screens/Registry.tsx'), 'utf8');
    const headRows = Number(/const HEAD_ROWS = (\d+);/.exec(registry)?.[1]);
    expect(headRows).toBeGreaterThan(0);
    expect(run('#/units').calls[2]).toEqual(['units.head', { limit: headRows }]);
  });

  it('hands main.tsx the answers as they come, and failures only when it takes them', async () => {
    const ok = run('#/units').started as Started;
    await expect(ok.bureau).resolves.toEqual({ ok: true, value: 'bureau.get' });
    await expect(ok.head).resolves.toEqual({ ok: true, value: 'units.head' });
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', note);
    try {
      const failed = run('#/units', () => Promise.reject(new Error('断开'))).started as Started;
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      await expect(failed.bureau).rejects.toThrow('断开');
    } finally {
      process.off('unhandledRejection', note);
    }
  });

  it('does nothing without a host (main.tsx then asks itself)', () => {
    const window: { __start?: unknown } = {};
    vm.runInNewContext(SCRIPT, { window, location: { hash: '#/units' } });
    expect(window.__start).toBeUndefined();
  });
});
