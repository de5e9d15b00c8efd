import { strict as assert } from 'node:assert';
import { interpretPair } from '../../../src/data/interpretPair';
import {
  klRowByRow,
  offeredReadings,
  readAs,
  readingChoices,
  readingConventions,
  rowByRowLines,
  rowPairs,
  sampleChoices,
  sampleMeasure,
  samplesQuestion,
  type ShapedValues,
} from '../../../src/extension/selectionMeasures';
import { DEFAULT_SETTINGS, type DivergenceSettings } from '../../../src/extension/settingsModel';

const REL = 1e-12;
function close(actual: number, expected: number, rel = REL): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} vs ${expected} (rel ${rel})`);
}
const s = (over: Partial<DivergenceSettings> = {}): DivergenceSettings => ({ ...DEFAULT_SETTINGS, ...over });
const vec = (v: number[]): ShapedValues => ({ values: Float64Array.from(v), shape: [v.length] });
const mat = (rows: number[][]): ShapedValues => ({ values: Float64Array.from(rows.flat()), shape: [rows.length, rows[0]!.length] });

describe('samples offered instead of failing', () => {
  const p = [1.5, 2.0, -0.5, 3.25];
  const q = [0.5, 1.0, 2.5];
  it('the question says why the pair reads as samples (and hints at the input setting for negatives)', () => {
    const reading = interpretPair(p, p.map((x) => x + 1));
    assert.equal(reading.kind, 'samples');
    if (reading.kind !== 'samples') return;
    assert.equal(
      samplesQuestion(reading, 'prob'),
      'P and Q look like samples, not distributions: P[2] is negative (-0.5) (log-probabilities or logits? set divergenceLens.input). Compare them as samples?',
    );
    const lengths = interpretPair(p, q);
    if (lengths.kind !== 'samples') assert.fail('unequal lengths read as samples');
    assert.equal(
      samplesQuestion(lengths, 'prob'),
      'P has 4 values and Q has 3: distributions over the same outcomes need equal lengths. Compare them as samples?',
    );
  });
  it('with readings offered, the question asks to read them as logits or log-probabilities, or as samples', () => {
    const reading = interpretPair([2, 0.5, -1], [1.5, 0.7, -0.5]);
    if (reading.kind !== 'samples') return assert.fail('negative values read as samples');
    assert.equal(
      samplesQuestion(reading, 'prob', ['logits']),
      'P and Q do not read as probabilities: P[2] is negative (-1). Read them as logits, or compare them as samples?',
    );
    assert.equal(
      samplesQuestion(reading, 'prob', ['logits', 'log']),
      'P and Q do not read as probabilities: P[2] is negative (-1). Read them as logits or log-probabilities, or compare them as samples?',
    );
  });
  it('readings offered: those the values allow when a value is negative, the named one first and said so', () => {
    const ids = (c: ReturnType<typeof readingChoices>) => c.map((r) => `${r.id}-${r.reading}`);
    assert.deepEqual(ids(readingChoices([[2, 0.5, -1], [1.5, 0.7, -0.5]], [], false)), ['read-logits']);
    assert.deepEqual(ids(readingChoices([[-2, -0.5], [-1, -1]], [], true)), ['read-logits', 'read-log', 'always-logits', 'always-log']);
    const named = readingChoices([[-2, -0.5], [-1, -1]], ['log_p', 'log_q'], false);
    assert.deepEqual(ids(named), ['read-log', 'read-logits']);
    assert.deepEqual(named[0], {
      id: 'read',
      reading: 'log',
      label: 'Read as log-probabilities',
      detail: 'exp of P and of Q first (natural log), then the measure: every value ≤ 0',
      description: 'pre-selected because the variables are named `log_p` and `log_q`',
      because: 'because the variables are named `log_p` and `log_q`',
    });
    // Positive values named logits are offered as logits; unnamed, nothing rules probabilities out.
    assert.deepEqual(ids(readingChoices([[2, 0.5], [1, 3.5]], ['logits', 'q'], false)), ['read-logits']);
    assert.deepEqual(ids(readingChoices([[2, 0.5], [1, 3.5]], [], true)), []);
    assert.deepEqual(ids(readingChoices([[2, -0.5, 1], [1, 3.5]], [], true)), []); // lengths differ
    assert.deepEqual(offeredReadings([[-1, -2]], ['x']), { readings: ['logits', 'log'] });
  });
  it('readingConventions says why the names chose the reading, before the normalisation', () => {
    const logits = s({ input: 'logits' });
    assert.equal(readingConventions(logits, { normalized: false, sums: { p: 1 } }, 'because the variable is named `logits`'),
      'read as logits (softmax first) because the variable is named `logits`');
    assert.equal(readingConventions(s({ input: 'log' }), { normalized: true, sums: { p: 2 } }, 'because the variable is named `log_p`'),
      'read as log-probabilities because the variable is named `log_p`; normalised (P summed to 2)');
    assert.equal(readingConventions(readAs(s(), 'log'), { normalized: false, sums: { p: 1 } }), 'read as log-probabilities; sums are 1');
  });
  it('"as distributions anyway" only when the values could be one', () => {
    assert.deepEqual(sampleChoices(p, q).map((c) => c.id), ['ks-w1', 'knn-kl', 'hist-kl']);
    assert.deepEqual(sampleChoices([0.5, 2.5], [1.5, 1.5]).map((c) => c.id), ['ks-w1', 'knn-kl', 'hist-kl', 'as-distributions']);
    assert.deepEqual(sampleChoices([0.5, -2.5], [1.5, 1.5]).map((c) => c.id), ['ks-w1', 'knn-kl', 'hist-kl']);
  });
  it('KS and W1 against SciPy (ks_2samp, wasserstein_distance), said to be read as samples', () => {
    const r = sampleMeasure('ks-w1', p, q, s());
    close(r.value, 0.8125);
    assert.equal(r.label, 'W1(P, Q)');
    assert.equal(r.shown, 'KS = 0.4167 (p = 0.8857), W1 = 0.8125; read as samples (n = 4, m = 3)');
    assert.equal(r.full, 'KS = 0.4166666666666667, p = 0.8857142857142858 (exact); W1 = 0.8125; read as samples (n = 4, m = 3)');
  });
  it('k-NN KL (k = 1) against the estimator evaluated in NumPy', () => {
    const r = sampleMeasure('knn-kl', p, q, s());
    close(r.value, -0.300993201081484);
    assert.equal(r.unit, 'nats');
    assert.match(r.shown, /^D̂\(P‖Q\) = -0\.301 nats \(k-NN estimate, k = 1\); read as samples \(n = 4, m = 3\)$/);
    close(sampleMeasure('knn-kl', p, q, s({ base: '2' })).value, -0.300993201081484 / Math.LN2);
  });
});

describe('row by row', () => {
  const P = mat([
    [0.2, 0.8],
    [0.5, 0.5],
    [0.9, 0.1],
  ]);
  it('two matrices of one shape: row i against row i (scipy.stats.entropy(p_i, q_i))', () => {
    const pairs = rowPairs(P, mat([[0.5, 0.5], [0.5, 0.5], [0.1, 0.9]]));
    assert.ok(Array.isArray(pairs));
    const r = klRowByRow(pairs, s());
    assert.equal(r.unit, 'nats');
    close(r.rows[0]!.value!, 0.19274475702175747);
    assert.equal(r.rows[1]!.value, 0);
    close(r.rows[2]!.value!, 1.7577796618689758);
    const lines = rowByRowLines(r);
    assert.equal(lines[1], 'row 1: D(P‖Q) = 0 nats (read as probabilities; sums are 1)');
    assert.match(lines[2]!, /^row 2: D\(P‖Q\) = 1\.75777966186897\d* nats/);
  });
  it('a matrix and one array of its row length: every row against it, in the configured base', () => {
    const pairs = rowPairs(P, vec([0.1, 0.9]));
    assert.ok(Array.isArray(pairs));
    const r = klRowByRow(pairs, s({ base: '2' }));
    assert.equal(r.unit, 'bits');
    close(r.rows[2]!.value!, 2.5359400011538504);
  });
  it('a bad row says why and the others still compute; strict refuses an unnormalised row', () => {
    const pairs = rowPairs(mat([[0.5, 0.5], [-1, 2], [2, 2]]), vec([0.5, 0.5]));
    assert.ok(Array.isArray(pairs));
    const lines = rowByRowLines(klRowByRow(pairs, s({ normalization: 'strict' })));
    assert.equal(lines[0], 'row 0: D(P‖Q) = 0 nats (read as probabilities; sums are 1)');
    assert.equal(lines[1], 'row 1: P[0] is -1 (0-based index 0): probabilities must be finite and non-negative');
    assert.match(lines[2]!, /^row 2: P summed to 4, Q to 1: not 1, and divergenceLens.normalization is "strict"/);
  });
  it('shapes that do not pair say both shapes', () => {
    assert.equal(rowPairs(vec([0.5, 0.5]), vec([0.5, 0.5])), 'row by row needs P to be a matrix (e.g. [[0.2, 0.8], [0.5, 0.5]]); P is one array of 2 values');
    assert.equal(rowPairs(P, mat([[0.5, 0.5]])), 'P is 3 × 2 and Q is 1 × 2: row by row needs the same shape');
    assert.equal(rowPairs(P, vec([0.2, 0.3, 0.5])), "P's rows have 2 values and Q has 3: each row is compared with Q, so they must match");
  });
});
