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
import { DivergenceError, type DivergenceErrorCode } from '../core/errors';

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

/** 1e0 … 1e22, every one an exact double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

// ---------------------------------------------------------------------------------------------------------
// Tokens. Stored as parallel typed arrays so a 10^7-element literal does not become 2·10^7 objects.

const K_NUM = 1;
const K_BADNUM = 2; // a number run into letters: `1abc`, `2j`, `1f0`
const K_IDENT = 3;
const K_STR = 4;
const K_OPEN = 5;
const K_CLOSE = 6;
const K_COMMA = 7;
const K_SEMI = 8;
const K_OP = 9;

const OP_PLUS = 1;
const OP_MINUS = 2;
const OP_STAR = 3;
const OP_SLASH = 4;
const OP_POW = 5; // **
const OP_CARET = 6; // ^
const OP_DOTSTAR = 7;
const OP_DOTSLASH = 8;
const OP_DOTCARET = 9;
const OP_EQ = 10;
const OP_COLONEQ = 11;
const OP_RASSIGN = 12; // <- and <<-
const OP_COLON = 13;
const OP_DCOLON = 14;
const OP_DOT = 15;
const OP_QUOTE = 16; // ' that does not start a string: a transpose or an apostrophe
const OP_DQUOTE = 17; // " outside brackets, where strings are not recognised
const OP_ELLIPSIS = 18;
const OP_LT = 19;
const OP_GT = 20;
const OP_OTHER = 21;

const B_SQUARE = 0;
const B_PAREN = 1;
const B_BRACE = 2;
const OPEN_CHARS = '[({';
const CLOSE_CHARS = '])}';

const T_SPACE = 1; // whitespace or a comment precedes the token
const T_NEWLINE = 2; // a line break precedes the token
const T_NONJSON = 4; // a number JSON would reject: 1_000, .5, 5., 007, 0x1F, 1L

const G_BROKEN = 1; // never closed, or closed implicitly by an outer bracket's closer
const G_COMMA = 2; // a comma at the group's own level
const G_NUM = 8; // a number at the group's own level
const G_HASH = 16;
const G_SLASHC = 32;
const G_MATLAB = 64;
const G_JULIA = 128;
const G_CHILDNUM = 256; // a nested group holds numbers

class TokenList {
  n = 0;
  kind: Uint8Array;
  op: Uint8Array;
  flags: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** OPEN and CLOSE tokens: the group id. */
  aux: Int32Array;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.op = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.aux = new Int32Array(capacity);
  }

  push(kind: number, op: number, flags: number, start: number, end: number, aux: number): number {
    if (this.n === this.kind.length) this.grow();
    const k = this.n++;
    this.kind[k] = kind;
    this.op[k] = op;
    this.flags[k] = flags;
    this.start[k] = start;
    this.end[k] = end;
    this.aux[k] = aux;
    return k;
  }

  private grow(): void {
    const cap = this.kind.length * 2;
    const g8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.kind = g8(this.kind);
    this.op = g8(this.op);
    this.flags = g8(this.flags);
    this.start = g32(this.start);
    this.end = g32(this.end);
    this.aux = g32(this.aux);
  }
}

/** Bracket groups, indexed by group id. */
interface Groups {
  readonly type: number[];
  readonly open: number[]; // token index of the opener
  readonly end: number[]; // token index of the closer; for a broken group, the exclusive end of its content
  readonly flags: number[];
  readonly parent: number[];
  /** closeOrder.length when the group opened: its descendants close at closeOrder[coStart .. own index). */
  readonly coStart: number[];
  /** Group ids in the order they closed: children before parents. */
  readonly closeOrder: number[];
  rootFlags: number;
}

// ---------------------------------------------------------------------------------------------------------
// Characters

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isRadixDigit(c: number, radix: number): boolean {
  if (radix === 16) return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
  if (radix === 8) return c >= 48 && c <= 55;
  if (radix === 2) return c === 48 || c === 49;
  return isDigit(c);
}

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

const UNICODE_ID_START = /[\p{L}\p{Nl}]/u;
const UNICODE_ID_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function isIdentStart(c: number): boolean {
  if (c < 128) return isAsciiIdentStart(c);
  // Lone surrogates and astral characters are punctuation here: identifiers made of them are not worth
  // the pairing logic.
  return (c < 0xd800 || c > 0xdfff) && UNICODE_ID_START.test(String.fromCharCode(c));
}

function isIdentPart(c: number): boolean {
  if (c < 128) return isAsciiIdentStart(c) || isDigit(c);
  return (c < 0xd800 || c > 0xdfff) && UNICODE_ID_PART.test(String.fromCharCode(c));
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0x1680 ||
    // VS Code does not break lines at U+2028/2029, so neither do we: positions must match the editor's.
    c === 0x2028 ||
    c === 0x2029
  );
}

// ---------------------------------------------------------------------------------------------------------
// Lexer. One pass, context-sensitive: strings and comments are recognised only inside brackets, because
// outside them a quote is as likely an apostrophe in prose ("don't use [1, 2]") and a `#` or `//` is as
// likely a commented-out line the user selected on purpose.

class Lexer {
  readonly tok: TokenList;
  readonly groups: Groups = {
    type: [],
    open: [],
    end: [],
    flags: [],
    parent: [],
    coStart: [],
    closeOrder: [],
    rootFlags: 0,
  };
  private readonly stack: number[] = [];
  private readonly openCount = [0, 0, 0];
  private pending = 0;

  constructor(private readonly text: string) {
    this.tok = new TokenList(Math.max(16, Math.min(text.length + 1, 1 << 18)));
  }

