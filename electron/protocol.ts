/**
 * The app's own origin: the renderer is served from `app://kafj/…` (a privileged, standard,
 * secure custom scheme) instead of file://, so that the page has a real origin, the CSP's 'self'
 * means only the app's files, and nothing outside dist/renderer can ever be read. Pure: the
 * Electron side (`protocol.handle`) only reads the file this module resolved.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kafj';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `rootDir` that an `app://kafj/…` URL names, or null: another scheme or host,
 * credentials or a port, a malformed escape, a NUL or backslash, a dot-file, or anything that
 * resolves outside `rootDir` (path traversal, encoded or not) is refused. `/` is the index.
 */
export function resolveAppFile(rawUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (rel === '' || rel === '/') rel = '/index.html';
  if (rel.includes('\0') || rel.includes('\\') || !rel.startsWith('/')) return null;
  const segments = rel.split('/').slice(1);
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.') || /[:*?"<>|]/.test(s))) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}
