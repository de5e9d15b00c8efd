import type { DivergencePanel } from '../panel/divergencePanel';

/** "Divergence: Open Panel": shows the panel with the last result. */
export class OpenPanelCommand {
  static readonly id = 'divergenceLens.openPanel';

  constructor(private readonly panel: DivergencePanel) {}

  run(): void {
    this.panel.show();
  }
}
