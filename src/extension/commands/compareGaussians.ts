import * as vscode from 'vscode';
import { gaussianKlBoth } from '../../compute';
import { measureDescriptor, orderText, type MeasureId } from '../../core/measures';
import { formatMeasure, formatPrecise } from '../../shared/format';
import { parseGaussianParams } from '../../shared/gaussianParams';
import { isGaussianParams, type GaussianParams } from '../../shared/protocol';
import type { DivergenceSettings } from '../config';
import { showResult, type ResultSinks } from '../results';

/** The registry's label of a measure without an order: "D(P‖Q)". */
function measureLabel(id: MeasureId): string {
  return orderText(measureDescriptor(id).label, '');
}

/**
 * "Divergence: Compare Gaussians…": asks for μ and σ of two Gaussians (or takes them as the command's
 * argument), reports D(P‖Q) and D(Q‖P) in closed form as every result is reported (showResult, in nats at the
 * configured significant digits), and opens the panel's Gaussian explorer with them. An empty answer opens the
 * explorer as it was.
 */
export class CompareGaussiansCommand {
  static readonly id = 'divergenceLens.compareGaussians';

  constructor(
    private readonly deps: Omit<ResultSinks, 'openPanel'> & {
      readonly settings: () => DivergenceSettings;
      readonly openExplorer: (params?: GaussianParams) => void;
    },
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
    this.deps.openExplorer(params);
    if (params) this.report(params);
  }

  private report(g: GaussianParams): void {
    const { forward, reverse } = gaussianKlBoth(g.mu0, g.sigma0, g.mu1, g.sigma1);
    const digits = this.deps.settings().significantDigits;
    const reverseLabel = measureLabel('reverse-kl');
    showResult(
      { ...this.deps, openPanel: () => this.deps.openExplorer(g) },
      {
        label: measureLabel('kl'),
        value: forward.value,
        unit: forward.unit,
        source: `P = N(${g.mu0}, ${g.sigma0}²), Q = N(${g.mu1}, ${g.sigma1}²)`,
        shown: `${formatMeasure(measureLabel('kl'), forward.value, forward.unit, digits)}, ${formatMeasure(reverseLabel, reverse.value, reverse.unit, digits)} (closed form)`,
        full: `${formatPrecise(forward.value)} ${forward.unit}; ${formatMeasure(reverseLabel, reverse.value, reverse.unit)} (closed form)`,
      },
    );
  }
}
