/**
 * How long a window may keep a file of the built renderer (both shells: Electron's app:// protocol
 * and the browser shell).
 */

/**
 * The built bundle's files under assets/ are named by their content's hash, so they may be kept
 * for good: Chromium then also keeps their compiled code (V8's code cache) and the next start skips
 * compiling them. Everything else, index.html first, is read afresh every time.
 */
export function assetCacheControl(rel: string): string {
  return /^assets[/\\][^/\\]+-[A-Za-z0-9_-]{8}\.(?:js|css)$/.test(rel) ? 'public, max-age=31536000, immutable' : 'no-store';
}
