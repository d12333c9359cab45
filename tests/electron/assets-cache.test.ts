/** Which files of the built renderer a window may keep (and may keep compiled): the hashed assets only. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetCacheControl } from '../../src/host/assets';

const KEEP = 'public, max-age=31536000, immutable';

describe('assetCacheControl', () => {
  it('keeps files named by their content hash under assets/, and reads everything else afresh', () => {
    expect(assetCacheControl('assets/jsx-runtime-DJwah5Eg.js')).toBe(KEEP);
    expect(assetCacheControl(path.join('assets', 'index-BMp7sTLP.css'))).toBe(KEEP);
    expect(assetCacheControl('index.html')).toBe('no-store');
    expect(assetCacheControl('assets/logo.js')).toBe('no-store');
    expect(assetCacheControl('assets/sub/x-DJwah5Eg.js')).toBe('no-store');
    expect(assetCacheControl('other/index-BMp7sTLP.js')).toBe('no-store');
    expect(assetCacheControl('assets/index-BMp7sTLP.js.map')).toBe('no-store');
  });

  it('keeps every script and stylesheet of the built renderer, and not its index.html', () => {
    const dir = path.resolve(__dirname, '../../dist/renderer');
    if (!existsSync(dir)) return; // built by `npm test` before the tests run
    const assets = readdirSync(path.join(dir, 'assets')).filter((f) => /\.(?:js|css)$/.test(f));
    expect(assets.length).toBeGreaterThan(3);
    for (const f of assets) expect(assetCacheControl(path.join('assets', f)), f).toBe(KEEP);
    expect(assetCacheControl('index.html')).toBe('no-store');
  });
});
