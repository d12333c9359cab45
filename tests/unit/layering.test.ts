/** The layering of docs/architecture.md is an eslint rule; these tests show the rule bites. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

const eslint = new ESLint({ cwd: ROOT });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering (docs/architecture.md)', () => {
  it('src/ and db/ never import electron, React or UI libraries', async () => {
    for (const file of ['src/cli/x.ts', 'src/engine/x.ts', 'db/x.ts']) {
      expect(await restricted(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
      expect(await restricted(file, "import React from 'react';\nexport const r = React;\n")).toHaveLength(1);
      expect(await restricted(file, "import { Table } from 'antd';\nexport const t = Table;\n")).toHaveLength(1);
      expect(await restricted(file, "import { x } from '../renderer/store';\nexport const y = x;\n")).toHaveLength(1);
    }
  });

  it('src/ and db/ use no DOM globals', async () => {
    expect(await restricted('src/cli/x.ts', 'export const t = document.title;\n')).toHaveLength(1);
    expect(await restricted('db/x.ts', 'export const w = window;\n')).toHaveLength(1);
  });

  it('the pure core does no I/O: no Node built-ins, no db/, no file layer', async () => {
    expect(await restricted('src/engine/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('src/tables/x.ts', "import fs from 'fs';\nexport const r = fs;\n")).toHaveLength(1);
    expect(await restricted('src/domain/x.ts', "import { open } from '../../db/connection';\nexport const o = open;\n")).toHaveLength(1);
    // a relative path that merely looks like a built-in's name is fine
    expect(await restricted('src/engine/x.ts', "import { KIND_IDS } from '../domain/rules';\nexport const k = KIND_IDS;\n")).toEqual([]);
  });

  it('Node-side src/ may use Node built-ins', async () => {
    expect(await restricted('src/io/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toEqual([]);
  });

  it('renderer/ never imports db/, Node built-ins or Node-side src/', async () => {
    expect(await restricted('renderer/x.ts', "import { open } from '../db/connection';\nexport const o = open;\n")).toHaveLength(1);
    expect(await restricted('renderer/x.ts', "import path from 'node:path';\nexport const p = path;\n")).toHaveLength(1);
    expect(await restricted('renderer/x.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('renderer/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toHaveLength(1);
    expect(await restricted('renderer/x.ts', "import { runCli } from '../src/cli/program';\nexport const r = runCli;\n")).toHaveLength(1);
    expect(await restricted('renderer/x.ts', "import { grade } from '../src/engine/grade';\nexport const g = grade;\n")).toEqual([]);
    // the API's types may come from the Node side (erased at build time); its code may not
    expect(await restricted('renderer/x.ts', "import type { Api } from '../src/services/dispatch';\nexport type A = Api;\n")).toEqual([]);
    expect(await restricted('renderer/x.ts', "import { dispatch } from '../src/services/dispatch';\nexport const d = dispatch;\n")).toHaveLength(1);
  });
});
