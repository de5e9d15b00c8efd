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

/** Full precision: the shortest decimal string that reads back to the same double. */
export function formatFull(value: number): string {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}
