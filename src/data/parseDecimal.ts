/**
 * One number of a data file (a CSV cell, a token of a text file), read without slicing the text when it can:
 * these are called millions of times per file.
 *
 * Grammar, after skipping spaces and tabs on both sides: an optional sign, then digits with an optional
 * fraction (`12`, `1.5`, `5.`, `.5`) and an optional exponent (`1e-3`, `2E+5`), or one of `nan`, `inf`,
 * `infinity` in any case (what numpy's `savetxt` and most writers print for non-finite values; rejecting
 * them with an index is the core's job). Nothing else: no hex, no digit separators, no thousands commas,
 * no `NA`.
 *
 * The result is the correctly rounded double, like `Number()`: mantissas of at most 15 significant digits
 * with a decimal exponent within ±22 are exact operands of one multiplication or division (Clinger's fast
 * path); anything else goes to `Number()` on the validated slice.
 */

/** 1e0 … 1e22, every one an exact double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Whether `text[start, end)` is empty or only spaces and tabs. */
export function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}

/** The number in `text[start, end)`, or `undefined` when that range is not exactly one number (see above). */
export function parseDecimal(text: string, start: number, end: number): number | undefined {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
    if (i === end) return undefined;
    c = text.charCodeAt(i);
  }
  if (c === 110 || c === 78 || c === 105 || c === 73) return special(text, i, end, negative);

  let mantissa = 0;
  let significant = 0; // significant digits seen (leading zeros excluded)
  let dropped = 0; // significant digits beyond 15: the fast path is off
  let fractionDigits = 0;
  let digits = 0;
  while (i < end) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    digits++;
    if (significant > 0 || c !== 48) {
      if (significant < 15) mantissa = mantissa * 10 + (c - 48);
      else dropped++;
      significant++;
    }
    i++;
  }
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    while (i < end) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      digits++;
      if (significant > 0 || c !== 48) {
        if (significant < 15) {
          mantissa = mantissa * 10 + (c - 48);
          fractionDigits++;
        } else dropped++;
        significant++;
      } else fractionDigits++;
      i++;
    }
  }
  if (digits === 0) return undefined;
  let exponent = 0;
  if (i < end && (text.charCodeAt(i) | 32) === 101) {
    i++;
    let expNegative = false;
    c = text.charCodeAt(i);
    if (i < end && (c === 45 || c === 43)) {
      expNegative = c === 45;
      i++;
    }
    let expDigits = 0;
    while (i < end) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (exponent < 100000) exponent = exponent * 10 + (c - 48);
      expDigits++;
      i++;
    }
    if (expDigits === 0) return undefined;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return undefined;
  if (dropped === 0) {
    const e = exponent - fractionDigits;
    let v: number | undefined;
    if (mantissa === 0) v = 0;
    else if (e >= 0 && e <= 22) v = mantissa * POW10[e];
    else if (e < 0 && e >= -22) v = mantissa / POW10[-e];
    if (v !== undefined) return negative ? -v : v;
  }
  const v = Number(text.slice(negative || text.charCodeAt(start) === 43 ? start + 1 : start, end));
  return negative ? -v : v;
}

function special(text: string, start: number, end: number, negative: boolean): number | undefined {
  const word = text.slice(start, end).toLowerCase();
  if (word === 'nan') return NaN;
  if (word === 'inf' || word === 'infinity') return negative ? -Infinity : Infinity;
  return undefined;
}
