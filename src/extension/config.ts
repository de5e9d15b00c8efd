import * as vscode from 'vscode';
import { parseSettings, type DivergenceSettings } from './settingsModel';

export type { DivergenceSettings, NormalizationPolicy } from './settingsModel';

const SECTION = 'divergenceLens';

/** Problems already shown: each invalid value is reported once per session, not on every keystroke. */
const reported = new Set<string>();

/**
 * Every setting, typed and checked (settingsModel.ts), read when used (never cached: the user may change
 * them). An invalid value falls back to its default, and a warning says which setting and why.
 */
export function readSettings(scope?: vscode.ConfigurationScope): DivergenceSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const { settings, problems } = parseSettings((key) => c.get<unknown>(key));
  for (const p of problems) {
    if (reported.has(p)) continue;
    reported.add(p);
    void vscode.window.showWarningMessage(`Divergence Lens: ${p}`);
  }
  return settings;
}
