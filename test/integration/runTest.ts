/**
 * Runs the integration suite inside a real VS Code downloaded by @vscode/test-electron (where a download is
 * possible: not on the project's own machines, whose network reaches only package registries; there the
 * end-to-end suite runs a real VS Code from npm's code-server instead). `npm run test:integration`.
 */
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: [join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e: unknown) => {
  console.error(`integration tests failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
