/**
 * The cumulative chart's geometry: F over indices as steps of width one index (one bin), so that the last
 * step is as wide as the others instead of a point at the right edge, and a y-axis from 0. Pure.
 */
import { decimateIndices } from '../src/shared/binning';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * The points of a step function drawn 'after' (flat from each point to the next): F of bin k from index
 * k·binSize to the next bin, and a last point at `count` that closes the last step.
 */
export function cdfSteps(cumulative: readonly number[], binSize: number, count: number): Point[] {
  if (cumulative.length === 0) return [];
  const points = decimateIndices(cumulative.length).map((k) => ({ x: k * binSize, y: cumulative[k]! }));
  points.push({ x: count, y: cumulative[cumulative.length - 1]! });
  return points;
}

/** The axes of the cumulative chart: indices 0 … count (whole numbers), probabilities from 0. */
export function cdfScales(count: number): { x: { type: 'linear'; min: number; max: number; ticks: { precision: number } }; y: { min: number; suggestedMax: number } } {
  return { x: { type: 'linear', min: 0, max: count, ticks: { precision: 0 } }, y: { min: 0, suggestedMax: 1 } };
}
