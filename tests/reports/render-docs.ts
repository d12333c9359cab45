/**
 * Regenerates the page-1 previews of every PDF report in docs/img/ (80 dpi):
 *   npx tsx tests/reports/render-docs.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pageToPng, renderAll, reportDb } from './pdf-helpers';

async function main(): Promise<void> {
  const img = path.join(__dirname, '../../docs/img');
  mkdirSync(img, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'kafj-pdf-docs-'));
  const r = await renderAll(await reportDb(), dir);
  for (const [key, file] of Object.entries(r.files)) {
    const png = pageToPng(file, path.join(img, `report-${key}`), 80);
    console.log(`${png}  (${r.rows[key]} rows, ${r.ms[key]} ms)`);
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
