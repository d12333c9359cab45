// Builds the Electron main process and preload with esbuild — no Electron binary needed.
//   electron/main.ts    → dist/electron/main.js     (node, cjs; electron and better-sqlite3 external;
//                                                     JSON imports such as templates/ inlined; the
//                                                     font package stays in node_modules: pdfmake
//                                                     reads its .ttf files, found by require.resolve)
//   electron/preload.ts → dist/electron/preload.js  (one file: a sandboxed preload can only
//                                                     require electron, so everything else is inlined)
// Usage: node electron/build.mjs [--out dir]   (after `vite build` for the renderer; --out for tests)
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
  loader: { '.json': 'json' },
};

const targets = [
  { entryPoints: ['electron/main.ts'], outfile: path.join(out, 'main.js'), external: ['electron', 'better-sqlite3', '@expo-google-fonts/noto-sans-sc/*'] },
  { entryPoints: ['electron/preload.ts'], outfile: path.join(out, 'preload.js'), external: ['electron'] },
];

for (const t of targets) {
  await build({ ...common, ...t });
  const kb = (statSync(t.outfile).size / 1024).toFixed(1);
  process.stdout.write(`${path.relative(root, t.outfile)}  ${kb} KB\n`);
}
