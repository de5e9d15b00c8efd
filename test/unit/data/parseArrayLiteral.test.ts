import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError, type DivergenceErrorCode } from '../../../src/core/errors';
import { findArrayLiterals, parseArrayLiteral, type ParsedArray, type SourcePosition } from '../../../src/data/parseArrayLiteral';

// ---- helpers

/** The single array findArrayLiterals finds in `text`. */
function one(text: string): ParsedArray {
  const found = findArrayLiterals(text);
  assert.equal(found.length, 1, `expected one array in ${JSON.stringify(text)}, found ${found.length}`);
  return found[0];
}

/** Element-wise Object.is, so -0 and NaN are checked exactly. */
function assertValues(actual: Float64Array, expected: readonly number[], context = ''): void {
  assert.equal(actual.length, expected.length, `length ${context}`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(actual[i], expected[i]), `element ${i}: ${actual[i]} is not ${expected[i]} ${context}`);
  }
}

function expectArray(a: ParsedArray, values: readonly number[], shape: readonly number[], syntax?: string): void {
  assertValues(a.values, values);
  assert.deepEqual(a.shape, shape);
  if (syntax !== undefined) assert.equal(a.syntax, syntax);
}

function at(offset: number, line: number, column: number): SourcePosition {
  return { offset, line, column };
}

