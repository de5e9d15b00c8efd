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
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -5 || exponent >= d + 2) {
    const [mantissa, exp] = value.toExponential(d - 1).split('e');
    return `${stripZeros(mantissa ?? '')}e${exp ?? ''}`;
  }
  return stripZeros(value.toPrecision(d));
}

function stripZeros(s: string): string {
  if (!s.includes('.') || s.includes('e')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** Full precision: the shortest decimal string that reads back to the same double. */
export function formatFull(value: number): string {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}
