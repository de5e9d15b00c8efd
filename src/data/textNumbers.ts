/**
 * Plain text files of numbers, as `np.savetxt`, `seq` or a hand-written list produce them.
 *
 * Numbers (the grammar of `parseDecimal`: decimal, scientific, `nan`, `inf`) are separated by whitespace
 * and/or a comma; `#` starts a comment that runs to the end of the line. A comma must stand between two
 * numbers, except that one may end a line (`1, 2, 3,`): two commas in a row, or a comma starting a line,
 * mean a missing value and are an error. So is a comma directly before a number with a leading zero
 * (`1,000`, `1,05`): a thousands separator or a decimal comma, which would otherwise read as two numbers.
 * Anything else (`NA`, `1;2`, `[`) is a `parse-error` with its line and column.
 *
 * `parseTextNumbers` reads all the numbers as one array; `parseTextMatrix` reads each line with numbers as
 * a row and requires equal rows.
 */
import { DivergenceError } from '../core/errors';
import { parseDecimal } from './parseDecimal';
import { quoteText, rejectBinaryText } from './textSupport';

export interface TextMatrix {
  /** Row-major. */
  readonly values: Float64Array;
  /** [n] when the numbers are on one line or one per line, else [rows, cols]. */
  readonly shape: number[];
}

/** Every number in the text, in order. */
export function parseTextNumbers(text: string): Float64Array {
  return scan(text, null).values;
}

/** The numbers of each non-blank line as a row of a matrix. */
export function parseTextMatrix(text: string): TextMatrix {
  const rowLengths: number[] = [];
  const r = scan(text, rowLengths);
  const rows = rowLengths.length;
  const cols = rowLengths[0];
  if (rows === 1 || cols === 1) {
    if (cols === 1) {
      const bad = rowLengths.findIndex((n) => n !== 1);
      if (bad >= 0) raggedError(r.rowLines[bad], rowLengths[bad], 1);
    }
    return { values: r.values, shape: [r.values.length] };
  }
  for (let k = 1; k < rows; k++) if (rowLengths[k] !== cols) raggedError(r.rowLines[k], rowLengths[k], cols);
  return { values: r.values, shape: [rows, cols] };
}

function raggedError(line: number, n: number, cols: number): never {
  throw new DivergenceError('parse-error', `line ${line} has ${n} number${n === 1 ? '' : 's'} but the first line has ${cols}`, { line, column: 1 });
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff;
}

/** Reads the numbers; when `rowLengths` is given, records how many each non-blank line has. */
function scan(text: string, rowLengths: number[] | null): { values: Float64Array; rowLines: number[] } {
  rejectBinaryText(text, 'plain-text');
  const len = text.length;
  let values = new Float64Array(Math.max(16, Math.min(1 << 16, len >> 2)));
  let n = 0;
  let line = 1;
  let lineStart = 0;
  let inRow = 0; // numbers on the current line
  let commaPending = false; // a comma followed the last number and no number has come since
  let commaOffset = 0;
  let lastTokenStart = 0;
  const rowLines: number[] = [];
  const fail: (offset: number, message: string) => never = (offset, message) => {
    const column = offset - lineStart + 1;
    throw new DivergenceError('parse-error', `line ${line}, column ${column}: ${message}`, { line, column, offset, index: n });
  };
  const endLine = (): void => {
    if (inRow > 0 && rowLengths) {
      rowLengths.push(inRow);
      rowLines.push(line);
    }
    inRow = 0;
    commaPending = false;
  };
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      endLine();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      lineStart = i;
    } else if (isSpace(c)) i++;
    else if (c === 35) {
      while (i < len && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 44) {
      if (inRow === 0) fail(i, 'a comma with no number before it on its line');
      if (commaPending) fail(commaOffset, 'two commas with no number between them (a missing value?)');
      commaPending = true;
      commaOffset = i;
      i++;
    } else {
      const start = i;
      while (i < len) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13 || d === 44 || d === 35 || isSpace(d)) break;
        i++;
      }
      const v = parseDecimal(text, start, i);
      if (v === undefined) fail(start, `${quoteText(text.slice(start, i))} is not a number`);
      if (commaPending && commaOffset === start - 1 && text.charCodeAt(start) === 48 && isDigitAt(text, start + 1)) {
        const whole = text.slice(lastTokenStart, i);
        fail(start, `${quoteText(whole)}: a comma before a number with a leading zero looks like a thousands separator or a decimal comma; write plain numbers (1000 or 1.05)`);
      }
      if (n === values.length) {
        const grown = new Float64Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[n++] = v;
      lastTokenStart = start;
      inRow++;
      commaPending = false;
    }
  }
  endLine();
  if (n === 0) throw new DivergenceError('empty-input', 'the text holds no numbers');
  return { values: values.slice(0, n), rowLines };
}