/** Positions computed independently of the parser, to cross-check them. */
function positionOf(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

function expectError(
  fn: () => unknown,
  code: DivergenceErrorCode,
  where?: { line: number; column: number; offset?: number },
  message?: string | RegExp,
): DivergenceError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DivergenceError, `expected a DivergenceError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (where !== undefined) {
    assert.equal(caught.location.line, where.line, `line in: ${caught.message}`);
    assert.equal(caught.location.column, where.column, `column in: ${caught.message}`);
    if (where.offset !== undefined) assert.equal(caught.location.offset, where.offset);
  }
  if (typeof message === 'string') assert.equal(caught.message, message);
  else if (message !== undefined) assert.match(caught.message, message);
  return caught;
}

/** Python's repr of a float: `-0.0`, `5.0`, `1e-05`, `1.5e+16`. */
function pyRepr(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) return x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Shortest round-trip text that keeps the sign of zero, unlike String(-0). */
function jsRepr(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}


const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const finiteArray = fc.array(finiteDouble, { minLength: 1, maxLength: 40 });

// ---------------------------------------------------------------------------------------------------------

describe('findArrayLiterals', () => {
  describe('brackets: JSON, Python, JS', () => {
    it('reads a JSON array with exact values and positions', () => {
      const a = one('[0.36, 0.48, 0.16]');
      expectArray(a, [0.36, 0.48, 0.16], [3], 'json');
      assert.deepEqual(a.start, at(0, 1, 1));
      assert.deepEqual(a.end, at(18, 1, 19));
      assert.equal(a.name, undefined);
    });

    it('finds two named arrays, computing 1/3 as the double 1/3', () => {
      const text = 'p = [0.36, 0.48, 0.16]\nq = [1/3, 1/3, 1/3]';
      const [p, q, ...rest] = findArrayLiterals(text);
      assert.equal(rest.length, 0);
      assert.equal(p.name, 'p');
      expectArray(p, [0.36, 0.48, 0.16], [3], 'json');
      assert.deepEqual(p.start, at(4, 1, 5));
      assert.deepEqual(p.end, at(22, 1, 23));
      assert.equal(q.name, 'q');
      expectArray(q, [1 / 3, 1 / 3, 1 / 3], [3], 'python');
      assert.deepEqual(q.start, at(27, 2, 5));
      assert.deepEqual(q.end, at(42, 2, 20));
    });

    it('reads the examples in a Python file', () => {
      const text = [
        '"""Select the two lines below and run',
        '"Divergence: KL Divergence of Selection" from the Command Palette (F1)."""',
        'import numpy as np',
        '',
        'p = [0.36, 0.48, 0.16]',
        'q = [1/3, 1/3, 1/3]',
        '',
        '# Counts are fine too (they are normalised).',
        'observed = np.array([12, 30, 41, 17])',
        'logits_a = torch.tensor([2.0, 0.5, -1.0, 0.1])',
        '',
      ].join('\n');
      const found = findArrayLiterals(text);
      assert.deepEqual(
        found.map((a) => [a.name, a.syntax, Array.from(a.values)]),
        [
          ['p', 'json', [0.36, 0.48, 0.16]],
          ['q', 'python', [1 / 3, 1 / 3, 1 / 3]],
          ['observed', 'numpy', [12, 30, 41, 17]],
          ['logits_a', 'torch', [2, 0.5, -1, 0.1]],
        ],
      );
      assert.deepEqual(found[2].start, positionOf(text, text.indexOf('np.array')));
      assert.deepEqual(found[2].end, positionOf(text, text.indexOf('17])') + 4));
    });

    it('reads the examples in a TypeScript file', () => {
      const text = [
        '// Select both arrays and run "Divergence: KL Divergence of Selection".',
        'const p = [0.36, 0.48, 0.16];',
        'const q = [1 / 3, 1 / 3, 1 / 3];',
        "// A model's predicted class probabilities.",
        'const predicted = new Float64Array([0.7, 0.2, 0.05, 0.05]);',
        'export { p, q, predicted };',
      ].join('\n');
      const found = findArrayLiterals(text);
      assert.deepEqual(
        found.map((a) => [a.name, a.syntax, Array.from(a.values)]),
        [
          ['p', 'json', [0.36, 0.48, 0.16]],
          ['q', 'javascript', [1 / 3, 1 / 3, 1 / 3]],
          ['predicted', 'typed-array', [0.7, 0.2, 0.05, 0.05]],
        ],
      );
      const line5 = text.indexOf('new Float64Array');
      assert.deepEqual(found[2].start, at(line5, 5, 19));
      assert.equal(found[2].end.offset, text.indexOf(');', line5) + 1);
    });

    it('tolerates trailing commas and comments where the language allows them', () => {
      expectArray(one('[1, 2, 3,]'), [1, 2, 3], [3], 'python');
      expectArray(one('p = [\n  0.1,  # first\n  0.9,  # second ] not a closer\n]'), [0.1, 0.9], [2], 'python');
      expectArray(one('[1, /* a ] */ 2 // b ]\n]'), [1, 2], [2], 'javascript');
    });

    it('labels JSON only when the literal is valid JSON', () => {
      assert.equal(one('[1, -2.5e-3, 0]').syntax, 'json');
      assert.equal(one('[[1, 2], [3, 4]]').syntax, 'json');
      assert.equal(one('[+1, 2]').syntax, 'python');
      assert.equal(one('[.5, 2]').syntax, 'python');
      assert.equal(one('[NaN, Infinity]').syntax, 'javascript');
      assert.equal(one('[inf, nan]').syntax, 'python');
    });

    it('keeps -0 and reads a Unicode minus sign', () => {
      expectArray(one('[-0.0, -0, 0, +0.0]'), [-0, -0, 0, 0], [4]);
      expectArray(one('[\u22120.5, 1]'), [-0.5, 1], [2]);
    });
  });

  describe('tuples', () => {
    it('reads a tuple with a comma, including a 1-tuple', () => {
      expectArray(one('(1, 2)'), [1, 2], [2], 'python');
      expectArray(one('t = (0.1,)'), [0.1], [1], 'python');
      expectArray(one('return (0.25, 0.75)'), [0.25, 0.75], [2], 'python');
      expectArray(one('return[0.25, 0.75]'), [0.25, 0.75], [2], 'json');
    });

    it('does not read calls, or parentheses without a comma, as tuples', () => {
      assert.deepEqual(findArrayLiterals('max(1, 2)'), []);
      assert.deepEqual(findArrayLiterals('f(x)(1, 2)'), []);
      assert.deepEqual(findArrayLiterals('y = (1 + 2) * x'), []);
    });

    it('reads tuples of tuples and lists of tuples as matrices', () => {
      expectArray(one('((1, 2), (3, 4))'), [1, 2, 3, 4], [2, 2], 'python');
      expectArray(one('[(1, 2), (3, 4)]'), [1, 2, 3, 4], [2, 2], 'python');
    });
  });

  describe('wrappers', () => {
    const cases: [string, number[], number[], string][] = [
      ['np.array([0.1, 0.9])', [0.1, 0.9], [2], 'numpy'],
      ['numpy.array([1, 2])', [1, 2], [2], 'numpy'],
      ['np.asarray([1])', [1], [1], 'numpy'],
      ['np.array((1, 2))', [1, 2], [2], 'numpy'],
      ['np.array([1,2], dtype=np.float64)', [1, 2], [2], 'numpy'],
      ['array([[1., 2.],\n       [3., 4.]])', [1, 2, 3, 4], [2, 2], 'numpy'],
      ['array([0.1, 0.9], dtype=float32)', [0.1, 0.9], [2], 'numpy'],
      ['jnp.array([1.5])', [1.5], [1], 'jax'],
      ['torch.tensor([[1, 2], [3, 4]])', [1, 2, 3, 4], [2, 2], 'torch'],
      ['tensor([0.1000, 0.9000], dtype=torch.float64, grad_fn=<SoftmaxBackward0>)', [0.1, 0.9], [2], 'torch'],
      ["torch.tensor([0.5, 0.5], device='cuda:0')", [0.5, 0.5], [2], 'torch'],
      ['tf.constant([[1., 2.], [3., 4.]])', [1, 2, 3, 4], [2, 2], 'tensorflow'],
      ['tf.convert_to_tensor([1.0])', [1], [1], 'tensorflow'],
      ['new Float64Array([1, 2])', [1, 2], [2], 'typed-array'],
      ['new Int32Array([1, -2])', [1, -2], [2], 'typed-array'],
      ['Float32Array.from([1.5, 2])', [1.5, 2], [2], 'typed-array'],
      ['Float64Array.of(1, 2, 3)', [1, 2, 3], [3], 'typed-array'],
      ['c(1, 2, 3)', [1, 2, 3], [3], 'r'],
      ['c(0.2, NA, Inf, 1L)', [0.2, NaN, Infinity, 1], [4], 'r'],
      ['[np.array([1, 2]), np.array([3, 4])]', [1, 2, 3, 4], [2, 2], 'numpy'],
    ];
    for (const [text, values, shape, syntax] of cases) {
      it(`reads ${text.replace(/\n\s*/g, ' ')}`, () => {
        const a = one(text);
        expectArray(a, values, shape, syntax);
        assert.deepEqual(a.start, at(0, 1, 1), 'the wrapper starts the literal');
        assert.equal(a.end.offset, text.length, 'the wrapper ends the literal');
      });
    }

    it('keeps the values as written, whatever dtype is requested', () => {
      assertValues(one('np.array([0.1], dtype=np.float32)').values, [0.1]);
      assertValues(one('new Float32Array([0.1])').values, [0.1]);
    });

    it('ignores arrays inside keyword arguments', () => {
      const a = one('np.array([0.1, 0.9], dtype=[("a", "f4")], w=[3, 4])');
      expectArray(a, [0.1, 0.9], [2], 'numpy');
    });

    it('reads only the inner array of an unknown call', () => {
      const a = one('print([1, 2])');
      expectArray(a, [1, 2], [2], 'json');
      assert.deepEqual(a.start, at(6, 1, 7));
      expectArray(one('array.array("d", [1.0, 2.0])'), [1, 2], [2]);
    });

    it('does not treat a wrapper without an array argument as a literal', () => {
      assert.deepEqual(findArrayLiterals('new Float64Array(3)'), []);
      assert.deepEqual(findArrayLiterals('np.array(x)'), []);
      assert.deepEqual(findArrayLiterals('c()'), []);
    });
  });

  describe('MATLAB and Julia', () => {
    it('reads space-separated rows and semicolon-separated matrices', () => {
      expectArray(one('[1 2 3]'), [1, 2, 3], [3], 'matlab');
      expectArray(one('A = [1 2; 3 4];'), [1, 2, 3, 4], [2, 2], 'matlab');
      expectArray(one('[1, 2; 3, 4]'), [1, 2, 3, 4], [2, 2], 'matlab');
      expectArray(one('[1; 2; 3]'), [1, 2, 3], [3], 'matlab');
    });

    it('reads rows on separate lines', () => {
      const a = one('M = [1 2 3\n     4 5 6];');
      expectArray(a, [1, 2, 3, 4, 5, 6], [2, 3], 'matlab');
      assert.deepEqual(a.end, at(22, 2, 12));
    });

    it('reads numpy-printed wrapped vectors and matrices', () => {
      expectArray(one('[0.   0.05 0.1\n 0.15 0.2 ]'), [0, 0.05, 0.1, 0.15, 0.2], [5], 'matlab');
      expectArray(one('[[0.1 0.2]\n [0.3 0.4]]'), [0.1, 0.2, 0.3, 0.4], [2, 2]);
    });

    it('splits `1 -2` into two elements but evaluates `1 - 2` and `1-2`', () => {
      expectArray(one('[1 -2]'), [1, -2], [2]);
      expectArray(one('[1 +2]'), [1, 2], [2]);
      expectArray(one('[1 - 2]'), [-1], [1]);
      expectArray(one('[1-2 3]'), [-1, 3], [2]);
      expectArray(one('[1, -2]'), [1, -2], [2]);
    });

    it('transposes with `\'` and `.\'`', () => {
      const v = one("[1, 2, 3]'");
      expectArray(v, [1, 2, 3], [3], 'matlab');
      assert.equal(v.end.offset, 10);
      expectArray(one("[1 2; 3 4]'"), [1, 3, 2, 4], [2, 2], 'matlab');
      expectArray(one("[1 2 3; 4 5 6].'"), [1, 4, 2, 5, 3, 6], [3, 2], 'matlab');
    });

    it('skips MATLAB comments and continuations, and Julia comments', () => {
      expectArray(one('A = [1 2 % first row\n     3 4];'), [1, 2, 3, 4], [2, 2], 'matlab');
      expectArray(one('[1 2 %{\n block ] %}\n 3]'), [1, 2, 3], [3], 'matlab');
      expectArray(one('[1 2 ...\n 3]'), [1, 2, 3], [3], 'matlab');
      expectArray(one('[1 2 # Julia\n 3 4]'), [1, 2, 3, 4], [2, 2], 'julia');
      expectArray(one('[1 #= inline ] =# 2]'), [1, 2], [2], 'julia');
    });

    it('reads Julia element-typed literals', () => {
      const a = one('x = Float64[1, 2]');
      expectArray(a, [1, 2], [2], 'julia');
      assert.equal(a.name, 'x');
      assert.deepEqual(a.start, at(4, 1, 5));
    });
  });

  describe('numbers', () => {
    it('reads scientific notation, digit separators, radix prefixes', () => {
      expectArray(one('[1e-3, 1E+5, .5, 5., +3, 1.e2]'), [0.001, 100000, 0.5, 5, 3, 100], [6]);
      expectArray(one('[1_000, 1_000.5, 0x1F, 0o17, 0b11]'), [1000, 1000.5, 31, 15, 3], [5]);
    });

    it('rounds like Number() for long, huge and tiny decimals', () => {
      const texts = ['0.30000000000000004', '9007199254740993', '123456789012345678901234567890', '5e-324', '1e-400', '1e400', '2.2250738585072011e-308', '0.1e23', '12345678901234567e-5'];
      expectArray(one(`[${texts.join(', ')}]`), texts.map(Number), [texts.length]);
    });

    it('parses inf and nan spellings to their values, never dropping them', () => {
      expectArray(
        one('[inf, -inf, nan, Inf, NaN, Infinity, -Infinity, np.inf, np.nan, numpy.inf, math.inf, math.nan, Number.NEGATIVE_INFINITY]'),
        [Infinity, -Infinity, NaN, Infinity, NaN, Infinity, -Infinity, Infinity, NaN, Infinity, Infinity, NaN, -Infinity],
        [13],
      );
      expectArray(one('[float("inf"), float(\'-inf\'), float("nan"), float(2)]'), [Infinity, -Infinity, NaN, 2], [4], 'python');
      expectArray(one('[np.float64(0.1), np.float32(0.9)]'), [0.1, 0.9], [2], 'numpy');
    });

    it('evaluates constant arithmetic exactly as the language would', () => {
      expectArray(one('[1/3, 1 / 3, -2/7, 2**-3, 1e-3/2]'), [1 / 3, 1 / 3, -2 / 7, 2 ** -3, 1e-3 / 2], [5]);
      expectArray(one('[2**3**2, -2**2, (-2)**2, 2^-1, (1+2)/3]'), [512, -4, 4, 0.5, 1], [5]);
      expectArray(one('[1 + 2*3, (1 - 0.9), 1/0, -1/0, 0/0, --1]'), [7, 1 - 0.9, Infinity, -Infinity, NaN, 1], [6]);
    });

    it('skips arrays with identifiers, calls, strings or malformed numbers', () => {
      for (const text of ['[a, b]', '[0.1, abc, 0.3]', '["a", "b"]', '[1, "a"]', '[np.exp(1)]', '[np.pi]', '[1j]', '[1__0]', '[2 3j]', 'array([0.1, ..., 0.9])']) {
        assert.deepEqual(findArrayLiterals(text), [], text);
      }
    });
  });

  describe('matrices', () => {
    it('returns nested arrays as one row-major matrix', () => {
      const a = one('y = [[1, 2, 3], [4, 5, 6]]');
      expectArray(a, [1, 2, 3, 4, 5, 6], [2, 3], 'json');
      assert.equal(a.name, 'y');
      expectArray(one('[[1], [2]]'), [1, 2], [2, 1]);
      expectArray(one('[[1, 2, 3]]'), [1, 2, 3], [1, 3]);
      expectArray(one('[[1, 2], [3, 4]]\''), [1, 3, 2, 4], [2, 2]);
    });

    it('skips ragged, mixed and 3-D arrays entirely, without reporting their rows', () => {
      for (const text of ['[[1, 2], [3]]', '[1, [2]]', '[[[1, 2]], [[3, 4]]]', '[1 2; 3]', '[[], []]']) {
        assert.deepEqual(findArrayLiterals(text), [], text);
      }
    });

    it('skips empty arrays', () => {
      assert.deepEqual(findArrayLiterals('x = []\ny = [ ]\nz = ()'), []);
    });
  });

  describe('names', () => {
    const cases: [string, string][] = [
      ['p = [1, 2]', 'p'],
      ['const p = [1, 2];', 'p'],
      ['let p: number[] = [1, 2];', 'p'],
      ['const p: Array<number> = [1, 2];', 'p'],
      ['let p: [f64; 2] = [1.0, 2.0];', 'p'],
      ['p: list[float] = [1, 2]', 'p'],
      ['p: np.ndarray = np.array([1, 2])', 'p'],
      ['p::Vector{Float64} = [1, 2]', 'p'],
      ['self.p = [1, 2]', 'self.p'],
      ['p <- c(1, 2)', 'p'],
      ['p := [1, 2]', 'p'],
      ['{"p": [1, 2]}', 'p'],
      ["{'my key': [1, 2]}", 'my key'],
      ['{p: [1, 2]}', 'p'],
      ['"p": [1, 2]', 'p'],
      ['p: [1, 2]', 'p'],
      ['f(p=[1, 2])', 'p'],
      ['# p = [1, 2]', 'p'],
    ];
    for (const [text, name] of cases) {
      it(`names ${text}`, () => assert.equal(one(text).name, name));
    }

    it('gives no name to unassigned literals', () => {
      for (const text of ['[1, 2]', 'x[0] = [1, 2]', 'x == [1, 2]', 'x += [1, 2]', 'cond ? [1] : 0']) {
        const found = findArrayLiterals(text);
        assert.equal(found[0].name, undefined, text);
        assert.equal('name' in found[0], false, text);
      }
    });

    it('names each value of a JSON object', () => {
      const found = findArrayLiterals('{"p": [0.1, 0.9], "q": [0.2, 0.8], "labels": ["a", "b"]}');
      assert.deepEqual(
        found.map((a) => [a.name, Array.from(a.values)]),
        [
          ['p', [0.1, 0.9]],
          ['q', [0.2, 0.8]],
        ],
      );
    });
  });

  describe('positions', () => {
    it('counts lines across LF, CRLF and lone CR', () => {
      const text = 'a = [1,\r\n2]\r\nb = [3]\rc = [4]\nd = [5]';
      const found = findArrayLiterals(text);
      assert.deepEqual(
        found.map((a) => [a.name, a.start, a.end]),
        [
          ['a', at(4, 1, 5), at(11, 2, 3)],
          ['b', at(17, 3, 5), at(20, 3, 8)],
          ['c', at(25, 4, 5), at(28, 4, 8)],
          ['d', at(33, 5, 5), at(36, 5, 8)],
        ],
      );
    });

    it('counts columns in UTF-16 code units', () => {
      const a = one('😀 é [1]');
      assert.deepEqual(a.start, at(5, 1, 6));
      assert.deepEqual(a.end, at(8, 1, 9));
    });

    it('ends at the end of the text for a literal on the last line', () => {
      const text = 'x = 1\n[1,\n 2]';
      const a = one(text);
      assert.deepEqual(a.start, at(6, 2, 1));
      assert.deepEqual(a.end, at(text.length, 3, 4));
    });
  });

  describe('search in surrounding text', () => {
    it('returns outermost arrays only, in order', () => {
      const found = findArrayLiterals('x = [1, 2]; y = [[1, 2], [3, 4]]; z = (5, 6)');
      assert.deepEqual(
        found.map((a) => [a.name, a.shape]),
        [
          ['x', [2]],
          ['y', [2, 2]],
          ['z', [2]],
        ],
      );
    });

    it('skips index expressions but not literals after a space', () => {
      assert.deepEqual(findArrayLiterals('x[0] = 3; a[1, 2]; f(x)[0]; m[1][2]'), []);
      expectArray(one('see a [1, 2]'), [1, 2], [2]);
    });

    it('finds arrays in comments and prose outside brackets', () => {
      expectArray(one("it's [1, 2]"), [1, 2], [2]);
      expectArray(one('# p = [1, 2]'), [1, 2], [2]);
      assert.equal(findArrayLiterals('[1, 2] # see [3, 4]').length, 2);
    });

    it('does not look inside strings within brackets', () => {
      assert.deepEqual(findArrayLiterals('print("[1, 2]", \'[3]\')'), []);
      expectArray(one('f("]", [1, 2], """ [ """)'), [1, 2], [2]);
    });

    it('recovers from unbalanced brackets', () => {
      expectArray(one('( [1, 2] ]'), [1, 2], [2]);
      assert.deepEqual(findArrayLiterals('[1, 2'), []);
      assert.deepEqual(findArrayLiterals('([1, 2)'), []);
      expectArray(one('[[1, 2]'), [1, 2], [2]);
      expectArray(one(') ] } [3]'), [3], [1]);
    });
  });

  describe('bare numbers', () => {
    it('reads the whole text as numbers when it is only numbers', () => {
      const a = one('0.36 0.48 0.16');
      expectArray(a, [0.36, 0.48, 0.16], [3], 'plain');
      assert.deepEqual(a.start, at(0, 1, 1));
      assert.deepEqual(a.end, at(14, 1, 15));
      expectArray(one('0.36, 0.48, 0.16,'), [0.36, 0.48, 0.16], [3], 'plain');
      expectArray(one('  0.5\n0.25\r\n0.25\n'), [0.5, 0.25, 0.25], [3], 'plain');
      expectArray(one('1\t2\t3'), [1, 2, 3], [3], 'plain');
      expectArray(one('1;2;3'), [1, 2, 3], [3], 'plain');
      expectArray(one('1 2; 3 4'), [1, 2, 3, 4], [2, 2], 'plain');
      expectArray(one('1/3 1/3 1/3'), [1 / 3, 1 / 3, 1 / 3], [3], 'plain');
      expectArray(one('1 -2'), [1, -2], [2], 'plain');
      expectArray(one('inf nan'), [Infinity, NaN], [2], 'plain');
    });

    it('reads equal lines as a matrix and ragged lines as one wrapped vector', () => {
      expectArray(one('1 2\n3 4'), [1, 2, 3, 4], [2, 2], 'plain');
      expectArray(one('1 2 3\n4'), [1, 2, 3, 4], [4], 'plain');
      expectArray(one('1, 2,\n3, 4'), [1, 2, 3, 4], [4], 'plain');
    });

    it('ignores numbers mixed with other text, and dates', () => {
      for (const text of ['x', 'there are 3 apples', '2024-01-05', '3-4', '1.2.3', '10:30', 'p = 0.1 0.2', '']) {
        assert.deepEqual(findArrayLiterals(text), [], text);
      }
    });
  });

  describe('limits', function () {
    // CPU-time bounds below are the real checks; the wall-clock timeout only has to survive a busy machine.
    this.timeout(60_000);
    it('throws a parse-error when an array exceeds maxElements', () => {
      expectError(() => findArrayLiterals('[1, 2, 3, 4]', { maxElements: 3 }), 'parse-error', { line: 1, column: 11 }, /more than 3 elements/);
      expectError(() => findArrayLiterals('[[1, 2], [3, 4]]', { maxElements: 3 }), 'parse-error', { line: 1, column: 1 });
      expectError(() => findArrayLiterals('1 2 3 4', { maxElements: 2 }), 'parse-error', { line: 1, column: 5 });
      assert.equal(findArrayLiterals('[1, 2, 3]', { maxElements: 3 })[0].values.length, 3);
    });

    it('rejects a nonsensical maxElements', () => {
      expectError(() => findArrayLiterals('[1]', { maxElements: 0 }), 'invalid-parameter');
      expectError(() => findArrayLiterals('[1]', { maxElements: Number.NaN }), 'invalid-parameter');
    });

    // Speed is measured in the benchmark (`npm run bench`), never in a timed unit test; these check the values.
    it('reads a 10^5-element literal exactly', () => {
      const values = Array.from({ length: 1e5 }, (_, i) => Number(((i * 7919) % 10007 / 10007).toPrecision(6)));
      assertValues(one(`p = [${values.join(', ')}]`).values, values);
    });

    it('reads 10^5 full-precision doubles exactly', () => {
      const values = Array.from({ length: 1e5 }, (_, i) => Math.sin(i + 1) / 3);
      assertValues(one(JSON.stringify(values)).values, values);
    });

    const N = 100_000;
    const adversarial: [string, string][] = [
      ['10^5 unclosed [', '['.repeat(N)],
      ['10^5 unclosed (', '('.repeat(N) + '1'],
      ['10^5 nested [] pairs', '['.repeat(N) + ']'.repeat(N)],
      ['10^5 nested around a number', '['.repeat(N) + '1' + ']'.repeat(N)],
      ['10^5 ( then 10^5 ]', '('.repeat(N) + ']'.repeat(N)],
      ['alternating [(', '[('.repeat(N)],
      ['unterminated strings', '["'.repeat(N)],
      ['unterminated comments', '[/*'.repeat(N / 10)],
      ['10^5 signs', `[${'-'.repeat(N)}1]`],
      ['10^5 powers', `[${'2**'.repeat(N)}1]`],
      ['10^5 parenthesised sums', `[${'(1+'.repeat(N)}1${')'.repeat(N)}]`],
      ['10^5 open wrappers', 'np.array('.repeat(N / 10)],
      ['10^5 arrays', 'p = [1]\n'.repeat(N)],
      ['a 10^5-part dotted name', `[${'a.'.repeat(N)}b]`],
    ];
    for (const [label, text] of adversarial) {
      // Iterative: no stack overflow; a quadratic blow-up would hit mocha's timeout.
      it(`stays iterative on ${label}`, () => {
        findArrayLiterals(text);
        try {
          parseArrayLiteral(text);
        } catch (e) {
          assert.ok(e instanceof DivergenceError, String(e));
        }
      });
    }
  });
});

