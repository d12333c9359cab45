import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, MAIN_ONLY } from '../../src/api/contract';
import { HOST_METHODS } from '../../src/api/host';
import { RENDERER_CHANNELS, apiIpc, hostIpc } from '../../electron/channels';
import { APP_INDEX, APP_ORIGIN } from '../../electron/protocol';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  safeExternalUrl,
  shouldAllowNavigation,
  validateHostCall,
  validateIpc,
  webPreferences,
  withoutCsp,
} from '../../electron/security';

const ROOT = path.resolve(__dirname, '../..');

describe('webPreferences', () => {
  it('sets every security-relevant preference explicitly', () => {
    const p = webPreferences('/app/preload.js');
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      preload: '/app/preload.js',
    });
    expect(webPreferences('p', true).devTools).toBe(true);
  });

  it('main.ts repeats them literally in its BrowserWindow (what electronegativity reads)', () => {
    const main = readFileSync(path.join(ROOT, 'electron/main.ts'), 'utf8');
    const literal = main.slice(main.indexOf('new BrowserWindow('));
    const p = webPreferences('x') as unknown as Record<string, unknown>;
    for (const key of ['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'navigateOnDragDrop', 'spellcheck', 'disableBlinkFeatures']) {
      const v = p[key];
      const text = typeof v === 'string' ? `'${v}'` : String(v);
      expect(literal, key).toMatch(new RegExp(`\\n\\s*${key}: ${text},`));
    }
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
  });
});

describe('contentSecurityPolicy', () => {
  it('is the one in renderer/index.html', () => {
    const html = readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy());
  });

  it('allows nothing remote and no inline or eval script', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
  });

  it('withoutCsp drops any CSP the response had, whatever its case', () => {
    expect(withoutCsp({ 'content-security-policy': ['x'], 'Content-Type': 'text/html', 'CONTENT-SECURITY-POLICY': 'y' })).toEqual({ 'Content-Type': ['text/html'] });
    expect(withoutCsp(undefined)).toEqual({});
  });
});

describe('URLs', () => {
  it('isAppUrl: only the app origin', () => {
    expect(APP_ORIGIN).toBe('app://kafj');
    expect(isAppUrl(APP_INDEX)).toBe(true);
    expect(isAppUrl('app://kafj/assets/x.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@kafj/index.html')).toBe(false);
    expect(isAppUrl('app://kafj:8080/index.html')).toBe(false);
    expect(isAppUrl('https://kafj/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl('https://example.com/', 'https://example.com')).toBe(true);
  });

  it('shouldAllowNavigation: never, except the app index (with a #/route)', () => {
    expect(shouldAllowNavigation('app://kafj/index.html')).toBe(true);
    expect(shouldAllowNavigation('app://kafj/index.html#/units/42')).toBe(true);
    expect(shouldAllowNavigation('app://kafj/index.html?x=1')).toBe(false);
    expect(shouldAllowNavigation('app://kafj/assets/index.js')).toBe(false);
    expect(shouldAllowNavigation('app://kafj/other.html')).toBe(false);
    expect(shouldAllowNavigation('https://www.baidu.com/')).toBe(false);
    expect(shouldAllowNavigation('file:///C:/Windows/index.html')).toBe(false);
    expect(shouldAllowNavigation('javascript:alert(1)')).toBe(false);
    expect(shouldAllowNavigation('data:text/html,<h1>x</h1>')).toBe(false);
    expect(shouldAllowNavigation('')).toBe(false);
  });

  it('isAllowedRequest: the app files and inline data only, nothing remote', () => {
    expect(isAllowedRequest('app://kafj/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:font/woff2;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('https://fonts.googleapis.com/css')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:5178/')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('ws://example.com')).toBe(false);
  });

  it('safeExternalUrl: parsed http(s) URLs without credentials only', () => {
    expect(safeExternalUrl('https://yjj.linfen.gov.cn/a?b=1')).toBe('https://yjj.linfen.gov.cn/a?b=1');
    expect(safeExternalUrl(' http://example.com ')).toBe('http://example.com/');
    expect(safeExternalUrl('HTTPS://EXAMPLE.com/x')).toBe('https://example.com/x');
    expect(safeExternalUrl('https://user:pw@example.com/')).toBeNull();
    expect(safeExternalUrl('file:///C:/Windows/System32/calc.exe')).toBeNull();
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('smb://server/share')).toBeNull();
    expect(safeExternalUrl('ms-msdt:/id PCWDiagnostic')).toBeNull();
    expect(safeExternalUrl('app://kafj/index.html')).toBeNull();
    expect(safeExternalUrl('//example.com')).toBeNull();
    expect(safeExternalUrl('example.com')).toBeNull();
    expect(safeExternalUrl(42)).toBeNull();
    expect(safeExternalUrl(`https://example.com/${'a'.repeat(9000)}`)).toBeNull();
  });
});

describe('isTrustedSender', () => {
  const ok = { frameUrl: 'app://kafj/index.html#/units', isMainFrame: true, senderId: 3, windowId: 3 };
  it('accepts the app main frame of the app window', () => {
    expect(isTrustedSender(ok)).toBe(true);
  });
  it('refuses sub-frames, other windows, other origins, gone frames, no window', () => {
    expect(isTrustedSender({ ...ok, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, senderId: 4 })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'file:///index.html' })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: undefined })).toBe(false);
    expect(isTrustedSender({ ...ok, windowId: undefined })).toBe(false);
  });
});

