/** docs/clauses.md is true: every DOMAIN.md id is listed, and every named code location and test exists. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SPEC } from '../helpers';

/** Every id of DOMAIN.md: R…/N…/D… tokens, plus the numbered items under R17 and R18. */
function domainIds(): Set<string> {
  const text = readFileSync(path.join(SPEC, 'DOMAIN.md'), 'utf8');
  const ids = new Set<string>();
  for (const m of text.matchAll(/\b([RND]\d+(?:\.\d+)?)\b/g)) ids.add(m[1]!);
  let section: string | null = null;
  for (const line of text.split('\n')) {
    const h = /^## (R\d+)\b/.exec(line);
    if (line.startsWith('## ')) section = h ? h[1]! : null;
    const item = /^(\d+)\. /.exec(line);
    if (section && item && (section === 'R17' || section === 'R18')) ids.add(`${section}.${item[1]}`);
  }
  return ids;
}

interface Row {
  id: string;
  code: string;
  tests: string;
}

function rows(): Row[] {
  const text = readFileSync(path.join(ROOT, 'docs/clauses.md'), 'utf8');
  return text
    .split('\n')
    .filter((l) => /^\| [RND]\d/.test(l))
    .map((l) => {
      const cells = l.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim());
      return { id: cells[0]!, code: cells[2]!, tests: cells[3]! };
    });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('docs/clauses.md', () => {
  const table = rows();
  const byId = new Map(table.map((r) => [r.id, r]));

  it('lists every R, N and D id of DOMAIN.md, once', () => {
    const ids = domainIds();
    expect(ids.size).toBeGreaterThanOrEqual(45);
    for (const id of ids) expect(byId.has(id), `${id} missing from docs/clauses.md`).toBe(true);
    expect(new Set(table.map((r) => r.id)).size).toBe(table.length);
  });

  it('names code locations that exist', () => {
    for (const r of table) {
      if (r.code === 'not yet') continue;
      for (const part of r.code.split(';').map((s) => s.trim())) {
        const [file, symbol] = [...part.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
        expect(file, `${r.id}: ${part}`).toBeDefined();
        const full = path.join(ROOT, file!);
        expect(existsSync(full), `${r.id}: ${file} does not exist`).toBe(true);
        if (symbol) {
          expect(new RegExp(`\\b(function|const|class|let|type|interface)\\s+${escape(symbol)}\\b`).test(readFileSync(full, 'utf8')), `${r.id}: ${symbol} not declared in ${file}`).toBe(true);
        }
      }
    }
  });

  it('names tests that exist and carry the id in their name', () => {
    for (const r of table) {
      if (r.tests === 'not yet') continue;
      for (const part of r.tests.split(/;\s*(?=`)/).map((s) => s.trim())) {
        const file = /`([^`]+)`/.exec(part)?.[1];
        const title = /«(.+)»/.exec(part)?.[1];
        expect(file && title, `${r.id}: ${part}`).toBeTruthy();
        const full = path.join(ROOT, file!);
        expect(existsSync(full), `${r.id}: ${file} does not exist`).toBe(true);
        const src = readFileSync(full, 'utf8');
        expect(new RegExp(`(it|describe)\\(\\s*'${escape(title!)}'`).test(src), `${r.id}: no test «${title}» in ${file}`).toBe(true);
        if (!file!.includes('properties')) {
          expect(new RegExp(`(^|\\s)${escape(r.id)}(?=[\\s:：,，]|$)`).test(title!), `${r.id}: test «${title}» does not carry the id`).toBe(true);
        }
      }
    }
  });
});
