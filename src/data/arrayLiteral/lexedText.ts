/**
 * A lexed array-literal text: its tokens and groups, the values of its number tokens, positions (line and
 * column) and error messages that quote the text, and the name a literal is assigned to.
 */
import { DivergenceError } from '../../core/errors';
import type { SourcePosition } from '../parseArrayLiteral';
import {
  CLOSE_CHARS, type Groups, K_CLOSE, K_IDENT, K_OP, K_SEMI, K_STR, OP_COLON, OP_COLONEQ, OP_DCOLON, OP_DOT,
  OP_DQUOTE, OP_EQ, OP_LT, OP_OTHER, OP_QUOTE, OP_RASSIGN, OPEN_CHARS, T_NEWLINE, T_NONJSON, T_SPACE,
  TokenList,
} from './tokens';
import { Lexer } from './lexer';
import { DECLARATIONS, KEYWORDS } from './vocabulary';
import { type Diag, diag } from './results';

/** 1e0 … 1e22, every one an exact double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export class LexedText {
  readonly tok: TokenList;
  readonly g: Groups;
  private lines: number[] | undefined;

  constructor(readonly text: string) {
    const lexer = new Lexer(text);
    lexer.run();
    this.tok = lexer.tok;
    this.g = lexer.groups;
  }

  /** Last token of the dotted name `a.b.c` starting at p (no spaces inside). */
  protected chainEnd(p: number, hi: number): number {
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

  protected numberValue(p: number): number {
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

  protected offsetOf(i: number): number {
    return i < this.tok.n ? this.tok.start[i] : this.text.length;
  }

  tokText(i: number): string {
    return this.text.slice(this.tok.start[i], this.tok.end[i]);
  }

  protected describe(i: number): string {
    if (i >= this.tok.n) return 'the end of the text';
    const e = this.tok.kind[i] === K_IDENT ? this.chainEnd(i, this.tok.n) : i;
    let s = this.text.slice(this.tok.start[i], Math.min(this.tok.end[e], this.tok.start[i] + 64));
    const nl = s.search(/[\r\n]/);
    if (nl >= 0) s = `${s.slice(0, nl)}…`;
    if (s.length > 32) s = `${s.slice(0, 31)}…`;
    return `'${s}'`;
  }

  protected expectedNumber(i: number): Diag {
    return this.expectedAt(i, 'a number');
  }

  protected expectedAt(i: number, what: string): Diag {
    const off = this.offsetOf(i);
    const found = this.describe(i);
    return diag('parse-error', off, `expected ${what} at {at}, found ${found}`);
  }

  protected unclosed(o: number, hi: number): Diag {
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


  /** Dotted identifier chain ending at token e: `self.p`. */
  protected chainBefore(e: number): { s: number; text: string } | undefined {
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

  protected isColon(k: number): boolean {
    return k >= 0 && this.tok.kind[k] === K_OP && (this.tok.op[k] === OP_COLON || this.tok.op[k] === OP_DCOLON);
  }

  /** The chain's text, and whether `const`/`let`/`var` declares it. */
  protected named(c: { s: number; text: string } | undefined): { name?: string; declared: boolean } {
    if (c === undefined) return { declared: false };
    const d = c.s - 1;
    return { name: c.text, declared: d >= 0 && this.tok.kind[d] === K_IDENT && DECLARATIONS.has(this.tokText(d)) };
  }

  protected nameFor(startTok: number): { name?: string; declared: boolean } {
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