describe('parseArrayLiteral', () => {
  it('reads the CLI forms', () => {
    expectArray(parseArrayLiteral('[0.36, 0.48, 0.16]'), [0.36, 0.48, 0.16], [3], 'json');
    expectArray(parseArrayLiteral('0.36 0.48 0.16'), [0.36, 0.48, 0.16], [3], 'plain');
    expectArray(parseArrayLiteral('np.array([0.36, 0.48, 0.16])'), [0.36, 0.48, 0.16], [3], 'numpy');
    expectArray(parseArrayLiteral('[[1,2],[3,4]]'), [1, 2, 3, 4], [2, 2], 'json');
    expectArray(parseArrayLiteral('  p = [0.5, 0.5];  # comment'), [0.5, 0.5], [2]);
    expectArray(parseArrayLiteral('{"p": [0.1, 0.9], "labels": ["a", "b"]}'), [0.1, 0.9], [2]);
    assert.equal(parseArrayLiteral('q = [1/3, 2/3]').name, 'q');
  });

  it('points at a malformed element', () => {
    expectError(() => parseArrayLiteral('[0.1, abc, 0.3]'), 'parse-error', { line: 1, column: 7, offset: 6 }, "expected a number at line 1, column 7, found 'abc'");
    expectError(() => parseArrayLiteral('p = [0.1,\r\n  zz]'), 'parse-error', { line: 2, column: 3, offset: 13 }, /found 'zz'/);
    expectError(() => parseArrayLiteral('np.array([0.1, np.pi])'), 'parse-error', { line: 1, column: 16 }, /found 'np\.pi'/);
    expectError(() => parseArrayLiteral('[1, 2j]'), 'parse-error', { line: 1, column: 5 }, /found '2j'/);
    expectError(() => parseArrayLiteral('[1,,2]'), 'parse-error', { line: 1, column: 4 }, /expected a number .*found ','/);
    expectError(() => parseArrayLiteral('[1, 2 3]'), 'parse-error', { line: 1, column: 7 }, /expected ',' or '\]' .*found '3'/);
    expectError(() => parseArrayLiteral('[1 2(3)]'), 'parse-error', { line: 1, column: 5 });
    expectError(() => parseArrayLiteral('0.1 0.2 abc'), 'parse-error', { line: 1, column: 9 }, "expected a number at line 1, column 9, found 'abc'");
    expectError(() => parseArrayLiteral('0.1 0.2)'), 'parse-error', { line: 1, column: 8 }, /found '\)'/);
    expectError(() => parseArrayLiteral('abc'), 'parse-error', { line: 1, column: 1 });
    expectError(() => parseArrayLiteral('[0.1, ..., 0.9]'), 'parse-error', { line: 1, column: 7 }, /found '\.\.\.'/);
  });

  it('reports unclosed and mismatched brackets at the point they are noticed', () => {
    expectError(
      () => parseArrayLiteral('[0.1, 0.2'),
      'parse-error',
      { line: 1, column: 10 },
      "expected ']' at line 1, column 10 to close the '[' at line 1, column 1, found the end of the text",
    );
    expectError(() => parseArrayLiteral('[1, 2)'), 'parse-error', { line: 1, column: 6 }, /expected ',' or '\]'.*found '\)'/);
    expectError(() => parseArrayLiteral('([1, 2)'), 'parse-error', { line: 1, column: 7 }, /to close the '\[' at line 1, column 2/);
  });

  it('names the ragged row', () => {
    expectError(() => parseArrayLiteral('[[1, 2],\n [3]]'), 'parse-error', { line: 2, column: 2 }, 'row 2 at line 2, column 2 has 1 element, but row 1 has 2 elements');
    expectError(() => parseArrayLiteral('[1 2; 3 4; 5]'), 'parse-error', { line: 1, column: 12 }, /^row 3 .*has 1 element, but row 1 has 2 elements$/);
    expectError(() => parseArrayLiteral('[[[1]]]'), 'parse-error', { line: 1, column: 2 }, /more than 2 dimensions/);
    expectError(() => parseArrayLiteral('[[1, 2], 3]'), 'parse-error', { line: 1, column: 10 }, /cannot mix numbers and nested arrays/);
  });

  it('rejects several arrays', () => {
    expectError(() => parseArrayLiteral('[1,2] [3,4]'), 'parse-error', { line: 1, column: 7 }, /^found 2 arrays, expected 1/);
    expectError(() => parseArrayLiteral('p = [1]\nq = [2]\nr = [3]'), 'parse-error', { line: 2, column: 5 }, /^found 3 arrays, expected 1/);
  });

  it('reports a malformed array beside a good one, but not prose in parentheses', () => {
    expectError(() => parseArrayLiteral('{"p": [0.1, 0.9], "q": [0.1, x]}'), 'parse-error', { line: 1, column: 30 }, /found 'x'/);
    expectError(() => parseArrayLiteral('[0.5, 0.5] np.array([1, x])'), 'parse-error', { line: 1, column: 25, offset: 24 }, /found 'x'/);
    expectArray(parseArrayLiteral('p = [0.1, 0.9]  # (see 1, x)'), [0.1, 0.9], [2]);
    expectError(() => parseArrayLiteral('(1, x)'), 'parse-error', { line: 1, column: 5 }, /found 'x'/);
  });

  it('throws empty-input for empty arrays and blank text', () => {
    expectError(() => parseArrayLiteral('[]'), 'empty-input', { line: 1, column: 1 });
    expectError(() => parseArrayLiteral('x = np.array([])'), 'empty-input', { line: 1, column: 14 }, 'the array at line 1, column 14 is empty');
    expectError(() => parseArrayLiteral('[[]]'), 'empty-input');
    expectError(() => parseArrayLiteral(''), 'empty-input', { line: 1, column: 1, offset: 0 }, 'expected an array such as [0.1, 0.9] at line 1, column 1, found no numbers');
    expectError(() => parseArrayLiteral('  \n '), 'empty-input', { line: 1, column: 1, offset: 0 });
  });

  it('returns non-finite values for the core to reject', () => {
    expectArray(parseArrayLiteral('[0.5, inf, nan]'), [0.5, Infinity, NaN], [3]);
  });

  it('throws invalid-parameter for a non-string', () => {
    expectError(() => parseArrayLiteral(42 as unknown as string), 'invalid-parameter');
  });
});

