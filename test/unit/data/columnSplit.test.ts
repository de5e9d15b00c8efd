/**
 * Splitting one column of a table by another's values (Compare Columns' split): the tables of CSV and JSON
 * records, which columns can be split and split by, the groups with their counts, and the split itself.
 * Counts from the example files as pandas reads them (`df.groupby('Species')['Body Mass (g)'].count()`).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inColumnTerms, samplesReason } from '../../../src/data/columnReading';
import { groupColumns, listedGroups, recordTable, splitColumn, valueColumns } from '../../../src/data/columnSplit';

const examples = join(__dirname, '..', '..', '..', 'examples');
const bytes = (text: string) => new TextEncoder().encode(text);
const example = (name: string) => recordTable(name, readFileSync(join(examples, name)))!;

describe('recordTable', () => {
  it('CSV: every cell, numbers as numbers, quoted fields unquoted, missing cells null', () => {
    const t = recordTable('t.csv', bytes('\ufeffname,x\r\n"a, ""b""",1.5\r\nc,\r\nNA,nan\r\n"d\ne",-2\r\n\r\n'))!;
    assert.equal(t.rows, 4);
    assert.deepEqual(t.columns.map((c) => [c.name, c.cells]), [
      ['name', ['a, "b"', 'c', null, 'd\ne']],
      ['x', [1.5, null, null, -2]],
    ]);
  });
  it('TSV and CSV without a header: columns named by their 0-based index', () => {
    const t = recordTable('t.tsv', bytes('1\tx\n2\ty\n'))!;
    assert.deepEqual(t.columns.map((c) => [c.name, c.cells]), [['column 0', [1, 2]], ['column 1', ['x', 'y']]]);
  });
  it('JSON records: keys of the records, null and absent keys missing; other files have no records', () => {
    const t = recordTable('t.json', bytes('[{"a": 1, "b": "x"}, {"a": null}, {"b": true, "a": 2}]'))!;
    assert.deepEqual(t.columns.map((c) => [c.name, c.cells]), [['a', [1, null, 2]], ['b', ['x', null, 'true']]]);
    assert.equal(recordTable('t.json', bytes('{"p": [1, 2]}')), undefined);
    assert.equal(recordTable('t.json', bytes('[1, 2]')), undefined);
    assert.equal(recordTable('t.npy', new Uint8Array(8)), undefined);
  });
  it('a malformed CSV: parse-error, as parseCsv says', () => {
    assert.throws(() => recordTable('t.csv', bytes('a,b\n1,2,3\n')), { code: 'parse-error' });
  });
});

describe('valueColumns and groupColumns', () => {
  it('penguins.json: four measurements (2 missing each) split by Species, Island or Sex', () => {
    const t = example('penguins.json');
    assert.deepEqual(valueColumns(t).map((v) => [v.name, v.numbers, v.missing]), [
      ['Beak Length (mm)', 342, 2],
      ['Beak Depth (mm)', 342, 2],
      ['Flipper Length (mm)', 342, 2],
      ['Body Mass (g)', 342, 2],
    ]);
    const species = groupColumns(t)[0]!;
    assert.deepEqual([species.label, species.kind, species.missing, species.groups], ['Species', 'text', 0, [
      { key: 'Adelie', count: 152 },
      { key: 'Chinstrap', count: 68 },
      { key: 'Gentoo', count: 124 },
    ]]);
    assert.deepEqual(groupColumns(t).map((g) => g.label), ['Species', 'Island', 'Sex']);
  });
  it('seattle-weather.csv: the year of its ISO dates (366 days in 2012, a leap year), and the weather', () => {
    const groups = groupColumns(example('seattle-weather.csv'));
    assert.deepEqual(groups.map((g) => [g.label, g.kind, g.groups.length]), [['year of date', 'years', 4], ['weather', 'text', 5]]);
    assert.deepEqual(groups[0]!.groups, [
      { key: '2012', count: 366 },
      { key: '2013', count: 365 },
      { key: '2014', count: 365 },
      { key: '2015', count: 365 },
    ]);
  });
  it('whole numbers with few values group; fractions, many values, or all-distinct values do not', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i % 3},${i},${i % 60},${(i % 3) / 2},id${i}`);
    const t = recordTable('t.csv', bytes(`cyl,n,m,f,id\n${rows.join('\n')}\n`))!;
    assert.deepEqual(groupColumns(t).map((g) => [g.label, g.kind, g.groups.length]), [['cyl', 'numbers', 3]]);
  });
});

describe('splitColumn and listedGroups', () => {
  it('penguins: Body Mass (g) of Adelie vs Gentoo, in row order, the one null of each dropped and counted', () => {
    const t = example('penguins.json');
    const split = splitColumn(t, 5, groupColumns(t)[0]!, 'Adelie', 'Gentoo');
    assert.deepEqual([split.p.length, split.q.length, split.dropped], [151, 123, { p: 1, q: 1 }]);
    assert.deepEqual([Array.from(split.p.subarray(0, 3)), Array.from(split.q.subarray(0, 3))], [[3750, 3800, 3250], [4500, 5700, 4450]]);
  });
  it('a column of text cannot be split: invalid-parameter', () => {
    const t = example('penguins.json');
    assert.throws(() => splitColumn(t, 0, groupColumns(t)[1]!, 'Biscoe', 'Dream'), { code: 'invalid-parameter' });
  });
  it('more groups than listed: the largest, in order of first appearance (ties: the first)', () => {
    const groups = [5, 1, 9, 3, 9, 2].map((count, i) => ({ key: `g${i}`, count }));
    assert.deepEqual(listedGroups(groups, 3).map((g) => g.key), ['g0', 'g2', 'g4']);
    assert.deepEqual(listedGroups(groups, 4).map((g) => g.key), ['g0', 'g2', 'g3', 'g4']);
    assert.equal(listedGroups(groups).length, 6);
  });
});

describe('samplesReason: why two columns are samples, in their terms', () => {
  const c = (name: string, values: number[]) => ({ name, values });
  it('lengths, a value below zero, fractions not summing to 1', () => {
    assert.equal(samplesReason(c('a', [1, 2]), c('b', [1])), 'a has 2 values and b has 1; distributions over the same outcomes have equal lengths');
    assert.equal(samplesReason(c('a', [1, 2]), c('b', [3, -0.5])), 'b has values below zero (-0.5 is value 2 of 2), and probabilities cannot be negative');
    assert.equal(samplesReason(c('a', [1, 2]), c('b', [0.5, 2.25])), 'b holds fractions that sum to 2.75, so they are neither counts nor probabilities');
  });
  it('seattle-weather.csv temp_max: its first value below zero', () => {
    const t = example('seattle-weather.csv');
    const values = (name: string) => t.columns.find((x) => x.name === name)!.cells as number[];
    assert.equal(
      samplesReason(c('temp_max', values('temp_max')), c('temp_min', values('temp_min'))),
      'temp_max has values below zero (-1.1 is value 19 of 1461), and probabilities cannot be negative',
    );
  });
});

describe('inColumnTerms: the core\'s P and Q renamed as the user picked them', () => {
  it('indices, lengths, sums and points; other words untouched', () => {
    assert.equal(
      inColumnTerms('P[3] is -1 (0-based index 3): probabilities must be finite and non-negative', 'p.npy', 'q.npy'),
      'p.npy[3] is -1 (0-based index 3): probabilities must be finite and non-negative',
    );
    assert.equal(inColumnTerms('P has 3 values and Q has 4', 'a', 'b'), 'a has 3 values and b has 4');
    assert.equal(inColumnTerms('Q sums to zero: at least one value must be positive', 'a', 'b'), 'b sums to zero: at least one value must be positive');
    assert.equal(inColumnTerms('Q has 1 point: the k-NN estimate needs at least k = 1; PQ P', 'a', 'b'), 'b has 1 point: the k-NN estimate needs at least k = 1; PQ P');
  });
});
