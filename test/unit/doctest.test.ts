/**
 * The `@example` blocks of src/core's doc comments, run and checked: each line `call // expected` is evaluated
 * with the exports of the file it documents, and the value it states is compared with what the call returns.
 *
 * What a comment may state (the text after `//`; a parenthesised remark is an explanation and is skipped):
 * - a value: a number (`0.5108…`, `−1.5`, `Infinity`, `2.0e-21`), a 'string', true/false, an array
 *   `[1, 0.5]` or an object `{ base: 2, unit: 'bits' }` (its keys are compared, others ignored);
 * - fields of the value: `statistic 1, pvalue 0.25`, `normalized: true, sums { p: 3, q: 2 }`; a field of
 *   the field named before (`counts p [3, 1], q [1, 3]`: counts.p and counts.q), or of the one field that
 *   has it (`edges [0, 2.5, 5]` for bins.edges);
 * - variables after the call: `y = [1, 2]` (for functions that work in place);
 * - `the same … on every run`: the block run twice gives the same value.
 * After a value, `: <one word> <value>` states one more field; any other `: …` is prose and is skipped.
 * Lines that are statements (`const …;`, `for (…) …;`) are run in order, their comments not checked; a line
 * with only a comment states the value of the line before it.
 *
 * Tolerance: a number ending in `…` is truncated, so the value must lie within one unit of its last digit;
 * a number of 7 or more significant digits is rounded, so within half a unit of its last digit (and never
 * less than one ulp, the precision of a printed double); a shorter one (`1`, `0.25`, `0.056`) is the value as
 * JavaScript prints it, exact to 2 ulps.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CORE = join(ROOT, 'src', 'core');

// ---------------------------------------------------------------------------------------------------------
// Literals of the comments

type Literal =
  | { readonly kind: 'number'; readonly text: string; readonly value: number; readonly truncated: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'array'; readonly items: readonly Literal[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Literal])[] };

const NUMBER = /^[-−]?(?:Infinity|NaN|(?:\d+\.?\d*|\.\d+)(?:e[-+−]?\d+)?)(…)?/;
const WORD = /^[A-Za-z_$][\w$]*/;

/** A cursor over a comment's text. */
class Scanner {
  constructor(
    readonly text: string,
    public pos = 0,
  ) {}

  get rest(): string {
    return this.text.slice(this.pos);
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  /** Skips a balanced `( … )` remark, if one starts here (after spaces). */
  skipRemark(): boolean {
    const start = this.pos;
    this.skipSpaces();
    if (this.text[this.pos] !== '(') {
      this.pos = start;
      return false;
    }
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      if (this.text[this.pos] === '(') depth++;
      else if (this.text[this.pos] === ')' && --depth === 0) {
        this.pos++;
        return true;
      }
    }
    throw new Error(`unbalanced parenthesis in "${this.text}"`);
  }

  eat(token: string): boolean {
    this.skipSpaces();
    if (!this.rest.startsWith(token)) return false;
    this.pos += token.length;
    return true;
  }