describe('properties', function () {
  this.timeout(60_000);
  const seed = 20240611;

  it('round-trips JSON.stringify exactly', () => {
    fc.assert(
      fc.property(finiteArray, (xs) => {
        const text = JSON.stringify(xs);
        // JSON itself turns -0 into 0, so the reference is what JSON.parse reads.
        assertValues(parseArrayLiteral(text).values, JSON.parse(text) as number[], text);
        assertValues(one(text).values, JSON.parse(text) as number[], text);
      }),
      { seed, numRuns: 500 },
    );
  });

  it('round-trips Python reprs bitwise, including -0', () => {
    fc.assert(
      fc.property(finiteArray, fc.constantFrom('list', 'tuple', 'numpy', 'torch'), (xs, form) => {
        const body = xs.map(pyRepr).join(', ');
        const text =
          form === 'list' ? `[${body}]` : form === 'tuple' ? `(${body}${xs.length === 1 ? ',' : ''})` : form === 'numpy' ? `np.array([${body}])` : `torch.tensor([${body}], dtype=torch.float64)`;
        const a = parseArrayLiteral(text);
        assertValues(a.values, xs, text);
        assert.deepEqual(a.shape, [xs.length]);
      }),
      { seed, numRuns: 500 },
    );
  });

  it('round-trips whitespace-, comma- and newline-joined numbers bitwise', () => {
    fc.assert(
      fc.property(finiteArray, fc.constantFrom(' ', '\t', '  ', ', ', ',', '\n', '\r\n', '; '), (xs, sep) => {
        const text = xs.map(jsRepr).join(sep);
        const a = parseArrayLiteral(text);
        assertValues(a.values, xs, JSON.stringify(text));
        assert.deepEqual(a.shape, [xs.length]);
        assert.equal(a.syntax, 'plain');
      }),
      { seed, numRuns: 500 },
    );
  });

  it('round-trips MATLAB matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 6 }), fc.array(finiteDouble, { minLength: 36, maxLength: 36 }), (rows, cols, pool) => {
        const xs = pool.slice(0, rows * cols);
        const lines = Array.from({ length: rows }, (_, r) => xs.slice(r * cols, (r + 1) * cols).map(jsRepr).join(' '));
        const a = parseArrayLiteral(`A = [${lines.join('; ')}];`);
        assertValues(a.values, xs);
        assert.deepEqual(a.shape, [rows, cols]);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('finds arrays embedded in code with exact names and positions', () => {
    fc.assert(
      fc.property(fc.array(finiteArray, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n'), (arrays, eol) => {
        let text = 'import numpy as np' + eol;
        const expected: { name: string; start: number; end: number; xs: number[] }[] = [];
        arrays.forEach((xs, k) => {
          const literal = k % 2 === 0 ? `[${xs.map(pyRepr).join(', ')}]` : `np.array([${xs.map(pyRepr).join(', ')}])`;
          const prefix = `v${k} = `;
          expected.push({ name: `v${k}`, start: text.length + prefix.length, end: text.length + prefix.length + literal.length, xs });
          text += `${prefix}${literal}  # comment ${k}${eol}`;
        });
        const found = findArrayLiterals(text);
        assert.equal(found.length, expected.length);
        found.forEach((a, k) => {
          assert.equal(a.name, expected[k].name);
          assert.deepEqual(a.start, positionOf(text, expected[k].start));
          assert.deepEqual(a.end, positionOf(text, expected[k].end));
          assertValues(a.values, expected[k].xs);
        });
      }),
      { seed, numRuns: 300 },
    );
  });

  const garbageChars = [...'[](){},;:=\'"`#%/*\\-+.eE0123456789 \t\n\r_xnpaifINFrcl$@!?<>|&^~', '\u2212', '\u00a0', '😀', '\ud800', 'é'];
  const garbage = fc.oneof(
    fc.string({ unit: fc.constantFrom(...garbageChars), maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .array(
        fc.constantFrom('[', ']', '(', ')', 'np.array(', '[1, 2]', '0.5', ' ', '\n', ',', ';', "'", '"', '#', '//', '/*', '*/', '%', '...', 'inf', 'x', '=', 'p = ', '**', '-', '[[1, 2], [3, 4]]', 'c(', 'new Float64Array(', '\r\n'),
        { maxLength: 80 },
      )
      .map((parts) => parts.join('')),
  );

  it('never throws from findArrayLiterals on garbage, and returns consistent results', () => {
    fc.assert(
      fc.property(garbage, (text) => {
        const found: ParsedArray[] = findArrayLiterals(text);
        let previousEnd = 0;
        for (const a of found) {
          assert.ok(a.start.offset >= previousEnd, 'in order and not overlapping');
          assert.ok(a.end.offset > a.start.offset && a.end.offset <= text.length);
          assert.deepEqual(a.start, positionOf(text, a.start.offset));
          assert.deepEqual(a.end, positionOf(text, a.end.offset));
          assert.equal(a.values.length, a.shape.reduce((x, y) => x * y, 1));
          assert.ok(a.values.length > 0);
          previousEnd = a.end.offset;
        }
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('throws only DivergenceErrors with in-range positions from parseArrayLiteral on garbage', () => {
    fc.assert(
      fc.property(garbage, (text) => {
        try {
          parseArrayLiteral(text);
        } catch (e) {
          assert.ok(e instanceof DivergenceError, String(e));
          assert.ok(e.code === 'parse-error' || e.code === 'empty-input', e.code);
          const { offset, line, column } = e.location;
          assert.ok(offset !== undefined && offset >= 0 && offset <= text.length, e.message);
          assert.deepEqual({ offset, line, column }, positionOf(text, offset));
          assert.match(e.message, /line \d+, column \d+/);
        }
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('agrees with findArrayLiterals: one array found is the array parsed', () => {
    fc.assert(
      fc.property(garbage, (text) => {
        const found = findArrayLiterals(text);
        let parsed: ParsedArray | undefined;
        try {
          parsed = parseArrayLiteral(text);
        } catch {
          parsed = undefined;
        }
        if (found.length !== 1) assert.equal(parsed, undefined);
        else if (parsed !== undefined) assert.deepEqual(parsed, found[0]);
      }),
      { seed, numRuns: 1000 },
    );
  });
});
