// The browser bundle of the extension (package.json `browser`: dist/web/extension.js), for vscode.dev,
// github.dev and code-server's web worker extension host. One thread, no Node: esbuild's browser platform
// refuses Node built-ins, and the few modules of src/ that need Node have a twin beside them, `<name>.browser.ts`,
// which this bundle uses in their place (no helper thread, no worker pool, no reading by path).
// scripts/build.mjs builds it; test/unit/build/browserBundle.test.ts checks it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The size budget of dist/web/extension.js (minified, WASM kernels inlined). */
export const BROWSER_BUNDLE_BUDGET = 1_000_000;

/** A relative import of `x` whose `x.browser.ts` exists resolves to that twin. */
export const browserTwins = {
  name: 'browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const twin = `${resolve(args.resolveDir, args.path)}.browser.ts`;
      return existsSync(twin) ? { path: twin } : undefined;
    });
  },
};

/** esbuild options of the browser bundle; `common` holds the options every bundle shares. */
export function browserBundleOptions(common = {}) {
  return {
    bundle: true,
    loader: { '.wasm': 'binary' },
    legalComments: 'none',
    ...common,
    entryPoints: ['src/extension/web/extensionWeb.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    // VS Code loads a web extension as CommonJS (`module.exports`, `require('vscode')`).
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    plugins: [browserTwins],
    metafile: true,
  };
}

/**
 * What a browser bundle must not hold, from esbuild's metafile: every module the output loads at run time other
 * than `vscode` (a Node built-in such as `node:fs` or `worker_threads`, or anything else a browser cannot load).
 */
export function foreignImports(metafile) {
  const found = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports ?? []) {
      if (imp.path !== 'vscode') found.add(imp.path);
    }
  }
  return [...found].sort();
}
