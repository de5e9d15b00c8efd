/**
 * Numeric array literals found in arbitrary source text: an editor selection, a whole line, a file, or a
 * CLI argument. Pure TypeScript (no vscode, DOM or Node APIs) so the extension, the CLI and the webview
 * can share it.
 *
 * Accepted literals
 * - Brackets: JSON / Python / JS `[0.1, 0.9]`, trailing commas, nested rows `[[1, 2], [3, 4]]` (also
 *   without commas, as numpy prints them), Python tuples `(1, 2)` and `(1,)` (only with a comma), MATLAB and
 *   Julia `[1 2 3]`, `[1 2; 3 4]`, rows on separate lines, transposes `[1, 2, 3]'` and `.'`, Julia
 *   element-typed `Float64[1, 2]`.
 * - Wrappers: `np.array(...)`, `numpy.array`, `np.asarray`, `np.asanyarray`, numpy's repr `array(...)`,
 *   `jnp.array`, `torch.tensor` (and its repr `tensor(...)`), `tf.constant`, `tf.convert_to_tensor`,
 *   `new Float64Array([...])` and the other typed arrays, `Float32Array.from([...])`, `Float32Array.of(1, 2)`,
 *   R `c(1, 2, 3)`. Arguments after the first (`dtype=np.float64`, `device='cuda:0'`) are ignored, so values
 *   are the decimals as written, in double precision, whatever dtype is requested.
 * - Bare numbers separated by spaces, commas, semicolons or newlines, when the whole text is numbers.
 * - Elements: decimal and scientific numbers (`1e-3`, `1E+5`, `.5`, `5.`, `-0.0`, `+3`), digit separators
 *   `1_000`, hex/octal/binary `0x1F`, R's `1L`, a Unicode minus sign, `inf`/`Inf`/`Infinity`/`nan`/`NaN`/`NA`
 *   and `np.inf`, `math.nan`, `Number.POSITIVE_INFINITY`, ..., `float('inf')`, numpy scalars like
 *   `np.float64(0.1)`, and constant arithmetic with `+ - * / ** ^` and parentheses (`1/3`, `2**-3`, `1e-3/2`).
 *   Arithmetic is evaluated by a small parser, never by `eval`. Non-finite values are returned as they are;
 *   rejecting them (with an index) is the core's job.
 * - Comments inside brackets: `#` (Python, R, Julia, and `#= =#`), `//` and `/* *\/` (JS/TS), `%` and `%{ %}`
 *   and `...` continuations (MATLAB).
 * - Names: `p = [...]`, `const p = [...]`, `p: number[] = [...]`, `p <- c(...)`, `"p": [...]`, `p: [...]`.
 *
 * Not accepted: arrays of 3 or more dimensions, brace initialisers (`{1, 2}` in C/Java/Go clash with Python
 * sets and MATLAB cells), named constants other than infinities and NaN (`np.pi`), function calls
 * (`np.exp(1)`), ranges (`1:10`), complex numbers, BigInt literals.
 */
import { DivergenceError } from '../core/errors';
import { Analyzer } from './arrayLiteral/analyzer';
import { diag } from './arrayLiteral/results';

export interface SourcePosition {
  /** 0-based offset in UTF-16 code units. */
  readonly offset: number;
  /** 1-based; `\n`, `\r\n` and a lone `\r` each end a line. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export interface ParsedArray {
  /** Row-major, flattened. */
  readonly values: Float64Array;
  /** `[n]` or `[rows, cols]`. */
  readonly shape: readonly number[];
  /** Start of the literal, including a wrapper such as `np.array(` or `new`. */
  readonly start: SourcePosition;
  /** Exclusive end, including the wrapper's `)` and a MATLAB transpose. */
  readonly end: SourcePosition;
  /** Assignment target or object key: `p = [...]`, `const p = [...]`, `p <- c(...)`, `"p": [...]`. */
  readonly name?: string;
  /**
   * Best-effort label: 'json' (the literal is valid JSON), 'python', 'javascript', 'numpy', 'jax', 'torch',
   * 'tensorflow', 'typed-array', 'r', 'matlab' (space- or semicolon-separated; Julia writes the same),
   * 'julia' (when a Julia-only feature shows), 'plain' (bare numbers).
   */
  readonly syntax: string;
}

export interface FindOptions {
  /** Largest number of elements one array may have; more is a parse-error. Default 10^7. */
  readonly maxElements?: number;
}

const DEFAULT_MAX_ELEMENTS = 10_000_000;

function checkText(text: unknown): asserts text is string {
  if (typeof text !== 'string') throw new DivergenceError('invalid-parameter', `expected the text to parse as a string, got ${typeof text}`);
}

function analyze(text: string, maxElements: number): Analyzer {
  const a = new Analyzer(text, maxElements);
  a.run();
  return a;
}

// ---------------------------------------------------------------------------------------------------------
// API

/**
 * Every numeric array literal in `text`, in order of appearance, outermost only (a matrix is one
 * ParsedArray, and `np.array([...])` one literal starting at `np`). Arrays of strings or identifiers, index
 * expressions (`x[0]`), ragged or 3-D nested arrays and empty arrays are skipped, never errors; arrays inside
 * skipped containers (`{"p": [0.1, 0.9]}`, `print([1, 2])`) are still found. Bare numbers count only when the
 * whole text is numbers. Throws a parse-error only when one array has more than `maxElements` elements.
 * Linear time; nesting depth is unbounded.
 */
export function findArrayLiterals(text: string, options?: FindOptions): ParsedArray[] {
  checkText(text);
  const max = options?.maxElements ?? DEFAULT_MAX_ELEMENTS;
  if (!(max >= 1)) throw new DivergenceError('invalid-parameter', `maxElements must be at least 1, got ${String(max)}`);
  const a = analyze(text, max);
  return a.out.map((r) => a.toParsed(r));
}

/**
 * Exactly one array in `text`, as the CLI's inline SPEC: `[0.36, 0.48, 0.16]`, `0.36 0.48 0.16`,
 * `np.array([...])`, `[[1, 2], [3, 4]]`, `p = [...]`. Text around the one array (an assignment, a trailing
 * comment, an enclosing call or object) is ignored. Throws DivergenceError 'parse-error' with line and
 * column when an array is malformed ("expected a number at line 1, column 7, found 'abc'"), when there is
 * none, or when there are several ("found 2 arrays, expected 1"); 'empty-input' for `[]` or blank text.
 */
export function parseArrayLiteral(text: string): ParsedArray {
  checkText(text);
  const a = analyze(text, DEFAULT_MAX_ELEMENTS);
  const found = a.out;
  if (found.length >= 2) {
    const off = a.tok.start[found[1].startTok];
    throw a.error(
      diag('parse-error', off, `found ${found.length} arrays, expected 1 (the second starts at {at})`),
    );
  }
  const failures = [...a.failures].sort((x, y) => x.start - y.start);
  if (found.length === 1) {
    const start = a.tok.start[found[0].startTok];
    const end = a.tok.end[found[0].endTok - 1];
    // A malformed numeric array beside the good one makes "the one array" ambiguous: report it.
    const other = failures.find((f) => f.numericish && !f.tuple && (f.start < start || f.start >= end));
    if (other !== undefined) throw a.error(other.diag);
    return a.toParsed(found[0]);
  }
  const worst = failures.find((f) => f.numericish) ?? failures[0];
  if (worst !== undefined) throw a.error(worst.diag);
  if (a.rootDiag !== undefined) throw a.error(a.rootDiag);
  throw a.error(diag('empty-input', 0, 'expected an array such as [0.1, 0.9] at {at}, found no numbers'));
}
