// Lets mocha load the extension's modules in plain Node: `import * as vscode from 'vscode'` resolves to the test
// double test/unit/extension/vscodeDouble.ts (the real module exists only inside VS Code). Register after
// tsx/cjs, which compiles the double.
const Module = require('node:module');
const path = require('node:path');

const DOUBLE = path.join(__dirname, 'vscodeDouble.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveVscode(request, ...rest) {
  return request === 'vscode' ? DOUBLE : resolve.call(this, request, ...rest);
};
