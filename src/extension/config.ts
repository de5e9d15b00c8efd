import * as vscode from 'vscode';

/** Every setting of Divergence Lens, typed, read when used (never cached: the user may change them). */
export interface DivergenceSettings {
  /** 'e', '2', '10' or another positive number other than 1, as the user wrote it. */
  readonly base: string;
  readonly significantDigits: number;
  readonly hoverEnabled: boolean;
  /** Literals with more elements than this get no hover summary (and the status bar ignores them). */
  readonly hoverMaxElements: number;
}

const SECTION = 'divergenceLens';

export function readSettings(scope?: vscode.ConfigurationScope): DivergenceSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const digits = c.get<number>('significantDigits', 4);
  const maxElements = c.get<number>('hover.maxElements', 100_000);
  return {
    base: String(c.get<string | number>('base', 'e')).trim() || 'e',
    significantDigits: Number.isFinite(digits) ? Math.min(17, Math.max(1, Math.round(digits))) : 4,
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    hoverMaxElements: Number.isInteger(maxElements) && maxElements >= 1 ? maxElements : 100_000,
  };
}
