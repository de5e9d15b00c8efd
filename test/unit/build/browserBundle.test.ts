import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..', '..');

interface BrowserBundleScript {
  readonly BROWSER_BUNDLE_BUDGET: number;
  browserBundleOptions(common?: esbuild.BuildOptions): esbuild.BuildOptions & { metafile: true };
  foreignImports(metafile: esbuild.Metafile): string[];
}

/** scripts/browserBundle.mjs, the browser bundle's options as scripts/build.mjs uses them. */
async function script(): Promise<BrowserBundleScript> {
  return (await import(pathToFileURL(join(root, 'scripts', 'browserBundle.mjs')).href)) as BrowserBundleScript;
}

describe('build: the browser bundle (package.json `browser`, dist/web/extension.js)', function () {
  this.timeout(120_000);
  let s: BrowserBundleScript;
  let bundle: esbuild.BuildResult<{ metafile: true; write: false }>;
  let text: string;

  before(async () => {
    s = await script();
    bundle = await esbuild.build({
      ...s.browserBundleOptions({ minify: true, logLevel: 'silent' }),
      absWorkingDir: root,
      write: false,
    });
    text = bundle.outputFiles[0]!.text;
  });

  it('loads no module at run time but vscode: no Node built-in', () => {
    assert.deepEqual(s.foreignImports(bundle.metafile), []);
    const required = [...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(required)], ['vscode']);
  });

  it('holds the browser twins and the WASM kernels, not the Node-only compute modules', () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    for (const twin of ['helperThreads', 'workerPool', 'fileReader']) {
      assert.ok(inputs.includes(`src/compute/${twin}.browser.ts`), twin);
      assert.ok(!inputs.includes(`src/compute/${twin}.ts`), twin);
    }
    for (const nodeOnly of ['src/compute/klThreads.ts', 'src/compute/worker.ts']) {
      assert.ok(!inputs.includes(nodeOnly), nodeOnly);
    }
    assert.ok(inputs.includes('build/kernels.wasm'));
    assert.ok(!inputs.includes('build/kernels-shared.wasm'));
  });

  it(`stays under its budget of 1 MB (${1_000_000} bytes), minified with the kernels inlined`, () => {
    const bytes = Buffer.byteLength(text);
    const gzip = gzipSync(text, { level: 9 }).length;
    console.log(`      browser bundle: ${bytes} bytes, gzip ${gzip} bytes`);
    assert.equal(s.BROWSER_BUNDLE_BUDGET, 1_000_000);
    assert.ok(bytes < s.BROWSER_BUNDLE_BUDGET, `${bytes} bytes`);
  });

  it('never loads DuckDB: the Drift view\'s engine route is its browser twin, without the engine modules', () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    assert.ok(inputs.includes('src/extension/driftEngine.browser.ts'));
    assert.deepEqual(inputs.filter((i) => i === 'src/extension/driftEngine.ts' || /duckdb/i.test(i)), []);
    assert.ok(!/(require|import)\(\s*["'`]@duckdb/.test(text));
  });

  it('the check names a Node built-in that a bundle would require at run time', async () => {
    const probe = await esbuild.build({
      ...s.browserBundleOptions({ logLevel: 'silent' }),
      entryPoints: undefined,
      stdin: { contents: "try { require('node:path'); } catch { /* absent */ }\nexport const x = require('vscode');", loader: 'ts', resolveDir: root },
      absWorkingDir: root,
      write: false,
    });
    assert.deepEqual(s.foreignImports(probe.metafile), ['node:path']);
  });
});
