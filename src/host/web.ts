/**
 * The host for a renderer running in a plain browser page: the browser shell (`npm run
 * start:browser`) and the e2e tests (playwright `exposeBinding`). `webBridgeScript` is the script
 * put into the page: it defines `window.api` (one method per channel, plus `host`) on top of one
 * transport function; files the user picks are read in the page and sent as bytes. `handleWebCall`
 * is the Node side: every payload is checked before it reaches a handler.
 */
import path from 'node:path';
import { z } from 'zod';
import { CHANNELS, MAIN_ONLY, contract, type Channel } from '../api/contract';
import { HOST_METHODS } from '../api/host';
import { errorResult } from '../services/dispatch';
import { ServiceError } from '../services/context';
import type { Session } from './session';

const uploaded = z.object({ name: z.string().min(1).max(255), base64: z.string().max(200 * 1024 * 1024) });
const reportRequest = z.object({
  report: z.string().min(1),
  format: z.enum(['xlsx', 'pdf']),
  year: z.int().min(2000).max(2100).optional(),
  unit: z.string().min(1).optional(),
  seed: z.string().min(1).optional(),
  rate: z.number().gt(0).max(1).optional(),
  size: z.enum(['A4', 'A3']).optional(),
});
const setup = z.object({ level: z.enum(['county', 'city']), bureau: z.string(), operator: z.string(), counties: z.array(z.string()).optional() });

/** The Node side of one call from the page. */
export async function handleWebCall(session: Session, shell: 'browser' | 'test', kind: unknown, name: unknown, args: unknown): Promise<unknown> {
  const a = Array.isArray(args) ? args : [];
  if (kind === 'call') {
    if (typeof name !== 'string' || !(CHANNELS as string[]).includes(name)) return errorResult(new ServiceError(`未知的接口：${String(name)}`));
    // file paths never come from the page: these channels are the host's own
    if ((MAIN_ONLY as readonly string[]).includes(name)) return errorResult(new ServiceError(`接口 ${name} 只能由宿主程序调用`));
    return session.call(name as Channel, a[0]);
  }
  if (kind !== 'host' || typeof name !== 'string' || !(HOST_METHODS as readonly string[]).includes(name)) return errorResult(new ServiceError(`未知的操作：${String(name)}`));
  const parse = <T>(schema: z.ZodType<T>, v: unknown): T => {
    const r = schema.safeParse(v);
    if (!r.success) throw new ServiceError('请求内容不正确');
    return r.data;
  };
  try {
    switch (name) {
      case 'status':
        return { needsSetup: !session.ready, shell };
      case 'setup':
        return await session.setup(parse(setup, a[0]));
      case 'importRegistry':
        return await session.importRegistry(parse(uploaded, a[0]));
      case 'importTableSet':
        return await session.importTableSet(parse(uploaded, a[0]));
      case 'importPackage':
        return await session.importPackage(parse(uploaded, a[0]));
      case 'exportRegistry':
        return await session.exportRegistry();
      case 'exportReport':
        return await session.exportReport(parse(reportRequest, a[0]));
      case 'exportPackage':
        return await session.exportPackage(parse(z.int().min(2000).max(2100), a[0]));
      case 'reveal':
        return null;
      case 'listBackups':
        return session.listBackups().map((b) => ({ ...b, file: path.basename(b.file) }));
      case 'backupNow': {
        const r = await session.backupNow();
        return r.ok ? { ok: true, value: { file: r.value.file ? path.basename(r.value.file) : null } } : r;
      }
      case 'restoreBackup':
        return await session.restore(parse(z.string().min(1), a[0]));
    }
  } catch (e) {
    return errorResult(e);
  }
  return null;
}

/**
 * The page script: `transport` is a JS expression naming a function `(kind, name, args) => Promise`.
 * `download` is a JS expression for what `reveal` does with a saved file (or `null`).
 */
export function webBridgeScript(transport: string, download = 'null'): string {
  const channels = JSON.stringify(Object.keys(contract));
  return `(() => {
  if (window.api) return;
  const send = (kind, name, args) => (${transport})(kind, name, args);
  const toBase64 = (buf) => {
    const bytes = new Uint8Array(buf);
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const pick = (accept) => new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', async () => {
      const f = input.files && input.files[0];
      input.remove();
      if (!f) return resolve(null);
      resolve({ name: f.name, base64: toBase64(await f.arrayBuffer()) });
    });
    input.addEventListener('cancel', () => { input.remove(); resolve(null); });
    document.body.appendChild(input);
    input.click();
  });
  const upload = (method, accept) => async () => { const f = await pick(accept); return f ? send('host', method, [f]) : null; };
  const api = {};
  for (const c of ${channels}) api[c] = (input) => send('call', c, [input === undefined ? {} : input]);
  const reveal = ${download};
  api.host = Object.freeze({
    status: () => send('host', 'status', []),
    setup: (s) => send('host', 'setup', [s]),
    importRegistry: upload('importRegistry', '.xlsx'),
    importTableSet: upload('importTableSet', '.json'),
    importPackage: upload('importPackage', '.zip'),
    exportRegistry: () => send('host', 'exportRegistry', []),
    exportReport: (r) => send('host', 'exportReport', [r]),
    exportPackage: (y) => send('host', 'exportPackage', [y]),
    reveal: async (saved) => { if (reveal) reveal(saved); },
    listBackups: () => send('host', 'listBackups', []),
    backupNow: () => send('host', 'backupNow', []),
    restoreBackup: (f) => send('host', 'restoreBackup', [f]),
  });
  window.api = Object.freeze(api);
})();`;
}
