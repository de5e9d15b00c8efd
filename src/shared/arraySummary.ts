/**
 * What the hover says about one array literal, as Markdown. Pure (no vscode, no DOM): the host computes the
 * numbers, this writes them, and Node unit tests check the text.
 */
import { formatSignificant } from './format';

export interface ArrayFacts {
  readonly n: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** Shape of the literal ([n] or [rows, cols]). */
  readonly shape: readonly number[];
  /** H(P) in the configured unit and in bits, when the values are a (possibly unnormalised) distribution. */
  readonly entropy?: { readonly value: number; readonly unit: string; readonly bits: number; readonly normalized: boolean };
  /** Why the values are not a distribution, when they are not ("P[3] is -0.5"). */
  readonly notDistribution?: string;
  /** Against the pinned reference Q, when one is pinned and the lengths match. */
  readonly vsPinned?: { readonly kl: number; readonly reverseKl: number; readonly js: number; readonly unit: string };
  /** The reading and normalisation used ("read as probabilities; sums are 1"). */
  readonly conventions?: string;
  /** The literal was longer than the hover reads: only the summary above was computed. */
  readonly truncated?: boolean;
}

export function arraySummaryMarkdown(facts: ArrayFacts, digits: number): string {
  const f = (x: number) => formatSignificant(x, digits);
  const shape = facts.shape.length === 2 ? `${facts.shape[0]} × ${facts.shape[1]}` : `${facts.n}`;
  const lines = [
    `**Divergence Lens** · ${shape} values`,
    '',
    `sum ${f(facts.sum)} · min ${f(facts.min)} · max ${f(facts.max)}`,
  ];
  if (facts.entropy) {
    const e = facts.entropy;
    const bits = e.unit === 'bits' ? '' : ` (${f(e.bits)} bits)`;
    lines.push('', `H(P) = **${f(e.value)} ${e.unit}**${bits}${e.normalized && !facts.conventions ? ' · normalised from its sum' : ''}`);
    if (facts.conventions) lines.push('', `_${facts.conventions}_`);
  } else if (facts.notDistribution) {
    lines.push('', `Not a distribution: ${facts.notDistribution}.`);
  }
  if (facts.vsPinned) {
    const v = facts.vsPinned;
    lines.push('', `vs pinned Q: D(P‖Q) = ${f(v.kl)} · D(Q‖P) = ${f(v.reverseKl)} · JS = ${f(v.js)} ${v.unit}`);
  }
  if (facts.truncated) {
    lines.push('', '_More values than the hover limit (`divergenceLens.hover.maxElements`): summary only, entropy not computed. Select it and run a Divergence command to compute._');
  }
  return lines.join('\n');
}
