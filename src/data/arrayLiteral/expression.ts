/**
 * Constant arithmetic over numeric literals, as array elements are written: `+ - * / ** ^` (and MATLAB's
 * `.* ./ .^`), signs and parenthesised groups, evaluated by a small iterative parser (never `eval`).
 */
import {
  K_IDENT, K_NUM, K_OP, OP_CARET, OP_DOTCARET, OP_DOTSLASH, OP_DOTSTAR, OP_MINUS, OP_PLUS, OP_POW, OP_SLASH,
  OP_STAR, T_NEWLINE, T_NONJSON, T_SPACE,
} from './tokens';
import { CONSTANTS, F_ARITH, F_CARET, F_CONST, F_MATLAB, F_NONJSON } from './vocabulary';
import type { Diag, Result } from './results';
import { LexedText } from './lexedText';

export abstract class ExpressionParser extends LexedText {
  // Expression state: the parser works on token positions and reports through these fields.
  protected pos = 0;
  protected val = 0;
  protected feat = 0;
  protected diag: Diag | undefined;
  private readonly powVals: number[] = [];
  private readonly powSigns: number[] = [];

  /** The analysed bracket group or cast starting at token i, if any. */
  protected abstract itemAt(i: number): Result | undefined;

  /**
   * Parses one expression from this.pos. In ws mode (MATLAB/Julia spacing), `1 -2` is two elements. With
   * noAddSub (bare numbers), + and - are only signs, so a date such as 2024-01-05 is not read as 2018.
   */
  protected expr(hi: number, ws: boolean, noAddSub = false): boolean {
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
}
