/**
 * Helpers shared by the text readers (CSV, JSON, plain numbers): refusing binary content, turning an
 * offset into a line and column, and quoting a piece of the input for a one-line message.
 */
import { DivergenceError } from '../core/errors';

/** 1-based line and column (UTF-16 code units) of a 0-based offset; `\n`, `\r\n` and a lone `\r` end a line. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** How much of the start of a text is sampled for replacement characters and control codes. */
const SAMPLE = 8192;

/**
 * Throws `unsupported-file` when the text is evidently not text: a NUL anywhere (no text format here allows
 * one, and it is what binary files are full of), or, in the first 8 KiB, more than 8 replacement characters
 * (U+FFFD, left by decoding invalid UTF-8) and C0 control codes making up more than 1% of it. A few stray
 * U+FFFD, from a Latin-1 name decoded as UTF-8, are tolerated: they only matter if they land in a number.
 */
export function rejectBinaryText(text: string, kind: string): void {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const { line, column } = positionAt(text, nul);
    throw new DivergenceError(
      'unsupported-file',
      `this looks like a binary file, not ${kind} text: it has a NUL byte at line ${line}, column ${column}`,
      { line, column, offset: nul },
    );
  }
  const n = Math.min(text.length, SAMPLE);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (isOdd(text.charCodeAt(i))) odd++;
  }
  if (odd > 8 && odd * 100 > n) {
    throw new DivergenceError(
      'unsupported-file',
      `this looks like a binary file, not ${kind} text: ${odd} of its first ${n} characters are invalid UTF-8 or control codes`,
    );
  }
}

function isOdd(c: number): boolean {
  return c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12);
}

/**
 * Whether `rejectBinaryText(prefix + the UTF-8 text of bytes)` passes the sample test (NULs are checked
 * apart, with `indexOf(0)` on the bytes). Decodes only when the sample's bytes are not plain ASCII.
 */
export function sampleIsText(bytes: Uint8Array, prefix = ''): boolean {
  const n = Math.min(bytes.length, 3 * SAMPLE + 4);
  let plain = true;
  for (let i = 0; i < n && plain; i++) {
    const c = bytes[i]!;
    plain = c < 0x80 && !isOdd(c);
  }
  for (let i = 0; i < prefix.length && plain; i++) plain = !isOdd(prefix.charCodeAt(i));
  if (plain) return true;
  try {
    rejectBinaryText(prefix + new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, n)), '');
    return true;
  } catch {
    return false;
  }
}

/** A piece of the input for a message: single-quoted, control characters escaped, at most `max` characters. */
export function quoteText(s: string, max = 40): string {
  const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  // Control characters are escaped on purpose, so a hostile input prints as text.
  // eslint-disable-next-line no-control-regex
  return `'${cut.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

/** A list of names for a message: quoted, comma-separated, at most `max` of them and then "and N more". */
export function listNames(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).map((n) => quoteText(n));
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}
