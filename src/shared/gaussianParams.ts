/** Parsing the Compare Gaussians command's answer. Pure: unit-tested in Node. */
import { isGaussianParams, type GaussianParams } from './protocol';

/** "μ₀, σ₀, μ₁, σ₁": four numbers separated by commas or spaces, or a problem stated in words. */
export function parseGaussianParams(text: string): GaussianParams | string {
  const parts = text.split(/[\s,;]+/).filter((s) => s !== '');
  if (parts.length !== 4) return `expected four numbers μ₀, σ₀, μ₁, σ₁ (e.g. 0, 1, 1, 2); got ${parts.length}`;
  const names = ['μ₀', 'σ₀', 'μ₁', 'σ₁'];
  const values: number[] = [];
  for (let i = 0; i < 4; i++) {
    const v = Number(parts[i]);
    if (!Number.isFinite(v)) return `${names[i]} is "${parts[i]}", not a finite number (position ${i + 1})`;
    if (i % 2 === 1 && !(v > 0)) return `${names[i]} is ${parts[i]}: a standard deviation must be > 0 (position ${i + 1})`;
    values.push(v);
  }
  const params = { mu0: values[0]!, sigma0: values[1]!, mu1: values[2]!, sigma1: values[3]! };
  return isGaussianParams(params) ? params : 'the parameters are out of range';
}

/** "0.5, 0.5" → [0.5, 0.5]: finite numbers separated by commas or spaces, or what is wrong and where. */
export function parseNumberList(text: string, name: string): number[] | string {
  const parts = text.split(/[\s,;]+/).filter((s) => s !== '');
  if (parts.length === 0) return `${name}: no numbers`;
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const v = Number(parts[i]);
    if (!Number.isFinite(v)) return `${name}: "${parts[i]}" at position ${i + 1} is not a finite number`;
    out.push(v);
  }
  return out;
}
