/** The page bridge of the browser shell and e2e tests, end to end in Node: page script → handleWebCall → real handlers. */
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS, MAIN_ONLY } from '../../src/api/contract';
import { HOST_METHODS } from '../../src/api/host';
import { Session } from '../../src/host/session';
import { handleWebCall, webBridgeScript } from '../../src/host/web';
import { tempDir } from '../db/fixtures';

async function page(session: Session) {
  const sent: unknown[][] = [];
  const window: Record<string, unknown> = {};
  const transport = (kind: unknown, name: unknown, args: unknown) => {
    sent.push([kind, name, args]);
    return handleWebCall(session, 'test', kind, name, args);
  };
  vm.runInNewContext(webBridgeScript('transport'), { window, transport, document: {}, btoa: (s: string) => Buffer.from(s, 'binary').toString('base64') });
  return { api: window.api as Record<string, (i?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>> & { host: Record<string, (...a: unknown[]) => Promise<unknown>> }, sent };
}

describe('web bridge', () => {
  it('defines one method per channel and per host method, and passes each input through whole', async () => {
    const session = new Session(path.join(tempDir(), 'data'), () => new Date('2025-06-16T09:00:00+08:00'));
    await session.start();
    const { api, sent } = await page(session);
    for (const c of CHANNELS) expect(typeof api[c]).toBe('function');
    for (const m of HOST_METHODS) expect(typeof api.host[m]).toBe('function');
    expect(await api.host.status!()).toEqual({ needsSetup: true, shell: 'test' });
    expect(await api['bureau.get']!()).toMatchObject({ ok: false, error: { message: '尚未设置监管部门，请先完成首次设置' } });
    expect(await api.host.setup!({ level: 'county', bureau: '尧都区应急管理局', operator: '王涛' })).toMatchObject({ ok: true });
    expect(await api['bureau.setOperator']!({ operator: '杨义端' })).toEqual({ ok: true, value: { operator: '杨义端' } });
    expect(sent.at(-1)).toEqual(['call', 'bureau.setOperator', [{ operator: '杨义端' }]]);
    expect(await api['units.get']!({ id: 'nope' })).toMatchObject({ ok: false, error: { message: '单位编号「nope」不在台账中' } });
    session.close();
  });

  it('refuses unknown channels and host methods, and bad host payloads, as data', async () => {
    const session = new Session(path.join(tempDir(), 'data'));
    await session.start();
    expect(await handleWebCall(session, 'test', 'call', 'db.drop', [{}])).toMatchObject({ ok: false, error: { message: '未知的接口：db.drop' } });
    expect(await handleWebCall(session, 'test', 'host', 'eval', [])).toMatchObject({ ok: false });
    expect(await handleWebCall(session, 'test', 'host', 'exportReport', [{ report: 'tier-list', format: 'doc' }])).toMatchObject({ ok: false, error: { message: '请求内容不正确' } });
    for (const c of MAIN_ONLY) expect(await handleWebCall(session, 'test', 'call', c, [{ file: '/etc/passwd' }])).toMatchObject({ ok: false, error: { message: `接口 ${c} 只能由宿主程序调用` } });
    session.close();
  });
});
