/**
 * The renderer bundle reads React through renderer/vendor/react.mjs (vite.config.mts): its list of
 * named exports must be exactly React's own, or a module importing a missing name breaks the build
 * or, for a name read off `import * as React`, the window.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

describe('renderer/vendor/react.mjs', () => {
  it("names every export of React's production build, and nothing else", () => {
    const text = readFileSync(path.join(ROOT, 'renderer/vendor/react.mjs'), 'utf8');
    const list = /export const \{([^}]*)\} = React;/.exec(text)?.[1];
    expect(list).toBeDefined();
    const named = (list as string).split(',').map((s) => s.trim()).filter((s) => s !== '');
    const react = createRequire(path.join(ROOT, 'package.json'))('./node_modules/react/cjs/react.production.js') as Record<string, unknown>;
    expect([...named].sort()).toEqual(Object.keys(react).sort());
  });

  it('is what the bundler resolves the bare specifier react to', async () => {
    const config = ((await import(path.join(ROOT, 'vite.config.mts'))) as { default: unknown }).default as { resolve?: { alias?: { find: RegExp; replacement: string }[] } };
    const alias = config.resolve?.alias?.find((a) => a.find.test('react'));
    expect(alias?.replacement).toBe(path.join(ROOT, 'renderer/vendor/react.mjs'));
    expect(alias?.find.test('react/jsx-runtime')).toBe(false);
  });
});
