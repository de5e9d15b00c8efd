/**
 * The tokens and bracket groups of an array-literal text, as the lexer leaves them for the analyzer: kinds,
 * operator codes and flags as small integers, stored in parallel typed arrays so that a 10^7-element literal
 * does not become 2·10^7 objects.
 */

export const K_NUM = 1;
export const K_BADNUM = 2; // a number run into letters: `1abc`, `2j`, `1f0`
export const K_IDENT = 3;
export const K_STR = 4;
export const K_OPEN = 5;
export const K_CLOSE = 6;
export const K_COMMA = 7;
export const K_SEMI = 8;
export const K_OP = 9;

export const OP_PLUS = 1;
export const OP_MINUS = 2;
export const OP_STAR = 3;
export const OP_SLASH = 4;
export const OP_POW = 5; // **
export const OP_CARET = 6; // ^
export const OP_DOTSTAR = 7;
export const OP_DOTSLASH = 8;
export const OP_DOTCARET = 9;
export const OP_EQ = 10;
export const OP_COLONEQ = 11;
export const OP_RASSIGN = 12; // <- and <<-
export const OP_COLON = 13;
export const OP_DCOLON = 14;
export const OP_DOT = 15;
export const OP_QUOTE = 16; // ' that does not start a string: a transpose or an apostrophe
export const OP_DQUOTE = 17; // " outside brackets, where strings are not recognised
export const OP_ELLIPSIS = 18;
export const OP_LT = 19;
export const OP_GT = 20;
export const OP_OTHER = 21;

export const B_SQUARE = 0;
export const B_PAREN = 1;
export const B_BRACE = 2;
export const OPEN_CHARS = '[({';
export const CLOSE_CHARS = '])}';

export const T_SPACE = 1; // whitespace or a comment precedes the token
export const T_NEWLINE = 2; // a line break precedes the token
export const T_NONJSON = 4; // a number JSON would reject: 1_000, .5, 5., 007, 0x1F, 1L

export const G_BROKEN = 1; // never closed, or closed implicitly by an outer bracket's closer
export const G_COMMA = 2; // a comma at the group's own level
export const G_NUM = 8; // a number at the group's own level
export const G_HASH = 16;
export const G_SLASHC = 32;
export const G_MATLAB = 64;
export const G_JULIA = 128;
export const G_CHILDNUM = 256; // a nested group holds numbers

export class TokenList {
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
export interface Groups {
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