  run(): void {
    const text = this.text;
    const len = text.length;
    let i = 0;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.pending |= T_SPACE | T_NEWLINE;
        i++;
      } else if (c === 13) {
        this.pending |= T_SPACE | T_NEWLINE;
        i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
      } else if (isSpace(c)) {
        this.pending |= T_SPACE;
        i++;
      } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
        i = this.number(i);
      } else if (isIdentStart(c)) {
        let j = i + 1;
        while (j < len && isIdentPart(text.charCodeAt(j))) j++;
        this.emit(K_IDENT, 0, i, j);
        i = j;
      } else {
        i = this.punct(c, i);
      }
    }
    const g = this.groups;
    while (this.stack.length > 0) {
      const gid = this.stack.pop()!;
      g.end[gid] = this.tok.n;
      g.flags[gid] |= G_BROKEN;
      g.closeOrder.push(gid);
    }
  }

  private emit(kind: number, op: number, start: number, end: number, aux = -1): number {
    const k = this.tok.push(kind, op, this.pending, start, end, aux);
    this.pending = 0;
    return k;
  }

  private markTop(flag: number): void {
    const s = this.stack;
    if (s.length > 0) this.groups.flags[s[s.length - 1]] |= flag;
    else this.groups.rootFlags |= flag;
  }

  private topType(): number {
    const s = this.stack;
    return s.length > 0 ? this.groups.type[s[s.length - 1]] : -1;
  }

  private digits(j: number, radix: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(j);
      if (isRadixDigit(c, radix)) j++;
      else if (c === 95 && isRadixDigit(t.charCodeAt(j - 1), radix) && isRadixDigit(t.charCodeAt(j + 1), radix)) {
        this.sawUnderscore = true;
        j++;
      } else return j;
    }
  }

  private sawUnderscore = false;

  private number(i: number): number {
    const t = this.text;
    this.sawUnderscore = false;
    let nonjson = false;
    let j: number;
    const c0 = t.charCodeAt(i);
    const c1 = t.charCodeAt(i + 1) | 32;
    const radix = c0 !== 48 ? 10 : c1 === 120 ? 16 : c1 === 111 ? 8 : c1 === 98 ? 2 : 10;
    if (radix !== 10 && isRadixDigit(t.charCodeAt(i + 2), radix)) {
      j = this.digits(i + 2, radix);
      nonjson = true;
    } else {
      if (c0 === 46) {
        nonjson = true;
        j = this.digits(i + 1, 10);
      } else {
        if (c0 === 48 && isDigit(t.charCodeAt(i + 1))) nonjson = true;
        j = this.digits(i, 10);
        // `1..2` and `2...` (a MATLAB continuation) keep their dots.
        if (t.charCodeAt(j) === 46 && t.charCodeAt(j + 1) !== 46) {
          j++;
          if (isDigit(t.charCodeAt(j))) j = this.digits(j, 10);
          else nonjson = true;
        }
      }
      const e = t.charCodeAt(j);
      if (e === 101 || e === 69) {
        let k = j + 1;
        const s = t.charCodeAt(k);
        if (s === 43 || s === 45) k++;
        if (isDigit(t.charCodeAt(k))) j = this.digits(k, 10);
      }
    }
    if (this.sawUnderscore) nonjson = true;
    let kind = K_NUM;
    if (isIdentPart(t.charCodeAt(j))) {
      if (t.charCodeAt(j) === 76 && !isIdentPart(t.charCodeAt(j + 1))) {
        j++; // R's integer suffix 1L
        nonjson = true;
      } else {
        while (isIdentPart(t.charCodeAt(j))) j++;
        kind = K_BADNUM;
      }
    }
    const k = this.emit(kind, 0, i, j);
    if (nonjson) this.tok.flags[k] |= T_NONJSON;
    if (kind === K_NUM) this.markTop(G_NUM);
    return j;
  }

  private open(type: number, i: number): void {
    const g = this.groups;
    const gid = g.type.length;
    const k = this.emit(K_OPEN, type, i, i + 1, gid);
    g.type.push(type);
    g.open.push(k);
    g.end.push(-1);
    g.flags.push(0);
    g.parent.push(this.stack.length > 0 ? this.stack[this.stack.length - 1] : -1);
    g.coStart.push(g.closeOrder.length);
    this.stack.push(gid);
    this.openCount[type]++;
  }

  private close(type: number, i: number): void {
    const g = this.groups;
    if (this.openCount[type] === 0) {
      this.emit(K_OP, OP_OTHER, i, i + 1); // a stray closer: ordinary punctuation
      return;
    }
    const k = this.tok.n;
    // Recover from `( [1, 2 )`: the `)` closes the paren and leaves the bracket broken. Each group is popped
    // once, so this stays linear however badly the brackets are nested.
    for (;;) {
      const gid = this.stack.pop()!;
      this.openCount[g.type[gid]]--;
      g.end[gid] = k;
      g.closeOrder.push(gid);
      if (g.type[gid] === type) {
        this.emit(K_CLOSE, type, i, i + 1, gid);
        return;
      }
      g.flags[gid] |= G_BROKEN;
    }
  }

  private skipLine(j: number): number {
    const t = this.text;
    const len = t.length;
    while (j < len) {
      const c = t.charCodeAt(j);
      if (c === 10 || c === 13) break;
      j++;
    }
    return j;
  }

  private skipPast(j: number, terminator: string): number {
    const k = this.text.indexOf(terminator, j);
    return k < 0 ? this.text.length : k + terminator.length;
  }

  private comment(end: number, flag: number): number {
    this.pending |= T_SPACE;
    this.markTop(flag);
    return end;
  }

  private string(i: number, q: number): number {
    const t = this.text;
    const len = t.length;
    let j: number;
    if (q !== 96 && t.charCodeAt(i + 1) === q && t.charCodeAt(i + 2) === q) {
      j = i + 3;
      while (j < len) {
        const c = t.charCodeAt(j);
        if (c === 92) j += 2;
        else if (c === q && t.charCodeAt(j + 1) === q && t.charCodeAt(j + 2) === q) {
          j += 3;
          break;
        } else j++;
      }
    } else {
      j = i + 1;
      while (j < len) {
        const c = t.charCodeAt(j);
        if (c === 92) j += 2;
        else if (c === q) {
          j++;
          break;
        } else if ((c === 10 || c === 13) && q !== 96) break; // an unterminated string ends with its line
        else j++;
      }
    }
    j = Math.min(j, len);
    this.emit(K_STR, 0, i, j);
    return j;
  }

  /** Whether a `'` inside brackets opens a string rather than being a transpose or an apostrophe. */
  private quoteOpensString(i: number): boolean {
    const t = this.text;
    const prev = i > 0 ? t.charCodeAt(i - 1) : -1;
    if (prev === 93 || prev === 41 || prev === 125 || prev === 46 || prev === 39) return false;
    if (!isIdentPart(prev)) return true;
    // Python string prefixes: r'..', b'..', f'..', rb'..'
    const tok = this.tok;
    const last = tok.n - 1;
    if (last < 0 || tok.kind[last] !== K_IDENT || tok.end[last] !== i) return false;
    const w = t.slice(tok.start[last], i);
    return w.length <= 2 && /^[rbfuRBFU]+$/.test(w);
  }

  /** `%` is a MATLAB comment only inside `[...]` and where a number could not be its left operand. */
  private percentIsComment(): boolean {
    if (this.topType() !== B_SQUARE) return false;
    if (this.pending & T_NEWLINE) return true;
    const tok = this.tok;
    const last = tok.n - 1;
    if (last < 0) return true;
    const k = tok.kind[last];
    return k === K_NUM || k === K_BADNUM || k === K_OPEN || k === K_COMMA || k === K_SEMI || (k === K_CLOSE && tok.op[last] === B_SQUARE);
  }

  private punct(c: number, i: number): number {
    const t = this.text;
    const inside = this.stack.length > 0;
    const next = t.charCodeAt(i + 1);
    switch (c) {
      case 91:
        this.open(B_SQUARE, i);
        return i + 1;
      case 40:
        this.open(B_PAREN, i);
        return i + 1;
      case 123:
        this.open(B_BRACE, i);
        return i + 1;
      case 93:
        this.close(B_SQUARE, i);
        return i + 1;
      case 41:
        this.close(B_PAREN, i);
        return i + 1;
      case 125:
        this.close(B_BRACE, i);
        return i + 1;
      case 44:
        this.emit(K_COMMA, 0, i, i + 1);
        this.markTop(G_COMMA);
        return i + 1;
      case 59:
        this.emit(K_SEMI, 0, i, i + 1);
        return i + 1;
      case 34: // "
        if (inside) return this.string(i, c);
        this.emit(K_OP, OP_DQUOTE, i, i + 1);
        return i + 1;
      case 96: // `
        if (inside) return this.string(i, c);
        this.emit(K_OP, OP_OTHER, i, i + 1);
        return i + 1;
      case 39: // '
        if (inside && this.quoteOpensString(i)) return this.string(i, c);
        this.emit(K_OP, OP_QUOTE, i, i + 1);
        return i + 1;
      case 35: // #
        if (inside && (i === 0 || t.charCodeAt(i - 1) !== 46)) {
          if (next === 61) return this.comment(this.skipPast(i + 2, '=#'), G_JULIA);
          return this.comment(this.skipLine(i), G_HASH);
        }
        break;
      case 47: // /
        if (inside && next === 47) return this.comment(this.skipLine(i), G_SLASHC);
        if (inside && next === 42) return this.comment(this.skipPast(i + 2, '*/'), G_SLASHC);
        this.emit(K_OP, OP_SLASH, i, i + 1);
        return i + 1;
      case 37: // %
        if (inside && this.percentIsComment()) {
          if (next === 123) return this.comment(this.skipPast(i + 2, '%}'), G_MATLAB);
          return this.comment(this.skipLine(i), G_MATLAB);
        }
        break;
      case 46: // .
        if (next === 46 && t.charCodeAt(i + 2) === 46) {
          if (inside) {
            // A MATLAB continuation: `...` then nothing but blanks or a comment up to the line break.
            let j = i + 3;
            while (j < t.length && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j++;
            const d = t.charCodeAt(j);
            if (j >= t.length || d === 10 || d === 13 || d === 37) {
              j = this.skipLine(j);
              if (t.charCodeAt(j) === 13) j++;
              if (t.charCodeAt(j) === 10) j++;
              this.pending |= T_SPACE;
              this.markTop(G_MATLAB);
              return j;
            }
          }
          this.emit(K_OP, OP_ELLIPSIS, i, i + 3);
          return i + 3;
        }
        if (next === 42) return this.op2(OP_DOTSTAR, i);
        if (next === 47) return this.op2(OP_DOTSLASH, i);
        if (next === 94) return this.op2(OP_DOTCARET, i);
        this.emit(K_OP, OP_DOT, i, i + 1);
        return i + 1;
      case 42:
        if (next === 42) return this.op2(OP_POW, i);
        this.emit(K_OP, OP_STAR, i, i + 1);
        return i + 1;
      case 94:
        this.emit(K_OP, OP_CARET, i, i + 1);
        return i + 1;
      case 43:
        this.emit(K_OP, OP_PLUS, i, i + 1);
        return i + 1;
      case 45:
      case 0x2212: // U+2212 MINUS SIGN, common in text copied from papers and web pages
        this.emit(K_OP, OP_MINUS, i, i + 1);
        return i + 1;
      case 61:
        this.emit(K_OP, OP_EQ, i, i + 1);
        return i + 1;
      case 58:
        if (next === 61) return this.op2(OP_COLONEQ, i);
        if (next === 58) return this.op2(OP_DCOLON, i);
        this.emit(K_OP, OP_COLON, i, i + 1);
        return i + 1;
      case 60:
        if (next === 45) return this.op2(OP_RASSIGN, i);
        if (next === 60 && t.charCodeAt(i + 2) === 45) {
          this.emit(K_OP, OP_RASSIGN, i, i + 3);
          return i + 3;
        }
        this.emit(K_OP, OP_LT, i, i + 1);
        return i + 1;
      case 62:
        this.emit(K_OP, OP_GT, i, i + 1);
        return i + 1;
    }
    this.emit(K_OP, OP_OTHER, i, i + 1);
    return i + 1;
  }

  private op2(op: number, i: number): number {
    this.emit(K_OP, op, i, i + 2);
    return i + 2;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Features seen while parsing, used only to label the syntax.

const F_WS = 1 << 0;
const F_SEMI = 1 << 1;
const F_NLROWS = 1 << 2;
const F_TRAIL = 1 << 3;
const F_ARITH = 1 << 4;
const F_NONJSON = 1 << 5;
const F_PYCONST = 1 << 6;
const F_JSCONST = 1 << 7;
const F_CONST = 1 << 8;
const F_CARET = 1 << 9;
const F_TRANSPOSE = 1 << 10;
const F_HASH = 1 << 11;
const F_SLASHC = 1 << 12;
const F_MATLAB = 1 << 13;
const F_JULIA = 1 << 14;
const F_TUPLE = 1 << 15;
const F_NUMPY = 1 << 16; // numpy scalars: np.float64(0.1)

/** Labels that a nested wrapper passes on to a plain bracket around it: [np.array([1]), np.array([2])]. */
const WRAPPER_SYNTAXES = new Set(['numpy', 'jax', 'torch', 'tensorflow', 'typed-array', 'r']);

// ---------------------------------------------------------------------------------------------------------
// Known names

interface Callee {
  /** wrapper: the first argument is the array; args: the arguments are the elements; cast: a scalar. */
  readonly kind: 'wrapper' | 'args' | 'cast';
  readonly syntax: string;
}

const CALLEES: ReadonlyMap<string, Callee> = (() => {
  const m = new Map<string, Callee>();
  const wrap = (syntax: string, ...names: string[]): void => {
    for (const n of names) m.set(n, { kind: 'wrapper', syntax });
  };
  for (const p of ['np', 'numpy']) {
    wrap('numpy', `${p}.array`, `${p}.asarray`, `${p}.asanyarray`, `${p}.ascontiguousarray`);
  }
  wrap('numpy', 'array', 'asarray'); // numpy's repr: array([0.1, 0.9], dtype=float32)
  wrap('jax', 'jnp.array', 'jnp.asarray', 'jax.numpy.array', 'jax.numpy.asarray');
  wrap('torch', 'torch.tensor', 'torch.as_tensor', 'torch.Tensor', 'torch.FloatTensor', 'torch.DoubleTensor', 'tensor');
  wrap('tensorflow', 'tf.constant', 'tf.convert_to_tensor', 'tf.Variable');
  const typed = [
    'Float64Array',
    'Float32Array',
    'Float16Array',
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
  ];
  for (const t of typed) {
    wrap('typed-array', t, `${t}.from`);
    m.set(`${t}.of`, { kind: 'args', syntax: 'typed-array' });
  }
  wrap('javascript', 'Array.from');
  m.set('Array.of', { kind: 'args', syntax: 'javascript' });
  m.set('c', { kind: 'args', syntax: 'r' });
  m.set('float', { kind: 'cast', syntax: 'python' });
  const scalars = ['float64', 'float32', 'float16', 'double', 'single', 'half', 'longdouble', 'float_', 'int_', 'intp', 'uintp'];
  for (const b of [8, 16, 32, 64]) scalars.push(`int${b}`, `uint${b}`);
  for (const p of ['np', 'numpy', 'jnp']) {
    for (const s of scalars) m.set(`${p}.${s}`, { kind: 'cast', syntax: 'numpy' });
  }
  return m;
})();

/** Named constants → [value, feature bit for the syntax label]. */
const CONSTANTS: ReadonlyMap<string, readonly [number, number]> = (() => {
  const m = new Map<string, readonly [number, number]>();
  for (const n of ['Inf', 'INF', 'Inf64', 'Inf32', 'Inf16']) m.set(n, [Infinity, 0]);
  for (const n of ['NaN', 'NAN', 'NA', 'NA_real_', 'NaN64', 'NaN32', 'NaN16']) m.set(n, [NaN, 0]);
  for (const n of ['inf', 'infinity']) m.set(n, [Infinity, F_PYCONST]);
  m.set('nan', [NaN, F_PYCONST]);
  m.set('Infinity', [Infinity, F_JSCONST]);
  for (const p of ['np', 'numpy', 'jnp', 'math', 'torch']) {
    for (const n of ['inf', 'Inf', 'Infinity', 'PINF', 'infty']) m.set(`${p}.${n}`, [Infinity, F_PYCONST]);
    for (const n of ['nan', 'NaN', 'NAN']) m.set(`${p}.${n}`, [NaN, F_PYCONST]);
    m.set(`${p}.NINF`, [-Infinity, F_PYCONST]);
  }
  m.set('Number.POSITIVE_INFINITY', [Infinity, F_JSCONST]);
  m.set('Number.NEGATIVE_INFINITY', [-Infinity, F_JSCONST]);
  m.set('Number.NaN', [NaN, F_JSCONST]);
  return m;
})();

const JULIA_ELTYPES = new Set([
  'Float64',
  'Float32',
  'Float16',
  'BigFloat',
  'Int',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Real',
]);

/** Identifiers that look like callees or names but are not: `return (1, 2)`, `else: [1]`. */
const KEYWORDS = new Set([
  'return',
  'yield',
  'in',
  'of',
  'not',
  'and',
  'or',
  'if',
  'elif',
  'else',
  'while',
  'for',
  'await',
  'case',
  'default',
  'lambda',
  'then',
  'do',
  'try',
  'finally',
  'new',
  'const',
  'let',
  'var',
  'typeof',
]);

const DECLARATIONS = new Set(['const', 'let', 'var']);

function commentFeatures(gflags: number): number {
  return (
    (gflags & G_HASH ? F_HASH : 0) |
    (gflags & G_SLASHC ? F_SLASHC : 0) |
    (gflags & G_MATLAB ? F_MATLAB : 0) |
    (gflags & G_JULIA ? F_JULIA : 0)
  );
}

function bracketSyntax(f: number): string {
  if (f & (F_TRANSPOSE | F_MATLAB)) return 'matlab';
  if (f & F_JULIA) return 'julia';
  if (f & (F_WS | F_SEMI | F_NLROWS)) return f & F_HASH ? 'julia' : 'matlab';
  if (f === 0) return 'json';
  if (f & (F_SLASHC | F_JSCONST)) return 'javascript';
  if (f & F_CARET) return 'julia';
  if (f & F_NUMPY) return 'numpy';
  return 'python';
}

// ---------------------------------------------------------------------------------------------------------
// Analysis: every bracket group is finalised after its children (in close order), as an array, a scalar
// (a parenthesised expression or a cast), or a failure. Nothing recurses, so nesting depth is unbounded.

/**
 * A problem, rendered only when thrown: `{at}` and `{at2}` in the message become "line L, column C" of
 * `offset` and `offset2`. Data rather than a closure because failed groups are common in ordinary code.
 */
interface Diag {
  readonly code: DivergenceErrorCode;
  readonly offset: number;
  readonly message: string;
  readonly offset2?: number;
}

interface ArrayResult {
  readonly kind: 'array';
  readonly startTok: number;
  readonly endTok: number; // exclusive: where the enclosing level continues
  readonly buf: number;
  readonly len: number;
  readonly rows: number;
  readonly cols: number;
  readonly dims: 1 | 2;
  readonly syntax: string;
  readonly features: number;
}

interface ScalarResult {
  readonly kind: 'scalar';
  readonly startTok: number;
  readonly endTok: number;
  readonly value: number;
  readonly features: number;
}

interface FailResult {
  /** invalid: not numeric (nested arrays stay findable); opaque: numeric but unsupported (ragged, 3-D). */
  readonly kind: 'invalid' | 'opaque' | 'empty';
  readonly startTok: number;
  readonly endTok: number;
  readonly diag: Diag | undefined;
  /** Written as an array literal, so its diagnosis is what parseArrayLiteral reports. */
  readonly arrayish: boolean;
}

type Result = ArrayResult | ScalarResult | FailResult;

interface LevelOk {
  readonly ok: true;
  readonly bufStart: number;
  readonly nScalars: number;
  readonly groups: ArrayResult[];
  readonly rowLens: number[];
  readonly rowStartToks: number[];
  readonly semis: boolean;
  readonly features: number;
  /** Token where scalars and nested arrays first meet, for the "mixed" diagnosis. */
  readonly mixedAt: number;
}

interface LevelFail {
  readonly ok: false;
  readonly kind: 'invalid' | 'opaque';
  readonly diag: Diag;
}

const M_BRACKET = 0;
const M_TUPLE = 1;
const M_ARGS = 2;
const M_ROOT = 3;

interface Failure {
  readonly start: number;
  readonly diag: Diag;
  readonly numericish: boolean;
  /** A tuple, which in prose or comments is as likely "(see 1, x)" as an array. */
  readonly tuple: boolean;
}

class Analyzer {
  readonly tok: TokenList;
  readonly g: Groups;
  private readonly results: (Result | undefined)[];
  /** Start token of a call or an element-typed literal → its group id. */
  private readonly composite = new Map<number, number>();
  private buf = new Float64Array(256);
  private bufLen = 0;
  /** Outermost arrays so far, in order. */
  readonly out: ArrayResult[] = [];
  readonly failures: Failure[] = [];
  rootDiag: Diag | undefined;
  private lines: number[] | undefined;

  // Expression state: the parser works on token positions and reports through these fields.
  private pos = 0;
  private val = 0;
  private feat = 0;
  private diag: Diag | undefined;
  private readonly powVals: number[] = [];
  private readonly powSigns: number[] = [];
  private readonly scratchGroups: ArrayResult[] = [];
  private readonly scratchRows: number[] = [];
  private readonly scratchRowStarts: number[] = [];

  constructor(
    readonly text: string,
    private readonly maxElements: number,
  ) {
    const lexer = new Lexer(text);
    lexer.run();
    this.tok = lexer.tok;
    this.g = lexer.groups;
    // Filled, not `new Array(n)`: a large holey array falls back to slow dictionary elements.
    this.results = new Array<Result | undefined>(this.g.type.length).fill(undefined);
  }

  run(): void {
    const g = this.g;
    const order = g.closeOrder;
    const outBefore = new Int32Array(order.length + 1);
    for (let k = 0; k < order.length; k++) {
      outBefore[k] = this.out.length;
      const gid = order[k];
      const res = this.finalize(gid);
      this.results[gid] = res;
      const outIndex = outBefore[g.coStart[gid]];
      // Candidates are kept only while no enclosing group claims them, which makes "outermost only" linear:
      // every candidate is pushed once and dropped at most once.
      if (res.kind === 'array' || res.kind === 'opaque' || res.kind === 'empty') {
        if (this.out.length > outIndex) this.out.length = outIndex;
        if (res.kind === 'array') this.out.push(res);
      }
      const numericish = res.kind === 'array' || res.kind === 'scalar' || (g.flags[gid] & (G_NUM | G_CHILDNUM)) !== 0;
      const parent = g.parent[gid];
      if (numericish && parent >= 0) g.flags[parent] |= G_CHILDNUM;
      if (res.kind !== 'array' && res.kind !== 'scalar' && res.arrayish && res.diag) {
        const tuple = g.type[gid] === B_PAREN && res.startTok === g.open[gid];
        this.failures.push({ start: this.tok.start[res.startTok], diag: res.diag, numericish, tuple });
      }
    }
    this.root();
  }

  private root(): void {
    const n = this.tok.n;
    if (n === 0) return;
    const lvl = this.parseLevel(0, n, M_ROOT, (this.g.rootFlags & G_COMMA) !== 0);
    if (!lvl.ok) {
      this.rootDiag = lvl.diag;
      return;
    }
    if (lvl.groups.length > 0) {
      this.rootDiag = this.expectedNumber(lvl.groups[0].startTok);
      return;
    }
    const res = this.assemble(lvl, 0, n, 'plain', 0, false);
    if (res.kind === 'array') {
      this.out.length = 0;
      this.out.push(res);
    } else this.rootDiag = res.diag;
  }

  // ---- groups

  private finalize(gid: number): Result {
    const { tok, g } = this;
    const o = g.open[gid];
    const type = g.type[gid];
    const gf = g.flags[gid];
    const broken = (gf & G_BROKEN) !== 0;
    const lo = o + 1;
    const hi = g.end[gid];
    const endTok = broken ? hi : hi + 1;
    if (type === B_BRACE) return fail('invalid', o, endTok, undefined, false);

    if (type === B_SQUARE) {
      let startTok = o;
      let syntax: string | undefined;
      let extra = 0;
      const p = o - 1;
      if (p >= 0 && !(tok.flags[o] & T_SPACE)) {
        const pk = tok.kind[p];
        if (pk === K_IDENT) {
          const afterDot = p > 0 && tok.kind[p - 1] === K_OP && tok.op[p - 1] === OP_DOT;
          const word = this.tokText(p);
          if (!afterDot && JULIA_ELTYPES.has(word)) {
            startTok = p;
            syntax = 'julia';
            extra = F_JULIA;
            this.composite.set(p, gid);
          } else if (afterDot || !KEYWORDS.has(word)) return fail('invalid', o, endTok, undefined, false); // indexing: x[0]
        } else if (pk === K_NUM || pk === K_BADNUM || pk === K_STR || pk === K_CLOSE || (pk === K_OP && tok.op[p] === OP_QUOTE)) {
          return fail('invalid', o, endTok, undefined, false); // indexing: f(x)[0], a[1][2]
        }
      }
      const lvl = this.parseLevel(lo, hi, M_BRACKET, (gf & G_COMMA) !== 0);
      if (!lvl.ok) return fail(lvl.kind, startTok, endTok, lvl.diag, true);
      if (broken) return fail('invalid', startTok, endTok, this.unclosed(o, hi), true);
      let end = endTok;
      let transposed = false;
      if (end < tok.n && !(tok.flags[end] & T_SPACE) && this.isQuote(end)) {
        transposed = true;
        end += 1;
      } else if (
        end + 1 < tok.n &&
        !(tok.flags[end] & T_SPACE) &&
        tok.kind[end] === K_OP &&
        tok.op[end] === OP_DOT &&
        !(tok.flags[end + 1] & T_SPACE) &&
        this.isQuote(end + 1)
      ) {
        transposed = true;
        end += 2;
      }
      return this.assemble(lvl, startTok, end, syntax, extra | commentFeatures(gf), transposed);
    }

    // Parentheses: a call, a tuple, or a parenthesised expression.
    const call = this.callee(o);
    if (call.call) {
      const info = call.info;
      if (info === undefined) return fail('invalid', call.startTok, endTok, undefined, false);
      this.composite.set(call.startTok, gid);
      if (info.kind === 'cast') return this.cast(lo, hi, call.startTok, endTok, broken, o, info.syntax === 'numpy' ? F_NUMPY : F_PYCONST);
      if (info.kind === 'args') {
        const lvl = this.parseLevel(lo, hi, M_ARGS, true);
        if (!lvl.ok) return fail(lvl.kind, call.startTok, endTok, lvl.diag, true);
        if (broken) return fail('invalid', call.startTok, endTok, this.unclosed(o, hi), true);
        if (lvl.groups.length > 0) {
          return fail('invalid', call.startTok, endTok, this.expectedNumber(lvl.groups[0].startTok), true);
        }
        return this.assemble(lvl, call.startTok, endTok, info.syntax, commentFeatures(gf), false);
      }
      return this.wrapper(lo, hi, call.startTok, endTok, broken, o, info.syntax);
    }
    if (gf & G_COMMA) {
      const lvl = this.parseLevel(lo, hi, M_TUPLE, true);
      if (!lvl.ok) return fail(lvl.kind, o, endTok, lvl.diag, true);
      if (broken) return fail('invalid', o, endTok, this.unclosed(o, hi), true);
      return this.assemble(lvl, o, endTok, 'python', F_TUPLE | commentFeatures(gf), false);
    }
    if (lo >= hi) return fail('invalid', o, endTok, this.expectedNumber(hi), false);
    const first = this.itemAt(lo);
    if (first !== undefined && first.kind === 'array') return fail('invalid', o, endTok, undefined, false);
    this.pos = lo;
    this.feat = 0;
    if (!this.expr(hi, false)) return fail('invalid', o, endTok, this.diag, false);
    if (this.pos !== hi) return fail('invalid', o, endTok, this.expectedAt(this.pos, "')'"), false);
    if (broken) return fail('invalid', o, endTok, this.unclosed(o, hi), false);
    return { kind: 'scalar', startTok: o, endTok, value: this.val, features: this.feat | F_ARITH };
  }

  private isQuote(k: number): boolean {
    return this.tok.kind[k] === K_OP && this.tok.op[k] === OP_QUOTE;
  }

  /** Whether the `(` at token o is a call, and of what. */
  private callee(o: number): { call: boolean; info?: Callee; startTok: number } {
    const tok = this.tok;
    const p = o - 1;
    const adjacent = !(tok.flags[o] & T_SPACE);
    if (p < 0) return { call: false, startTok: o };
    const pk = tok.kind[p];
    if (pk === K_IDENT) {
      let s = p;
      let parts = 1;
      while (
        parts < 4 &&
        s >= 2 &&
        tok.kind[s - 1] === K_OP &&
        tok.op[s - 1] === OP_DOT &&
        tok.kind[s - 2] === K_IDENT &&
        !(tok.flags[s] & T_SPACE) &&
        !(tok.flags[s - 1] & T_SPACE)
      ) {
        s -= 2;
        parts++;
      }
      const chain = this.text.slice(tok.start[s], tok.end[p]);
      const member = s > 0 && tok.kind[s - 1] === K_OP && tok.op[s - 1] === OP_DOT && !(tok.flags[s] & T_SPACE);
      const info = member ? undefined : CALLEES.get(chain);
      // A known callee may be followed by a space (`np.array ([1])`), never by a line break.
      if (info !== undefined && !(tok.flags[o] & T_NEWLINE)) {
        const startTok = s > 0 && tok.kind[s - 1] === K_IDENT && this.tokText(s - 1) === 'new' ? s - 1 : s;
        return { call: true, info, startTok };
      }
      // `word (1, 2)` with a space is more often prose than a call.
      if (!adjacent || (parts === 1 && KEYWORDS.has(chain))) return { call: false, startTok: o };
      return { call: true, startTok: s };
    }
    if (adjacent && (pk === K_CLOSE || pk === K_STR || pk === K_NUM || pk === K_BADNUM)) return { call: true, startTok: p };
    return { call: false, startTok: o };
  }

  private wrapper(lo: number, hi: number, startTok: number, endTok: number, broken: boolean, o: number, syntax: string): Result {
    const r = lo < hi ? this.itemAt(lo) : undefined;
    if (r === undefined || r.kind === 'scalar') {
      const found = this.describe(lo);
      const off = this.offsetOf(lo);
      return fail('invalid', startTok, endTok, diag('parse-error', off, `expected an array literal like [0.1, 0.9] at {at}, found ${found}`), true);
    }
    if (r.kind !== 'array') return fail(r.kind, startTok, endTok, r.diag ?? this.expectedNumber(lo), true);
    if (r.endTok < hi && this.tok.kind[r.endTok] !== K_COMMA) {
      return fail('invalid', startTok, endTok, this.expectedAt(r.endTok, "',' or ')'"), true);
    }
    if (broken) return fail('invalid', startTok, endTok, this.unclosed(o, hi), true);
    return { ...r, startTok, endTok, syntax };
  }

  private cast(lo: number, hi: number, startTok: number, endTok: number, broken: boolean, o: number, feature: number): Result {
    const tok = this.tok;
    let value: number;
    if (hi === lo + 1 && tok.kind[lo] === K_STR) {
      const s = this.tokText(lo).slice(1, -1).trim().toLowerCase();
      const body = s.startsWith('+') || s.startsWith('-') ? s.slice(1) : s;
      if (body === 'inf' || body === 'infinity') value = s.startsWith('-') ? -Infinity : Infinity;
      else if (body === 'nan') value = NaN;
      else return fail('invalid', startTok, endTok, this.expectedNumber(lo), false);
    } else {
      if (lo >= hi) return fail('invalid', startTok, endTok, this.expectedNumber(hi), false);
      this.pos = lo;
      this.feat = 0;
      if (!this.expr(hi, false)) return fail('invalid', startTok, endTok, this.diag, false);
      if (this.pos !== hi) return fail('invalid', startTok, endTok, this.expectedAt(this.pos, "')'"), false);
      value = this.val;
    }
    if (broken) return fail('invalid', startTok, endTok, this.unclosed(o, hi), false);
    return { kind: 'scalar', startTok, endTok, value, features: feature };
  }

  private itemAt(i: number): Result | undefined {
    const k = this.tok.kind[i];
    if (k === K_OPEN) return this.results[this.tok.aux[i]];
    if (k === K_IDENT) {
      const gid = this.composite.get(i);
      if (gid !== undefined) return this.results[gid];
    }
    return undefined;
  }

  // ---- one level of a group

  private parseLevel(lo: number, hi: number, mode: number, hasComma: boolean): LevelOk | LevelFail {
    const tok = this.tok;
    const rows = mode === M_BRACKET || mode === M_ROOT;
    // MATLAB/Julia separate elements by spaces; with commas present (Python, JSON) a space never separates.
    const ws = mode === M_ROOT || (mode === M_BRACKET && !hasComma);
    const bufStart = this.bufLen;
    let nScalars = 0;
    // Scratch arrays shared by all levels: a level is assembled before the next one is parsed.
    const groups = this.scratchGroups;
    const rowLens = this.scratchRows;
    const rowStartToks = this.scratchRowStarts;
    groups.length = 0;
    rowLens.length = 0;
    rowStartToks.length = 0;
    let rowCount = 0;
    let rowStart = lo;
    let expect = true;
    let afterComma = false;
    let semis = false;
    let features = 0;
    let mixedAt = -1;
    let failKind: 'invalid' | 'opaque' = 'invalid';
    let failure: Diag | undefined;
    let i = lo;
    while (i < hi) {
      const k = tok.kind[i];
      if (expect) {
        if (k === K_COMMA || k === K_SEMI) {
          failure = this.expectedNumber(i);
          break;
        }
        if (rowCount === 0) rowStart = i;
        const r = this.itemAt(i);
        if (r !== undefined && r.kind !== 'scalar') {
          if (r.kind !== 'array') {
            failKind = r.kind === 'invalid' ? 'invalid' : 'opaque';
            failure = r.diag ?? this.expectedNumber(i);
            break;
          }
          if (nScalars > 0 && mixedAt < 0) mixedAt = i;
          groups.push(r);
          features |= r.features;
          i = r.endTok;
        } else {
          if (groups.length > 0 && mixedAt < 0) mixedAt = i;
          this.pos = i;
          this.feat = 0;
          if (!this.expr(hi, ws, mode === M_ROOT)) {
            failure = this.diag;
            break;
          }
          if (nScalars >= this.maxElements) this.tooMany(i);
          if (this.bufLen === this.buf.length) this.ensure(1);
          this.buf[this.bufLen++] = this.val;
          nScalars++;
          features |= this.feat;
          i = this.pos;
        }
        rowCount++;
        expect = false;
        afterComma = false;
        continue;
      }
      if (k === K_COMMA) {
        expect = true;
        afterComma = true;
        i++;
        continue;
      }
      const f = tok.flags[i];
      const semi = rows && k === K_SEMI;
      if (semi || (rows && f & T_NEWLINE)) {
        if (rowCount > 0) {
          if (semi) semis = true;
          else features |= F_NLROWS;
          rowLens.push(rowCount);
          rowStartToks.push(rowStart);
          rowCount = 0;
        }
        expect = true;
        if (semi) i++;
        continue;
      }
      if (ws && f & T_SPACE) {
        features |= F_WS;
        expect = true;
        continue;
      }
      const what = mode === M_ROOT ? "a space, ',' or a line break" : mode === M_BRACKET ? (ws ? "a space, ',' or ']'" : "',' or ']'") : "',' or ')'";
      failure = this.expectedAt(i, what);
      break;
    }
    if (failure !== undefined) {
      this.bufLen = bufStart;
      return { ok: false, kind: failKind, diag: failure };
    }
    if (rowCount > 0) {
      rowLens.push(rowCount);
      rowStartToks.push(rowStart);
    }
    if (afterComma) features |= F_TRAIL;
    if (semis) features |= F_SEMI;
    return { ok: true, bufStart, nScalars, groups, rowLens, rowStartToks, semis, features, mixedAt };
  }

  /** Shape and values of a parsed level, or the reason it is not a supported array. */
  private assemble(lvl: LevelOk, startTok: number, endTok: number, syntax: string | undefined, extra: number, transposed: boolean): ArrayResult | FailResult {
    const { groups, nScalars } = lvl;
    if (nScalars === 0 && groups.length === 0) {
      const off = this.offsetOf(startTok);
      return fail('empty', startTok, endTok, diag('empty-input', off, 'the array at {at} is empty'), true);
    }
    if (nScalars > 0 && groups.length > 0) {
      const off = this.offsetOf(lvl.mixedAt);
      return fail('opaque', startTok, endTok, diag('parse-error', off, 'expected a nested array at {at}: an array cannot mix numbers and nested arrays'), true);
    }
    let buf: number;
    let len: number;
    let rows = 1;
    let cols: number;
    let dims: 1 | 2 = 1;
    if (groups.length > 0) {
      cols = groups[0].len;
      let contiguous = true;
      for (let r = 0; r < groups.length; r++) {
        const gr = groups[r];
        if (gr.dims !== 1) {
          const off = this.offsetOf(gr.startTok);
          return fail('opaque', startTok, endTok, diag('parse-error', off, 'arrays with more than 2 dimensions are not supported (at {at})'), true);
        }
        if (gr.len !== cols) return fail('opaque', startTok, endTok, this.ragged(r, gr.len, cols, gr.startTok), true);
        if (gr.buf !== groups[0].buf + r * cols) contiguous = false;
      }
      rows = groups.length;
      len = rows * cols;
      if (len > this.maxElements) this.tooMany(startTok);
      dims = 2;
      if (contiguous) buf = groups[0].buf;
      else {
        // Only when something sat between the rows, such as an array in a wrapper's keyword arguments.
        buf = this.bufLen;
        this.ensure(len);
        for (let r = 0; r < rows; r++) this.buf.copyWithin(buf + r * cols, groups[r].buf, groups[r].buf + cols);
        this.bufLen += len;
      }
    } else {
      buf = lvl.bufStart;
      len = nScalars;
      cols = len;
      const rl = lvl.rowLens;
      if (rl.length > 1) {
        let allOne = true;
        let equal = true;
        for (const n of rl) {
          if (n !== 1) allOne = false;
          if (n !== rl[0]) equal = false;
        }
        if (!allOne && equal) {
          dims = 2;
          rows = rl.length;
          cols = rl[0];
        } else if (!allOne && lvl.semis) {
          const r = rl.findIndex((n) => n !== rl[0]);
          return fail('opaque', startTok, endTok, this.ragged(r, rl[r], rl[0], lvl.rowStartToks[r]), true);
        }
        // Ragged rows separated only by line breaks are one wrapped vector, as numpy prints long arrays.
      }
    }
    if (transposed && dims === 2) {
      const tmp = this.buf.slice(buf, buf + len);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) this.buf[buf + c * rows + r] = tmp[r * cols + c];
      const t = rows;
      rows = cols;
      cols = t;
    }
    const features = lvl.features | extra | (transposed ? F_TRANSPOSE : 0);
    return {
      kind: 'array',
      startTok,
      endTok,
      buf,
      len,
      rows: dims === 2 ? rows : 1,
      cols: dims === 2 ? cols : len,
      dims,
      syntax: syntax ?? (groups.length > 0 && WRAPPER_SYNTAXES.has(groups[0].syntax) ? groups[0].syntax : bracketSyntax(features)),
      features,
    };
  }

  private ragged(r: number, n: number, expected: number, startTok: number): Diag {
    const off = this.offsetOf(startTok);
    const el = (k: number): string => `${k} element${k === 1 ? '' : 's'}`;
    return diag('parse-error', off, `row ${r + 1} at {at} has ${el(n)}, but row 1 has ${el(expected)}`);
  }

  // ---- expressions: + - * / ** ^ and parentheses over numeric literals, iteratively

  /**
   * Parses one expression from this.pos. In ws mode (MATLAB/Julia spacing), `1 -2` is two elements. With
   * noAddSub (bare numbers), + and - are only signs, so a date such as 2024-01-05 is not read as 2018.
   */
  private expr(hi: number, ws: boolean, noAddSub = false): boolean {
    const tok = this.tok;
    if (!this.term(hi, ws)) return false;
    let acc = this.val;
    while (this.pos < hi && !noAddSub) {
      const p = this.pos;
      if (tok.kind[p] !== K_OP) break;
      const op = tok.op[p];
      if (op !== OP_PLUS && op !== OP_MINUS) break;
      if (ws && (tok.flags[p] & T_NEWLINE || (tok.flags[p] & T_SPACE && p + 1 < hi && !(tok.flags[p + 1] & T_SPACE)))) break;
      this.pos++;
      if (!this.term(hi, ws)) return false;
      acc = op === OP_PLUS ? acc + this.val : acc - this.val;
      this.feat |= F_ARITH;
    }
    this.val = acc;
    return true;
  }

  private term(hi: number, ws: boolean): boolean {
    const tok = this.tok;
    if (!this.power(hi, ws)) return false;
    let acc = this.val;
    while (this.pos < hi) {
      const p = this.pos;
      if (tok.kind[p] !== K_OP) break;
      const op = tok.op[p];
      const mul = op === OP_STAR || op === OP_DOTSTAR;
      if (!mul && op !== OP_SLASH && op !== OP_DOTSLASH) break;
      if (ws && tok.flags[p] & T_NEWLINE) break;
      this.pos++;
      if (!this.power(hi, ws)) return false;
      acc = mul ? acc * this.val : acc / this.val;
      this.feat |= F_ARITH | (op === OP_DOTSTAR || op === OP_DOTSLASH ? F_MATLAB : 0);
    }
    this.val = acc;
    return true;
  }

  /** Signs and right-associative powers: -2**2 is -(2**2), 2**-3 is 2**(-3). */
  private power(hi: number, ws: boolean): boolean {
    const tok = this.tok;
    // Operands and their signs, folded from the right at the end; counters instead of resizing arrays
    // because this runs once per element.
    const vals = this.powVals;
    const signs = this.powSigns;
    let n = 0;
    for (;;) {
      let sign = 1;
      let nSigns = 0;
      while (this.pos < hi && tok.kind[this.pos] === K_OP && (tok.op[this.pos] === OP_PLUS || tok.op[this.pos] === OP_MINUS)) {
        if (tok.op[this.pos] === OP_MINUS) sign = -sign;
        else this.feat |= F_ARITH;
        nSigns++;
        this.pos++;
      }
      if (nSigns > 1) this.feat |= F_ARITH;
      // Safe to share vals/signs: atom() never re-enters power(), parenthesised groups were evaluated earlier.
      if (!this.atom(hi)) return false;
      vals[n] = this.val;
      signs[n] = sign;
      n++;
      const p = this.pos;
      if (p < hi && tok.kind[p] === K_OP && !(ws && tok.flags[p] & T_NEWLINE)) {
        const op = tok.op[p];
        if (op === OP_POW || op === OP_CARET || op === OP_DOTCARET) {
          this.feat |= F_ARITH | (op === OP_POW ? 0 : op === OP_CARET ? F_CARET : F_MATLAB);
          this.pos++;
          continue;
        }
      }
      break;
    }
    let k = n - 1;
    let v = signs[k] * vals[k];
    for (k--; k >= 0; k--) v = signs[k] * Math.pow(vals[k], v);
    this.val = v;
    return true;
  }

  private atom(hi: number): boolean {
    const tok = this.tok;
    const p = this.pos;
    if (p >= hi) {
      this.diag = this.expectedNumber(p);
      return false;
    }
    const k = tok.kind[p];
    if (k === K_NUM) {
      this.val = this.numberValue(p);
      if (tok.flags[p] & T_NONJSON) this.feat |= F_NONJSON;
      this.pos = p + 1;
      return true;
    }
    const r = this.itemAt(p);
    if (r !== undefined) {
      if (r.kind === 'scalar') {
        this.val = r.value;
        this.feat |= r.features;
        this.pos = r.endTok;
        return true;
      }
      this.diag = r.kind === 'array' ? this.expectedNumber(p) : (r.diag ?? this.expectedNumber(p));
      return false;
    }
    if (k === K_IDENT) {
      const e = this.chainEnd(p, hi);
      const c = CONSTANTS.get(this.text.slice(tok.start[p], tok.end[e]));
      if (c !== undefined) {
        this.val = c[0];
        this.feat |= c[1] | F_CONST;
        this.pos = e + 1;
        return true;
      }
    }
    this.diag = this.expectedNumber(p);
    return false;
  }

  /** Last token of the dotted name `a.b.c` starting at p (no spaces inside). */
  private chainEnd(p: number, hi: number): number {
    const tok = this.tok;
    let e = p;
    for (let parts = 1; parts < 6; parts++) {
      if (
        e + 2 < hi &&
        tok.kind[e + 1] === K_OP &&
        tok.op[e + 1] === OP_DOT &&
        tok.kind[e + 2] === K_IDENT &&
        !(tok.flags[e + 1] & T_SPACE) &&
        !(tok.flags[e + 2] & T_SPACE)
      ) {
        e += 2;
      } else break;
    }
    return e;
  }

  private numberValue(p: number): number {
    const t = this.text;
    const end = this.tok.end[p];
    if (!(this.tok.flags[p] & T_NONJSON)) {
      // Exact fast path: with at most 15 significant digits and a power of ten up to 1e22, both factors are
      // exact doubles and one multiplication or division rounds correctly, just as Number() would.
      let j = this.tok.start[p];
      let m = 0;
      let digits = 0;
      let scale = 0;
      let c = t.charCodeAt(j);
      while (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        if (m !== 0) digits++;
        c = t.charCodeAt(++j);
      }
      if (c === 46) {
        c = t.charCodeAt(++j);
        while (c >= 48 && c <= 57) {
          m = m * 10 + (c - 48);
          if (m !== 0) digits++;
          scale--;
          c = t.charCodeAt(++j);
        }
      }
      if (j < end) {
        // exponent
        c = t.charCodeAt(++j);
        let sign = 1;
        if (c === 43 || c === 45) {
          if (c === 45) sign = -1;
          c = t.charCodeAt(++j);
        }
        let e = 0;
        while (c >= 48 && c <= 57 && e < 1000) {
          e = e * 10 + (c - 48);
          c = t.charCodeAt(++j);
        }
        scale += sign * e;
      }
      if (j === end && digits <= 15) {
        if (m === 0) return 0;
        if (scale >= 0 && scale <= 22) return m * POW10[scale];
        if (scale < 0 && scale >= -22) return m / POW10[-scale];
      }
    }
    let s = t.slice(this.tok.start[p], end);
    if (this.tok.flags[p] & T_NONJSON) {
      if (s.includes('_')) s = s.split('_').join('');
      if (s.endsWith('L')) s = s.slice(0, -1);
    }
    return Number(s);
  }

  private ensure(extra: number): void {
    const need = this.bufLen + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const b = new Float64Array(cap);
    b.set(this.buf.subarray(0, this.bufLen));
    this.buf = b;
  }

  private tooMany(p: number): never {
    const off = this.offsetOf(p);
    throw this.error(diag('parse-error', off, `the array at {at} has more than ${this.maxElements} elements (the maxElements limit)`));
  }

  // ---- diagnostics

  private offsetOf(i: number): number {
    return i < this.tok.n ? this.tok.start[i] : this.text.length;
  }

  tokText(i: number): string {
    return this.text.slice(this.tok.start[i], this.tok.end[i]);
  }

  private describe(i: number): string {
    if (i >= this.tok.n) return 'the end of the text';
    const e = this.tok.kind[i] === K_IDENT ? this.chainEnd(i, this.tok.n) : i;
    let s = this.text.slice(this.tok.start[i], Math.min(this.tok.end[e], this.tok.start[i] + 64));
    const nl = s.search(/[\r\n]/);
    if (nl >= 0) s = `${s.slice(0, nl)}…`;
    if (s.length > 32) s = `${s.slice(0, 31)}…`;
    return `'${s}'`;
  }

  private expectedNumber(i: number): Diag {
    return this.expectedAt(i, 'a number');
  }

  private expectedAt(i: number, what: string): Diag {
    const off = this.offsetOf(i);
    const found = this.describe(i);
    return diag('parse-error', off, `expected ${what} at {at}, found ${found}`);
  }

  private unclosed(o: number, hi: number): Diag {
    const t = this.tok.op[o];
    const openOff = this.tok.start[o];
    const off = this.offsetOf(hi);
    const found = this.describe(hi);
    return diag('parse-error', off, `expected '${CLOSE_CHARS[t]}' at {at} to close the '${OPEN_CHARS[t]}' at {at2}, found ${found}`, openOff);
  }

  position(offset: number): SourcePosition {
    if (this.lines === undefined) {
      const starts = [0];
      const t = this.text;
      let nl = t.indexOf('\n');
      let cr = t.indexOf('\r');
      while (nl >= 0 || cr >= 0) {
        if (cr >= 0 && (nl < 0 || cr < nl)) {
          const next = t.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
          starts.push(next);
          if (next === cr + 2) nl = t.indexOf('\n', next);
          cr = t.indexOf('\r', cr + 1);
        } else {
          starts.push(nl + 1);
          nl = t.indexOf('\n', nl + 1);
        }
      }
      this.lines = starts;
    }
    const s = this.lines;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - s[lo] + 1 };
  }

  error(d: Diag): DivergenceError {
    const pos = this.position(d.offset);
    const at = (off: number): string => {
      const q = this.position(off);
      return `line ${q.line}, column ${q.column}`;
    };
    let message = d.message.replace('{at}', at(d.offset));
    if (d.offset2 !== undefined) message = message.replace('{at2}', at(d.offset2));
    return new DivergenceError(d.code, message, { line: pos.line, column: pos.column, offset: pos.offset });
  }

  // ---- output

  toParsed(r: ArrayResult): ParsedArray {
    const tok = this.tok;
    const { name, declared } = this.nameFor(r.startTok);
    const values = this.buf.slice(r.buf, r.buf + r.len);
    const syntax = declared && r.syntax === 'python' ? 'javascript' : r.syntax;
    const out: ParsedArray = {
      values,
      shape: r.dims === 2 ? [r.rows, r.cols] : [r.len],
      start: this.position(tok.start[r.startTok]),
      end: this.position(tok.end[r.endTok - 1]),
      syntax,
      ...(name !== undefined ? { name } : {}),
    };
    return out;
  }

  /** Dotted identifier chain ending at token e: `self.p`. */
  private chainBefore(e: number): { s: number; text: string } | undefined {
    const tok = this.tok;
    if (e < 0 || tok.kind[e] !== K_IDENT) return undefined;
    let s = e;
    for (let parts = 1; parts < 6; parts++) {
      if (s >= 2 && tok.kind[s - 1] === K_OP && tok.op[s - 1] === OP_DOT && tok.kind[s - 2] === K_IDENT && !(tok.flags[s] & T_SPACE) && !(tok.flags[s - 1] & T_SPACE)) s -= 2;
      else break;
    }
    const text = this.text.slice(tok.start[s], tok.end[e]);
    if (s === e && KEYWORDS.has(text)) return undefined;
    return { s, text };
  }

  private isColon(k: number): boolean {
    return k >= 0 && this.tok.kind[k] === K_OP && (this.tok.op[k] === OP_COLON || this.tok.op[k] === OP_DCOLON);
  }

  /** The chain's text, and whether `const`/`let`/`var` declares it. */
  private named(c: { s: number; text: string } | undefined): { name?: string; declared: boolean } {
    if (c === undefined) return { declared: false };
    const d = c.s - 1;
    return { name: c.text, declared: d >= 0 && this.tok.kind[d] === K_IDENT && DECLARATIONS.has(this.tokText(d)) };
  }

  private nameFor(startTok: number): { name?: string; declared: boolean } {
    const tok = this.tok;
    const j = startTok - 1;
    if (j < 0 || tok.kind[j] !== K_OP) return { declared: false };
    const op = tok.op[j];
    if (op === OP_EQ || op === OP_COLONEQ || op === OP_RASSIGN) {
      const c = this.chainBefore(j - 1);
      if (c !== undefined) {
        const b = c.s - 1;
        if (this.isColon(b)) return this.named(this.chainBefore(b - 1)); // p: float = ...
        const typeish = b >= 0 && tok.kind[b] === K_OP && (tok.op[b] === OP_LT || (tok.op[b] === OP_OTHER && this.tokText(b) === '|'));
        if (!typeish) return this.named(c);
      }
      // A type annotation ending in a bracket or generic: `p: number[] = `, `let p: [f64; 3] = `.
      let m = j - 1;
      for (let steps = 0; m >= 0 && steps < 40; steps++) {
        if (tok.flags[m + 1] & T_NEWLINE) break;
        const k = tok.kind[m];
        if (k === K_CLOSE) {
          m = this.g.open[tok.aux[m]] - 1;
          continue;
        }
        if (this.isColon(m)) return this.named(this.chainBefore(m - 1));
        if (k === K_SEMI || (k === K_OP && (tok.op[m] === OP_EQ || tok.op[m] === OP_COLONEQ || tok.op[m] === OP_RASSIGN))) break;
        m--;
      }
      return { declared: false };
    }
    if (op === OP_COLON) {
      const b = j - 1;
      if (b < 0) return { declared: false };
      if (tok.kind[b] === K_STR) {
        const s = this.tokText(b);
        return { name: s.slice(1, s.length > 1 && s[s.length - 1] === s[0] ? -1 : undefined), declared: false };
      }
      if (tok.kind[b] === K_IDENT) {
        const c = this.chainBefore(b);
        return c !== undefined && c.s === b ? { name: c.text, declared: false } : { declared: false };
      }
      // "p": [...] outside any bracket, where the quotes are not lexed as a string
      if (b >= 2 && tok.kind[b] === K_OP && (tok.op[b] === OP_DQUOTE || tok.op[b] === OP_QUOTE) && tok.kind[b - 1] === K_IDENT && tok.kind[b - 2] === K_OP && tok.op[b - 2] === tok.op[b]) {
        return { name: this.tokText(b - 1), declared: false };
      }
    }
    return { declared: false };
  }
}

function fail(kind: FailResult['kind'], startTok: number, endTok: number, d: Diag | undefined, arrayish: boolean): FailResult {
  return { kind, startTok, endTok, diag: d, arrayish };
}

function diag(code: DivergenceErrorCode, offset: number, message: string, offset2?: number): Diag {
  return offset2 === undefined ? { code, offset, message } : { code, offset, message, offset2 };
}

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
