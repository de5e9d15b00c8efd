// Lets mocha (tsx/cjs) load `import bytes from '.../kernels.wasm'` the way esbuild's `binary` loader bundles
// it: the default export is the file's bytes as a Uint8Array. Register with `--require test/unit/wasmHook.cjs`.
const fs = require('node:fs');

require.extensions['.wasm'] = (module, filename) => {
  if (!fs.existsSync(filename)) throw new Error(`${filename} is missing: run \`npm run build:wasm\` first`);
  module.exports = { __esModule: true, default: new Uint8Array(fs.readFileSync(filename)) };
};
