import * as vscode from 'vscode';
import { gaussianKlBoth } from '../../compute';
import { formatFull, formatSignificant } from '../../shared/format';
import { parseGaussianParams } from '../../shared/gaussianParams';
import { isGaussianParams, type GaussianParams } from '../../shared/protocol';

/**
 * "Divergence: Compare Gaussians…": asks for μ and σ of two Gaussians (or takes them as the command's
 * argument), shows D(P‖Q) and D(Q‖P) in closed form, and opens the panel's Gaussian explorer with them.
 * An empty answer opens the explorer as it was.
 */
export class CompareGaussiansCommand {
  static readonly id = 'divergenceLens.compareGaussians';

  constructor(
    private readonly openExplorer: (params?: GaussianParams) => void,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  async run(arg?: unknown): Promise<void> {
    let params: GaussianParams | undefined = isGaussianParams(arg) ? arg : undefined;
    if (!params) {
      const answer = await vscode.window.showInputBox({
        title: 'Compare Gaussians: P = N(μ₀, σ₀²), Q = N(μ₁, σ₁²)',
        prompt: 'μ₀, σ₀, μ₁, σ₁ (σ is the standard deviation); leave empty to open the explorer',
        placeHolder: '0, 1, 1, 2',
        validateInput: (text) => {
          if (text.trim() === '') return undefined;
          const parsed = parseGaussianParams(text);
          return typeof parsed === 'string' ? parsed : undefined;
        },
      });
      if (answer === undefined) return;
      if (answer.trim() !== '') {
        const parsed = parseGaussianParams(answer);
        if (typeof parsed === 'string') return;
        params = parsed;
      }
    }
    if (params) {
      const { forward, reverse } = gaussianKlBoth(params.mu0, params.sigma0, params.mu1, params.sigma1);
      this.output.info(
        `Gaussians N(${params.mu0}, ${params.sigma0}²) and N(${params.mu1}, ${params.sigma1}²): ` +
          `D(P‖Q) = ${formatFull(forward.value)} nats, D(Q‖P) = ${formatFull(reverse.value)} nats (closed form)`,
      );
      void vscode.window.setStatusBarMessage(
        `Divergence Lens: D(P‖Q) = ${formatSignificant(forward.value, 6)} nats, D(Q‖P) = ${formatSignificant(reverse.value, 6)} nats`,
        5000,
      );
    }
    this.openExplorer(params);
  }
}
