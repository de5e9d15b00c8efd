/**
 * The integration suite's entry, loaded by VS Code's extension host (`--extensionTestsPath`): runs the
 * mocha suites in ./suite against the real `vscode` API and the installed Divergence Lens.
 */
import Mocha from 'mocha';
import { klOfSelectionSuite } from './suite/klOfSelection';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  klOfSelectionSuite();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
