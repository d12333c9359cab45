/**
 * How long a window may keep a file of the built renderer (both shells: Electron's app:// protocol
 * and the browser shell).
 */

/**
 * The built bundle's files under assets/ are named by their content's hash, so they may be kept
 * for good (the HTTP cache; Chromium also keeps their compiled code, though Chromium 156 reads it
 * back only with its background resource fetch turned off: bench/RESULTS.md). Everything else,
 * index.html first, is read afresh every time.
 */
export function assetCacheControl(rel: string): string {
  return /^assets[/\\][^/\\]+-[A-Za-z0-9_-]{8}\.(?:js|css)$/.test(rel) ? 'public, max-age=31536000, immutable' : 'no-store';
}
