/**
 * Number formatting shared by the notification, the status bar, the CLI's human line and the panel.
 * Pure: no vscode, no DOM.
 */

/**
 * `value` to `digits` significant digits in the style of C's `%g`: trailing zeros dropped, exponent form
 * only for very large or very small magnitudes. 0.0852996 with 4 digits gives "0.0853"; Infinity gives "∞".
 */
export function formatSignificant(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const d = Math.min(17, Math.max(1, Math.round(digits)));
  // The exponent after rounding to d digits decides the form, as %g does (9999.7 to 4 digits is 1e+4).
  const [mantissa, exp] = value.toExponential(d - 1).split('e') as [string, string];
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= d) return `${stripZeros(mantissa)}e${exp}`;
  return stripZeros(value.toFixed(Math.max(0, d - 1 - exponent)));
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Full precision, machine-readable: the shortest decimal string that reads back to the same double, infinity as
 * "Infinity" (what JSON readers, Python's float() and the command line's contract read). For the clipboard,
 * data attributes and the command line; text for people uses {@link formatPrecise}.
 */
export function formatFull(value: number): string {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

/**
 * Full precision for people (the output channel, comments): as {@link formatFull}, with infinity written "∞"
 * as {@link formatSignificant} writes it, so one value reads the same in every message.
 */
export function formatPrecise(value: number): string {
  return Number.isFinite(value) || Number.isNaN(value) ? formatFull(value) : formatSignificant(value, 1);
}

/**
 * A measure's value as every message writes it: "label = value unit" (no unit for a unitless measure), the
 * value to `digits` significant digits ({@link formatSignificant}), or in full ({@link formatPrecise}) without.
 */
export function formatMeasure(label: string, value: number, unit: string | undefined, digits?: number): string {
  const number = digits === undefined ? formatPrecise(value) : formatSignificant(value, digits);
  return `${label} = ${number}${unit ? ` ${unit}` : ''}`;
}
