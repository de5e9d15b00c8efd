/**
 * The array-literal analyzer: every bracket group is finalised after its children (in close order), as an
 * array, a scalar (a parenthesised expression or a cast), or a failure. Nothing recurses, so nesting depth
 * is unbounded.
 */
import type { ParsedArray } from '../parseArrayLiteral';
import {
  B_BRACE, B_PAREN, B_SQUARE, G_BROKEN, G_CHILDNUM, G_COMMA, G_NUM, K_BADNUM, K_CLOSE, K_COMMA, K_IDENT,
  K_NUM, K_OP, K_OPEN, K_SEMI, K_STR, OP_DOT, OP_QUOTE, T_NEWLINE, T_SPACE,
} from './tokens';
import {
  bracketSyntax, type Callee, CALLEES, commentFeatures, F_ARITH, F_JULIA, F_NLROWS, F_NUMPY, F_PYCONST,
  F_SEMI, F_TRAIL, F_TRANSPOSE, F_TUPLE, F_WS, JULIA_ELTYPES, KEYWORDS, WRAPPER_SYNTAXES,
} from './vocabulary';
import {
  type ArrayResult, type Diag, diag, fail, type FailResult, type Failure, type LevelFail, type LevelOk,
  M_ARGS, M_BRACKET, M_ROOT, M_TUPLE, type Result,
} from './results';
import { ExpressionParser } from './expression';

export class Analyzer extends ExpressionParser {
  private readonly results: (Result | undefined)[];
  /** Start token of a call or an element-typed literal → its group id. */
  private readonly composite = new Map<number, number>();
  private buf = new Float64Array(256);
  private bufLen = 0;
  /** Outermost arrays so far, in order. */
  readonly out: ArrayResult[] = [];
  readonly failures: Failure[] = [];
  rootDiag: Diag | undefined;
  private readonly scratchGroups: ArrayResult[] = [];
  private readonly scratchRows: number[] = [];
  private readonly scratchRowStarts: number[] = [];

  constructor(
    text: string,
    private readonly maxElements: number,
  ) {
    super(text);
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

  protected itemAt(i: number): Result | undefined {
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
}