  word(): string | undefined {
    this.skipSpaces();
    const m = WORD.exec(this.rest);
    if (!m || ['true', 'false', 'Infinity', 'NaN'].includes(m[0])) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** A literal starting here, or undefined (the position is then unchanged). */
  literal(): Literal | undefined {
    const start = this.pos;
    this.skipSpaces();
    const rest = this.rest;
    const number = NUMBER.exec(rest);
    if (number && !/^[\w$]/.test(rest.slice(number[0].length))) {
      this.pos += number[0].length;
      const text = number[0].replace(/…$/, '');
      return { kind: 'number', text, value: Number(text.replace(/−/g, '-')), truncated: number[1] !== undefined };
    }
    for (const b of [true, false]) {
      if (new RegExp(`^${b}\\b`).test(rest)) {
        this.pos += String(b).length;
        return { kind: 'boolean', value: b };
      }
    }
    const quoted = /^'([^']*)'/.exec(rest);
    if (quoted) {
      this.pos += quoted[0].length;
      return { kind: 'string', value: quoted[1]! };
    }
    if (this.eat('[')) {
      const items: Literal[] = [];
      while (!this.eat(']')) {
        const item = this.literal();
        if (!item) return this.fail(start);
        items.push(item);
        if (!this.eat(',') && !this.rest.trimStart().startsWith(']')) return this.fail(start);
      }
      return { kind: 'array', items };
    }
    if (this.eat('{')) {
      const entries: [string, Literal][] = [];
      while (!this.eat('}')) {
        const key = this.word();
        const value = key !== undefined && this.eat(':') ? this.literal() : undefined;
        if (key === undefined || !value) return this.fail(start);
        entries.push([key, value]);
        if (!this.eat(',') && !this.rest.trimStart().startsWith('}')) return this.fail(start);
      }
      return { kind: 'object', entries };
    }
    this.pos = start;
    return undefined;
  }

  private fail(start: number): undefined {
    this.pos = start;
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// What a comment states

interface Expectation {
  /** Fields of the call's value (empty: the value itself). */
  readonly path: readonly string[];
  /** A variable of the block, instead of the call's value. */
  readonly variable?: string;
  readonly expected: Literal;
}

type Statement = { readonly kind: 'expectations'; readonly items: readonly Expectation[] } | { readonly kind: 'deterministic' };

/** The expectations of one comment; throws when it states nothing this test can read. */
export function parseStatement(comment: string): Statement {
  if (/^the same\b.*\bon every run\b/.test(comment.trim())) return { kind: 'deterministic' };
  const s = new Scanner(comment);
  const items: Expectation[] = [];
  for (;;) {
    const start = s.pos;
    const value = items.length === 0 ? s.literal() : undefined;
    if (value) {
      items.push({ path: [], expected: value });
    } else {
      s.pos = start;
      const words: string[] = [];
      let variable: string | undefined;
      for (let w = s.word(); w !== undefined; w = s.word()) {
        words.push(w);
        if (words.length === 1 && s.eat('=')) {
          variable = w;
          break;
        }
        if (s.eat(':')) break;
      }
      const expected = words.length > 0 ? s.literal() : undefined;
      if (!expected) {
        s.pos = start;
        break;
      }
      items.push(variable !== undefined ? { path: [], variable, expected } : { path: words, expected });
    }
    s.skipRemark();
    if (s.eat(',') || s.eat(';')) continue;
    // `: <word> <value>` states one more field; other text after a colon explains.
    const beforeColon = s.pos;
    if (s.eat(':') && /^\s*[A-Za-z_$][\w$]*\s+\S/.test(s.rest)) {
      const probe = s.pos;
      s.word();
      if (s.literal() && /^\s*(?:\(|,|;|$)/.test(s.rest)) {
        s.pos = probe;
        continue;
      }
    }
    s.pos = beforeColon;
    break;
  }
  if (items.length === 0) throw new Error(`states no value this test can read: "${comment}"`);
  return { kind: 'expectations', items };
}

// ---------------------------------------------------------------------------------------------------------
// The examples of the sources

interface Check {
  /** 1-based line of the expression in its file. */
  readonly line: number;
  readonly expression: string;
  readonly comment: string;
}

/** One `@example` block: the code to run in order, and the checks, each after the statements it follows. */
interface ExampleBlock {
  readonly file: string;
  readonly line: number;
  readonly steps: readonly ({ readonly kind: 'statement'; readonly code: string } | ({ readonly kind: 'check' } & Check))[];
}

/** `code // comment`, the comment of `a // 1; b // 2` split into the first and the further pairs. */
function splitLine(line: string): { code: string; comment?: string; more: string[] } {
  const at = line.indexOf('//');
  if (at < 0) return { code: line.trim(), more: [] };
  const code = line.slice(0, at).trim();
  let comment = line.slice(at + 2).trim();
  const more: string[] = [];
  // Further `expr // value` pairs on the same line are separated by "; ".
  const next = comment.indexOf('//');
  if (next >= 0) {
    const cut = comment.lastIndexOf('; ', next);
    if (cut < 0) throw new Error(`cannot split "${line}"`);
    more.push(comment.slice(cut + 2));
    comment = comment.slice(0, cut).trim();
  }
  return { code, comment, more };
}

const STATEMENT = /^(?:const|let|for|if)\b|;$/;

/** Every `@example` block of one source file. */
export function examplesOf(file: string, source: string): ExampleBlock[] {
  const lines = source.split('\n');
  const blocks: ExampleBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = /^\s*\*\s*@example\b(.*)$/.exec(lines[i]!);
    if (!first) continue;
    const steps: ExampleBlock['steps'][number][] = [];
    let pending: { line: number; expression: string } | undefined;
    const take = (text: string, lineNo: number): void => {
      if (text.trim() === '') return;
      const { code, comment, more } = splitLine(text);
      if (code === '' && comment !== undefined) {
        if (!pending) throw new Error(`${file}:${lineNo}: a comment line with no expression before it`);
        steps.push({ kind: 'check', ...pending, comment });
        pending = undefined;
      } else if (STATEMENT.test(code)) {
        steps.push({ kind: 'statement', code });
      } else if (comment !== undefined) {
        steps.push({ kind: 'check', line: lineNo, expression: code, comment });
      } else {
        pending = { line: lineNo, expression: code };
      }
      for (const m of more) take(m, lineNo);
    };
    take(first[1]!, i + 1);
    for (let j = i + 1; j < lines.length; j++) {
      const text = lines[j]!;
      if (/^\s*\*\//.test(text) || /^\s*\*\s*@/.test(text)) break;
      take(text.replace(/^\s*\*\s?/, ''), j + 1);
    }
    if (pending) throw new Error(`${file}:${pending.line}: "${pending.expression}" states no value`);
    blocks.push({ file, line: i + 1, steps });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------
// Running and comparing

/** The tolerance the digits of a quoted number imply (see the header). */
export function toleranceOf(expected: Extract<Literal, { kind: 'number' }>): number {
  const x = Math.abs(expected.value);
  const m = /^[-−]?(\d*)\.?(\d*)(?:e([-+−]?\d+))?$/.exec(expected.text);
  if (!m || !Number.isFinite(x)) return 0;
  const [, whole = '', fraction = '', exponent = '0'] = m;
  const significant = (whole + fraction).replace(/^0+/, '').length;
  const lastDigit = 10 ** (Number(exponent.replace('−', '-')) - fraction.length);
  const ulp = x === 0 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(x)) - 52);
  if (expected.truncated) return lastDigit;
  if (significant >= 7) return Math.max(lastDigit / 2, ulp);
  return 2 * ulp;
}

/** Why `actual` does not match `expected`, or undefined when it does. */
export function mismatch(actual: unknown, expected: Literal, where: string): string | undefined {
  switch (expected.kind) {
    case 'number': {
      if (typeof actual !== 'number') return `${where}: expected the number ${expected.text}, got ${String(actual)}`;
      if (Number.isNaN(expected.value)) return Number.isNaN(actual) ? undefined : `${where}: expected NaN, got ${actual}`;
      if (!Number.isFinite(expected.value)) return actual === expected.value ? undefined : `${where}: expected ${expected.value}, got ${actual}`;
      // A truncated quote lies at or below the value in magnitude: the value is within one unit above it.
      const delta = expected.truncated ? Math.abs(actual) - Math.abs(expected.value) : Math.abs(actual - expected.value);
      const tolerance = toleranceOf(expected);
      const inside = expected.truncated ? delta >= 0 && delta < tolerance && Math.sign(actual) === Math.sign(expected.value) : delta <= tolerance;
      return inside ? undefined : `${where}: expected ${expected.text}${expected.truncated ? '…' : ''} (tolerance ${tolerance}), got ${actual} (delta ${delta})`;
    }
    case 'string':
    case 'boolean':
      return actual === expected.value ? undefined : `${where}: expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(actual)}`;
    case 'array': {
      if (!isArrayLike(actual)) return `${where}: expected an array, got ${String(actual)}`;
      if (actual.length !== expected.items.length) return `${where}: expected ${expected.items.length} values, got ${actual.length}`;
      for (let i = 0; i < actual.length; i++) {
        const m = mismatch(actual[i], expected.items[i]!, `${where}[${i}]`);
        if (m) return m;
      }
      return undefined;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null) return `${where}: expected an object, got ${String(actual)}`;
      for (const [key, value] of expected.entries) {
        const m = mismatch((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
        if (m) return m;
      }
      return undefined;
    }
  }
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}

function field(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * The path of a stated field: as written, or under the field named before it (`counts p [3, 1], q [1, 3]`),
 * or under the one field of the value that has it (`edges` for `bins.edges`).
 */
function resolvePath(value: unknown, path: readonly string[], parent: readonly string[]): readonly string[] {
  if (path.length === 0 || field(value, path.slice(0, 1)) !== undefined) return path;
  if (parent.length > 0 && field(value, [...parent, path[0]!]) !== undefined) return [...parent, ...path];
  if (typeof value !== 'object' || value === null) return path;
  const holders = Object.keys(value).filter((k) => field(value, [k, path[0]!]) !== undefined);
  return holders.length === 1 ? [holders[0]!, ...path] : path;
}

/** Runs a block with `scope` (a module's exports) and returns each check's problems (empty: it holds). */
export function runBlock(block: ExampleBlock, scope: Record<string, unknown>): { check: Check; problems: string[] }[] {
  const checks = block.steps.filter((s): s is { kind: 'check' } & Check => s.kind === 'check');
  const parsed = checks.map((c) => parseStatement(c.comment));
  const variables = [...new Set(parsed.flatMap((p) => (p.kind === 'expectations' ? p.items.flatMap((i) => (i.variable ? [i.variable] : [])) : [])))];
  const names = Object.keys(scope).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
  let index = 0;
  const body = block.steps
    .map((s) => {
      if (s.kind === 'statement') return s.code;
      const vars = variables.map((v) => `get ${v}() { return typeof ${v} === 'undefined' ? undefined : ${v}; }`).join(', ');
      return `__check(${index++}, () => (${s.expression}), () => ({ ${vars} }));`;
    })
    .join('\n');
  const run = (): { value?: unknown; vars?: Record<string, unknown>; error?: unknown }[] => {
    const outcomes: { value?: unknown; vars?: Record<string, unknown>; error?: unknown }[] = checks.map(() => ({}));
    const check = (i: number, value: () => unknown, vars: () => Record<string, unknown>): void => {
      try {
        outcomes[i] = { value: value(), vars: vars() };
      } catch (error) {
        outcomes[i] = { error };
      }
    };
    new Function('__check', ...names, body)(check, ...names.map((n) => scope[n]));
    return outcomes;
  };
  const first = run();
  const second = parsed.some((p) => p.kind === 'deterministic') ? run() : undefined;
  return checks.map((check, i) => {
    const outcome = first[i]!;
    if ('error' in outcome) return { check, problems: [`${check.expression} threw ${String(outcome.error)}`] };
    const statement = parsed[i]!;
    if (statement.kind === 'deterministic') {
      const again = second![i]!.value;
      return { check, problems: Object.is(again, outcome.value) && outcome.value !== undefined ? [] : [`${check.expression}: ${String(outcome.value)}, then ${String(again)}`] };
    }
    const problems: string[] = [];
    let parent: readonly string[] = [];
    for (const item of statement.items) {
      const path = resolvePath(outcome.value, item.path, parent);
      const actual = item.variable !== undefined ? outcome.vars![item.variable] : field(outcome.value, path);
      const where = item.variable ?? [check.expression, ...path].join('.');
      const m = mismatch(actual, item.expected, where);
      if (m) problems.push(m);
      if (path.length > 1) parent = path.slice(0, -1);
    }
    return { check, problems };
  });
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Examples found wrong and kept failing on purpose until their doc comment is corrected: each check here
 * must still fail (so a corrected example is noticed and its entry removed). Empty: every example holds.
 */
const KNOWN_WRONG: ReadonlyMap<string, string> = new Map();

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourcesOf(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []))
    .sort();
}

describe('doctest: the @example blocks of src/core', () => {
  const files = sourcesOf(CORE);
  const blocks = files.flatMap((f) => examplesOf(relative(ROOT, f), readFileSync(f, 'utf8')));
  const tagged = files.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/^\s*\*\s*@example\b/gm)?.length ?? 0), 0);

  it(`finds every @example (${tagged} in ${files.length} files), each stating at least one value`, () => {
    assert.equal(blocks.length, tagged);
    for (const b of blocks) assert.ok(b.steps.some((s) => s.kind === 'check'), `${b.file}:${b.line} checks nothing`);
  });

  for (const block of blocks) {
    const checks = block.steps.filter((s) => s.kind === 'check');
    describe(`${block.file}:${block.line}`, () => {
      let results: ReturnType<typeof runBlock> | undefined;
      before(() => {
        // Loaded by path at run time through tsx's require hook: import() has no loader for .ts files here.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        results = runBlock(block, require(join(ROOT, block.file)) as Record<string, unknown>);
      });
      checks.forEach((c, i) => {
        const wrong = KNOWN_WRONG.get(`${block.file}:${c.line}`);
        if (wrong !== undefined) {
          it(`line ${c.line}: ${c.expression} // ${c.comment} is known wrong (${wrong})`, () => {
            assert.notDeepEqual(results![i]!.problems, [], `${block.file}:${c.line} now holds: remove it from KNOWN_WRONG`);
          });
          return;
        }
        it(`line ${c.line}: ${c.expression} // ${c.comment}`, () => {
          const problems = results![i]!.problems;
          assert.deepEqual(problems, [], `${block.file}:${c.line}\n${problems.join('\n')}`);
        });
      });
    });
  }

  describe('the checker itself', () => {
    const block = (text: string) => examplesOf('x.ts', `/**\n * @example\n${text.split('\n').map((l) => ` * ${l}`).join('\n')}\n */`)[0]!;
    const scope = { half: (x: number) => ({ value: x / 2, counts: { p: [x, 1], q: [1, x] } }), fill: (a: number[]) => a.fill(7) };
    const problems = (text: string) => runBlock(block(text), scope).flatMap((r) => r.problems);

    it('passes stated values, fields, variables and truncated digits', () => {
      assert.deepEqual(problems('half(1).value // 0.5\nhalf(2 / 3).value // 0.3333…\nhalf(3) // value 1.5, counts p [3, 1], q [1, 3]: value 1.5'), []);
      assert.deepEqual(problems('const a = [1, 2];\nfill(a) // a = [7, 7]'), []);
      assert.deepEqual(problems('half(1e-10).value\n// 5.000000000e-11 (on the next line)'), []);
    });

    it('fails a wrong value, a wrong digit, a wrong field and a wrong variable', () => {
      assert.equal(problems('half(1).value // 0.6').length, 1);
      assert.equal(problems('half(2 / 3).value // 0.3334…').length, 1);
      assert.equal(problems('half(2 / 3).value // 0.3333334').length, 1);
      assert.equal(problems('half(3) // counts p [3, 1], q [1, 4]').length, 1);
      assert.equal(problems('const a = [1, 2];\nfill(a) // a = [7, 8]').length, 1);
    });

    it('fails an example that states nothing it can read', () => {
      assert.throws(() => problems('half(1) // about a half'), /states no value/);
    });
  });
});
