import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDataArrays } from '../../../src/data/dataFileArrays';
import { interpretPair, logReadings, namedReading, readingOfName } from '../../../src/data/interpretPair';

const examples = join(__dirname, '..', '..', '..', 'examples');

describe('interpretPair', () => {
  it('equal lengths and no negative value: distributions', () => {
    assert.deepEqual(interpretPair([0.2, 0.8], [3, 1]), { kind: 'distributions' });
  });
  it('different lengths or a negative value: samples, and why', () => {
    assert.deepEqual(interpretPair([1, 2, 3], [1, 2]), { kind: 'samples', reason: 'P has 3 values and Q has 2' });
    assert.deepEqual(interpretPair([1, 2], [1, -2]), { kind: 'samples', reason: 'Q[1] is negative (-2)' });
  });
});

describe('listDataArrays (the columns "Compare Columns of Data File…" offers)', () => {
  const list = (f: string) => listDataArrays(f, readFileSync(join(examples, f)));
  it('CSV: the numeric columns by header name, with their values', () => {
    const cols = list('seattle-weather.csv');
    assert.deepEqual(cols.map((c) => c.label), ['precipitation', 'temp_max', 'temp_min', 'wind']);
    assert.equal(cols[1]!.values.length, 1461);
    assert.equal(cols[1]!.values[0], 12.8); // 2012-01-01,0.0,12.8,5.0,4.7,drizzle
  });
  it('JSON records: each numeric field, missing values skipped and counted', () => {
    const cols = list('penguins.json');
    assert.deepEqual(cols.map((c) => c.label), ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)']);
    assert.equal(cols[3]!.description, '342 numbers, 2 missing skipped');
    assert.equal(cols[3]!.values[0], 3750);
  });
  it('.npy 2-D: its rows, "row r of n" without names', () => {
    const rows = list('weather-by-year.npy');
    assert.deepEqual(rows.map((r) => r.label), ['row 0 of 4', 'row 1 of 4', 'row 2 of 4', 'row 3 of 4']);
    assert.deepEqual(Array.from(rows[0]!.values), [31, 5, 191, 21, 118]);
  });
  it('other files: unsupported-file', () => {
    assert.throws(() => listDataArrays('x.txt', new Uint8Array()), { code: 'unsupported-file' });
  });
});

describe('interpretPair: non-integer values that do not sum near 1, and the input kind', () => {
  it('non-integer values summing far from 1: samples, naming the first one and the sum', () => {
    assert.deepEqual(interpretPair([0.5, 2.25, 3], [1, 1, 1]), {
      kind: 'samples',
      reason: 'P has non-integer values (P[0] = 0.5) that sum to 5.75, not 1',
    });
    assert.deepEqual(interpretPair([0.2, 0.8], [1.5, 0.25]), {
      kind: 'samples',
      reason: 'Q has non-integer values (Q[0] = 1.5) that sum to 1.75, not 1',
    });
  });
  it('probabilities rounded to two decimals, and counts, stay distributions', () => {
    assert.deepEqual(interpretPair([0.33, 0.33, 0.33], [0.36, 0.48, 0.16]), { kind: 'distributions' });
    assert.deepEqual(interpretPair([12, 30, 41, 17], [25, 25, 25, 25]), { kind: 'distributions' });
  });
  it('log-probabilities and logits may be negative: only unequal lengths make samples', () => {
    assert.deepEqual(interpretPair([2, 0.5, -1], [1.5, 0.7, -0.5], 'logits'), { kind: 'distributions' });
    assert.deepEqual(interpretPair([-1.2, -0.4], [-0.7, -0.7], 'log'), { kind: 'distributions' });
    assert.deepEqual(interpretPair([-1, -2], [-1], 'log'), { kind: 'samples', reason: 'P has 2 values and Q has 1' });
  });
  it('the rows of weather-by-year.npy (day counts) read as distributions, the CSV temperatures as samples', () => {
    const rows = listDataArrays('weather-by-year.npy', readFileSync(join(examples, 'weather-by-year.npy')));
    assert.deepEqual(interpretPair(rows[0]!.values, rows[1]!.values), { kind: 'distributions' });
    const cols = listDataArrays('seattle-weather.csv', readFileSync(join(examples, 'seattle-weather.csv')));
    assert.equal(interpretPair(cols[0]!.values, cols[3]!.values).kind, 'samples'); // precipitation, wind
  });
});

describe('logReadings, readingOfName, namedReading: logits and log-probabilities', () => {
  it('log-probabilities need every value ≤ 0 (−Infinity too); logits any finite value (or −Infinity); NaN neither', () => {
    assert.deepEqual(logReadings([2, 0.5, -1, 0.1], [1.5, 0.7, -0.5, 0]), ['logits']);
    assert.deepEqual(logReadings([-1.2, -0.4, 0], [-Infinity, -1, -2]), ['logits', 'log']);
    assert.deepEqual(logReadings([-1, Infinity]), []);
    assert.deepEqual(logReadings([-1, NaN]), []);
  });
  it('names: logits, *_logits, logits_*, headLogits say logits; log_probs, logprobs, log_p, logp say log', () => {
    for (const name of ['logits', 'logit', 'head_logits', 'logits_a', 'headLogits', 'LOGITS']) assert.equal(readingOfName(name), 'logits', name);
    for (const name of ['log_probs', 'logprobs', 'log_p', 'logp', 'log_prob', 'token_log_probs', 'lprobs']) assert.equal(readingOfName(name), 'log', name);
    for (const name of [undefined, 'p', 'logistic', 'blog_post', 'log', 'probs', 'catalog_p']) assert.equal(readingOfName(name), undefined, String(name));
  });
  it('a named reading only when the values allow it and no name says the other; it says why', () => {
    assert.deepEqual(namedReading(['logits_a', 'logits_b'], ['logits']), {
      reading: 'logits',
      because: 'because the variables are named `logits_a` and `logits_b`',
    });
    assert.deepEqual(namedReading(['log_p', 'q'], ['logits', 'log']), { reading: 'log', because: 'because the variable is named `log_p`' });
    assert.equal(namedReading(['log_p', 'q'], ['logits']), undefined); // a positive value: not log-probabilities
    assert.equal(namedReading(['logits', 'log_p'], ['logits', 'log']), undefined);
    assert.equal(namedReading(['a', undefined], ['logits', 'log']), undefined);
  });
});
