import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX, mimeType, resolveAppFile } from '../../electron/protocol';

const ROOT = path.resolve('/srv/app/dist/renderer');
const at = (...p: string[]) => path.join(ROOT, ...p);

describe('resolveAppFile', () => {
  it('serves the files inside dist/renderer', () => {
    expect(resolveAppFile(APP_INDEX, ROOT)).toBe(at('index.html'));
    expect(resolveAppFile('app://kafj/', ROOT)).toBe(at('index.html'));
    expect(resolveAppFile('app://kafj', ROOT)).toBe(at('index.html'));
    expect(resolveAppFile('app://kafj/assets/index-Gr4uZf_7.js', ROOT)).toBe(at('assets', 'index-Gr4uZf_7.js'));
    expect(resolveAppFile('app://kafj/index.html#/units?x=1', ROOT)).toBe(at('index.html'));
    expect(resolveAppFile('app://kafj/assets/%E5%AD%97%E4%BD%93.woff2', ROOT)).toBe(at('assets', '字体.woff2'));
  });

  it('refuses path traversal, plain or encoded', () => {
    for (const u of [
      'app://kafj/../../../etc/passwd',
      'app://kafj/%2e%2e/%2e%2e/etc/passwd',
      'app://kafj/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://kafj/assets/%2E%2E%2F%2E%2E%2Fsecret',
      'app://kafj/..%5c..%5cwindows%5cwin.ini',
      'app://kafj/assets%5c..%5c..%5csecret',
      'app://kafj//etc/passwd',
      'app://kafj/C:/Windows/win.ini',
      'app://kafj/%00index.html',
      'app://kafj/%E0%A4%A',
      'app://kafj/.env',
      'app://kafj/assets/.git/config',
    ]) {
      // Either refused, or (when the URL parser already folded a plain `..`) a path inside the root.
      const r = resolveAppFile(u, ROOT);
      if (r !== null) expect(r.startsWith(ROOT + path.sep), u).toBe(true);
    }
    expect(resolveAppFile('app://kafj/../../../etc/passwd', ROOT)).toBe(at('etc', 'passwd'));
    expect(resolveAppFile('app://kafj/.env', ROOT)).toBeNull();
    expect(resolveAppFile('app://kafj/assets/.git/config', ROOT)).toBeNull();
    expect(resolveAppFile('app://kafj/%00index.html', ROOT)).toBeNull();
    expect(resolveAppFile('app://kafj/%E0%A4%A', ROOT)).toBeNull();
    expect(resolveAppFile('app://kafj/C:/Windows/win.ini', ROOT)).toBeNull();
    expect(resolveAppFile('app://kafj/%2e%2e/%2e%2e/etc/passwd', ROOT)).toBe(at('etc', 'passwd'));
    expect(resolveAppFile('app://kafj/assets/..%2f..%2f..%2fetc%2fpasswd', ROOT)).toBeNull();
    expect(resolveAppFile('app://kafj/..%5c..%5cwindows%5cwin.ini', ROOT)).toBeNull();
  });

  it('refuses other schemes, hosts, credentials and ports', () => {
    expect(resolveAppFile('file:///srv/app/dist/renderer/index.html', ROOT)).toBeNull();
    expect(resolveAppFile('https://kafj/index.html', ROOT)).toBeNull();
    expect(resolveAppFile('app://evil/index.html', ROOT)).toBeNull();
    expect(resolveAppFile('app://u:p@kafj/index.html', ROOT)).toBeNull();
    expect(resolveAppFile('app://kafj:81/index.html', ROOT)).toBeNull();
    expect(resolveAppFile('not a url', ROOT)).toBeNull();
  });

  it('knows the types the renderer needs', () => {
    expect(mimeType('a/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('x.woff2')).toBe('font/woff2');
    expect(mimeType('x.bin')).toBe('application/octet-stream');
  });
});
