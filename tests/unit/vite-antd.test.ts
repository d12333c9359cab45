/**
 * The renderer's antd imports are rewritten to one module per component (vite.config.mts), so
 * that components of screens loaded later stay out of the first chunk.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

interface ViteConfigModule {
  antdComponents: () => Map<string, string>;
  perComponentImports: (code: string, components: Map<string, string>) => string;
}

const load = async (): Promise<ViteConfigModule> => (await import(path.join(ROOT, 'vite.config.mts'))) as ViteConfigModule;

describe('antd imports one module per component', () => {
  it("reads antd's components from its index, each to a folder that exists", async () => {
    const { antdComponents } = await load();
    const map = antdComponents();
    expect(map.get('Button')).toBe('button');
    expect(map.get('DatePicker')).toBe('date-picker');
    expect(map.get('App')).toBe('app');
    expect(map.get('message')).toBe('message');
    for (const dir of map.values()) expect(() => require.resolve(`antd/es/${dir}`, { paths: [ROOT] })).not.toThrow();
  });

  it('rewrites named imports, aliases included; keeps types and lines', async () => {
    const { antdComponents, perComponentImports } = await load();
    const map = antdComponents();
    const code = "import {\n  App as AntApp,\n  Button,\n  type TableProps,\n} from 'antd';\nconst x = 1;\nimport { Typography } from 'antd';\n";
    const out = perComponentImports(code, map);
    expect(out).toBe(
      "import { type TableProps } from 'antd'; import AntApp from 'antd/es/app'; import Button from 'antd/es/button';\n\n\n\n\nconst x = 1;\nimport Typography from 'antd/es/typography';\n",
    );
    expect(out.split('\n').length).toBe(code.split('\n').length);
    // only types, or names antd's index does not give as a component: left as they were
    expect(perComponentImports("import { type MenuProps } from 'antd';", map)).toBe("import { type MenuProps } from 'antd';");
    expect(perComponentImports("import { theme as t, Nope } from 'antd';", map)).toBe("import { Nope } from 'antd'; import t from 'antd/es/theme';");
  });
});