describe('channels', () => {
  it('the renderer list is the contract without MAIN_ONLY', () => {
    expect([...RENDERER_CHANNELS].sort()).toEqual(CHANNELS.filter((c) => !MAIN_ONLY.includes(c)).sort());
    expect(apiIpc('units.get')).toBe('api:units.get');
    expect(hostIpc('status')).toBe('host:status');
  });
});

describe('validateIpc', () => {
  it('passes a good payload through (undefined means {})', () => {
    expect(validateIpc('units.get', { id: 'u1' })).toEqual({ ok: true, channel: 'units.get', input: { id: 'u1' } });
    expect(validateIpc('bureau.get', undefined)).toEqual({ ok: true, channel: 'bureau.get', input: {} });
  });

  it('refuses unknown channels with a Chinese message', () => {
    const r = validateIpc('fs.readFile', { path: '/etc/passwd' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.result.error.message).toBe('未知的接口：fs.readFile');
    expect(validateIpc('__proto__', {}).ok).toBe(false);
    expect(validateIpc('constructor', {}).ok).toBe(false);
    expect(validateIpc(42, {}).ok).toBe(false);
  });

  it('refuses every MAIN_ONLY channel (they take file paths)', () => {
    for (const c of MAIN_ONLY) {
      const r = validateIpc(c, { file: 'C:\\Windows\\win.ini', year: 2024, report: 'tier-list' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.result.error.message).toMatch(/只能由主进程调用/);
    }
  });

  it('refuses a bad payload with the zod issues, in Chinese, without throwing', () => {
    const r = validateIpc('units.get', { id: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.result.error.message).toMatch(/^输入有误：/);
      expect(/[\u4e00-\u9fff]/.test(r.result.error.message)).toBe(true);
      expect(r.result.error.issues.length).toBeGreaterThan(0);
    }
    for (const bad of ['x', 42, [], true, { id: 5 }]) expect(() => validateIpc('units.get', bad)).not.toThrow();
    expect(validateIpc('units.get', 'x').ok).toBe(false);
    expect(validateIpc('hazards.update', { hazardId: 1.5 }).ok).toBe(false);
  });
});

describe('validateHostCall', () => {
  it('knows every host method', () => {
    for (const m of HOST_METHODS) expect(validateHostCall(m, [undefined]).ok === false ? m : 'known').toBeTypeOf('string');
    expect(validateHostCall('status', []).ok).toBe(true);
    const r = validateHostCall('openPath', ['/etc']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.result.error.message).toBe('未知的操作：openPath');
  });

  it('checks the one argument; file methods take none from the renderer', () => {
    expect(validateHostCall('setup', [{ level: 'county', bureau: '尧都区应急管理局', operator: '张三' }]).ok).toBe(true);
    expect(validateHostCall('setup', [{ level: 'province', bureau: 'x', operator: 'y' }]).ok).toBe(false);
    expect(validateHostCall('exportReport', [{ report: 'tier-list', format: 'pdf', year: 2024 }]).ok).toBe(true);
    expect(validateHostCall('exportReport', [{ report: 'tier-list', format: 'exe' }]).ok).toBe(false);
    expect(validateHostCall('exportPackage', [2024]).ok).toBe(true);
    expect(validateHostCall('exportPackage', ['2024']).ok).toBe(false);
    expect(validateHostCall('restoreBackup', ['2024-03-01.sqlite']).ok).toBe(true);
    expect(validateHostCall('restoreBackup', [{}]).ok).toBe(false);
    const imp = validateHostCall('importRegistry', ['/etc/passwd']);
    expect(imp).toEqual({ ok: true, method: 'importRegistry', arg: undefined });
    expect(validateHostCall('reveal', [{ name: 'a.xlsx', location: '/x/a.xlsx', rows: 1 }]).ok).toBe(true);
    expect(validateHostCall('reveal', ['/x/a.xlsx']).ok).toBe(false);
    expect(validateHostCall('setup', 'not-an-array').ok).toBe(false);
  });
});
