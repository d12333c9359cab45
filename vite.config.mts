import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const ANTD_INDEX = fileURLToPath(new URL('./node_modules/antd/es/index.js', import.meta.url));

/** antd's components as its index exports them: `Button` → `button` (the folder under antd/es). */
export function antdComponents(index = readFileSync(ANTD_INDEX, 'utf8')): Map<string, string> {
  return new Map([...index.matchAll(/export \{ default as (\w+) \} from '\.\/([\w-]+)';/g)].map((m) => [m[1] as string, m[2] as string]));
}

/**
 * `import { Button, App as AntApp } from 'antd'` → `import Button from 'antd/es/button'` and
 * `import AntApp from 'antd/es/app'`; type imports and names antd's index does not export as a
 * component stay as they were.
 */
export function perComponentImports(code: string, components: Map<string, string>): string {
  return code.replace(/import \{([^}]*)\} from 'antd';/g, (whole, list: string) => {
    const kept: string[] = [];
    const own: string[] = [];
    for (const spec of list.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const [name, alias] = spec.split(/\s+as\s+/) as [string, string | undefined];
      const dir = components.get(name);
      if (spec.startsWith('type ') || dir === undefined) kept.push(spec);
      else own.push(`import ${alias ?? name} from 'antd/es/${dir}';`);
    }
    if (own.length === 0) return whole;
    // on as many lines as before, so that the lines after keep their numbers
    const lines = whole.split('\n').length - 1;
    return [...(kept.length > 0 ? [`import { ${kept.join(', ')} } from 'antd';`] : []), ...own].join(' ') + '\n'.repeat(lines);
  });
}

/**
 * Each antd component imported from its own module, not through antd's index: through the index,
 * the bundler puts every component any screen uses into the first chunk (the date picker, forms,
 * descriptions… of screens loaded later), about a fifth more to parse and run before the window
 * can show anything. What `babel-plugin-import` did for antd 4, for the renderer's own files.
 */
function antdPerComponent(): Plugin {
  let components: Map<string, string>;
  return {
    name: 'antd-per-component',
    enforce: 'pre',
    buildStart() {
      components = antdComponents();
    },
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.tsx?$/.test(id) || !code.includes("from 'antd'")) return null;
      return { code: perComponentImports(code, components), map: null };
    },
  };
}

/** The renderer: built to dist/renderer with relative paths, loaded by Electron from file:// or by the browser shell. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [antdPerComponent(), react()],
  // React as one ES module (renderer/vendor/react.mjs says why)
  resolve: { alias: [{ find: /^react$/, replacement: fileURLToPath(new URL('./renderer/vendor/react.mjs', import.meta.url)) }] },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
