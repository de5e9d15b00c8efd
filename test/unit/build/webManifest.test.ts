import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..', '..');

interface Manifest {
  readonly main: string;
  readonly browser: string;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

describe('build: the manifest of the web extension', () => {
  it('names the browser bundle that scripts/build.mjs writes as its `browser` entry, beside `main`', async () => {
    const { browserBundleOptions } = (await import(pathToFileURL(join(root, 'scripts', 'browserBundle.mjs')).href)) as {
      browserBundleOptions(): { outfile: string };
    };
    assert.equal(manifest.browser, `./${browserBundleOptions().outfile}`);
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('ships the browser bundle in the .vsix (.vscodeignore)', () => {
    const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split(/\r?\n/);
    assert.ok(lines.includes(`!${manifest.browser.replace(/^\.\//, '')}`));
  });
});
