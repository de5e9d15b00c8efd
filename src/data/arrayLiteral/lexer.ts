/**
 * The array-literal lexer: one pass over the text into a {@link TokenList} and its bracket {@link Groups}.
 */
import {
  B_BRACE, B_PAREN, B_SQUARE, G_BROKEN, G_COMMA, G_HASH, G_JULIA, G_MATLAB, G_NUM, G_SLASHC, type Groups,
  K_BADNUM, K_CLOSE, K_COMMA, K_IDENT, K_NUM, K_OP, K_OPEN, K_SEMI, K_STR, OP_CARET, OP_COLON, OP_COLONEQ,
  OP_DCOLON, OP_DOT, OP_DOTCARET, OP_DOTSLASH, OP_DOTSTAR, OP_DQUOTE, OP_ELLIPSIS, OP_EQ, OP_GT, OP_LT,
  OP_MINUS, OP_OTHER, OP_PLUS, OP_POW, OP_QUOTE, OP_RASSIGN, OP_SLASH, OP_STAR, T_NEWLINE, T_NONJSON,
  T_SPACE, TokenList,
} from './tokens';

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

/**
 * The operator of a character that stands alone (not part of `**`, `.*`, `:=`, `<-`, a string or a comment);
 * any other punctuation is OP_OTHER. U+2212 MINUS SIGN is common in text copied from papers and web pages.
 */
const SINGLE_CHAR_OPS: ReadonlyMap<number, number> = new Map([
  [34, OP_DQUOTE], [39, OP_QUOTE], [47, OP_SLASH], [46, OP_DOT], [42, OP_STAR], [94, OP_CARET], [43, OP_PLUS],
  [45, OP_MINUS], [0x2212, OP_MINUS], [61, OP_EQ], [58, OP_COLON], [60, OP_LT], [62, OP_GT],
]);

// ---------------------------------------------------------------------------------------------------------
// Lexer. One pass, context-sensitive: strings and comments are recognised only inside brackets, because
// outside them a quote is as likely an apostrophe in prose ("don't use [1, 2]") and a `#` or `//` is as
// likely a commented-out line the user selected on purpose.

export class Lexer {
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
    // [ ( { and ] ) }: the bracket type is B_SQUARE, B_PAREN or B_BRACE.
    if (c === 91 || c === 40 || c === 123) {
      this.open(c === 91 ? B_SQUARE : c === 40 ? B_PAREN : B_BRACE, i);
      return i + 1;
    }
    if (c === 93 || c === 41 || c === 125) {
      this.close(c === 93 ? B_SQUARE : c === 41 ? B_PAREN : B_BRACE, i);
      return i + 1;
    }
    switch (c) {
      case 44:
        this.emit(K_COMMA, 0, i, i + 1);
        this.markTop(G_COMMA);
        return i + 1;
      case 59:
        this.emit(K_SEMI, 0, i, i + 1);
        return i + 1;
      case 34: // "
      case 96: // `
        if (inside) return this.string(i, c);
        break;
      case 39: // '
        if (inside && this.quoteOpensString(i)) return this.string(i, c);
        break;
      case 35: // #
        if (inside && (i === 0 || t.charCodeAt(i - 1) !== 46)) {
          if (next === 61) return this.comment(this.skipPast(i + 2, '=#'), G_JULIA);
          return this.comment(this.skipLine(i), G_HASH);
        }
        break;
      case 47: // /
        if (inside && next === 47) return this.comment(this.skipLine(i), G_SLASHC);
        if (inside && next === 42) return this.comment(this.skipPast(i + 2, '*/'), G_SLASHC);
        break;
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
        break;
      case 42:
        if (next === 42) return this.op2(OP_POW, i);
        break;
      case 58:
        if (next === 61) return this.op2(OP_COLONEQ, i);
        if (next === 58) return this.op2(OP_DCOLON, i);
        break;
      case 60:
        if (next === 45) return this.op2(OP_RASSIGN, i);
        if (next === 60 && t.charCodeAt(i + 2) === 45) {
          this.emit(K_OP, OP_RASSIGN, i, i + 3);
          return i + 3;
        }
        break;
    }
    this.emit(K_OP, SINGLE_CHAR_OPS.get(c) ?? OP_OTHER, i, i + 1);
    return i + 1;
  }

  private op2(op: number, i: number): number {
    this.emit(K_OP, op, i, i + 2);
    return i + 2;
  }
}
