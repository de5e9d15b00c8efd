/**
 * Compare Columns of a CSV/TSV/JSON file on columns of categories: listed with their distinct values and
 * missing cells, compared as frequencies over the union of their categories (`measuredPair`), a row where
 * either column is missing dropped from both, and refused against a numeric column. References: SciPy 1.17
 * (`rel_entr` sums of the normalised counts) on the same rows; tolerance 1e-13 relative (5 log terms).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { CompareColumnsCommand, SPLIT_LABEL } from '../../../src/extension/commands/compareColumns';
import { KlOfFilesCommand } from '../../../src/extension/commands/klOfFiles';
import type { OffThreadKl } from '../../../src/extension/offThread';
import { textCategoryColumns } from '../../../src/extension/tableFiles';
import { assertClose, fakes } from './commandFakes';
import { answers, pickLabel, shown, Uri } from './vscodeDouble';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const REL = 1e-13;
const texts = () => shown.messages.map((m) => `${m.level}: ${m.text}`);
const described = (i: number) => (shown.quickPicks[i]!.items as readonly { label: string; description?: string }[]).map((x) => `${x.label} | ${x.description ?? ''}`);

/** The `weather` column of an examples/ CSV file. */
function weather(name: string): string[] {
  const [header, ...rows] = readFileSync(join(EXAMPLES, name), 'utf8').trim().split('\n');
  const k = header!.split(',').indexOf('weather');
  return rows.map((r) => r.split(',')[k]!);
}

let dir = '';
const file = (name: string) => Uri.file(join(dir, name)) as unknown as vscode.Uri;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'divergence-categories-'));
  // The weather of 2015 (365 days) beside that of 2012 (366): the last row has no 2015 cell.
  const [w12, w15] = [weather('seattle-2012.csv'), weather('seattle-2015.csv')];
  writeFileSync(join(dir, 'weather.csv'), `day,w2015,w2012\n${w12.map((w, i) => `${i},${w15[i] ?? ''},${w}`).join('\n')}\n`);
  // A mixed column (a number among text) is not listed; NA and an empty cell are missing.
  writeFileSync(join(dir, 'mixed.tsv'), 'a\tb\tmixed\nx\ty\tu\nNA\ty\t1\nx\t\tv\ny\tx\tw\n');
  writeFileSync(join(dir, 'penguins.json'), readFileSync(join(EXAMPLES, 'penguins.json')));
  // Booleans are categories; a null is missing; one column alone cannot be compared.
  writeFileSync(join(dir, 'flags.json'), '[{"ok": true}, {"ok": false}, {"ok": null}, {"ok": true}]');
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('Compare Columns on columns of categories (CSV, TSV, JSON)', () => {
  it('seattle weather 2015 vs 2012: listed as categories, one row dropped, D(P‖Q) and JSD as SciPy', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('w2015'), pickLabel('w2012'));
    await new CompareColumnsCommand(f).run(file('weather.csv'));
    assert.deepEqual(described(0), [
      'day | 366 numbers, column 1 of 3',
      'w2015 | 365 values, categories: 4 distinct, 1 missing skipped, column 2 of 3',
      'w2012 | 366 values, categories: 5 distinct, column 3 of 3',
      'Split a column into two groups… | ',
    ]);
    const [text] = texts();
    assert.match(
      text!,
      /^info: w2015 vs w2012, read as distributions \(read as probabilities; sums are 1\): D\(P‖Q\) = 0\.3349 nats, JSD\(P, Q\) = 0\.07069 nats; counted 5 categories \(365 values each\); 1 of 366 rows dropped for a null in w2015 or w2012$/,
    );
    // SciPy: counts over drizzle, fog, rain, snow, sun: 2015 [7, 52, 144, 0, 162], 2012 less its last day [30, 5, 191, 21, 118].
    assertClose(f.recorded[0]!.value, 0.3349378902352083, 'D(P‖Q)', REL);
    assertClose(Number(/JSD\(P, Q\) = (\S+) nats/.exec(f.channel.lines[0]!)![1]), 0.07068853018858759, 'JSD', REL);
    assert.equal(f.recorded[0]!.source, 'weather.csv: P = w2015, Q = w2012');
  });

  it('a column of categories against a numeric one: refused, naming both', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('Island'), pickLabel('Body Mass (g)'));
    await new CompareColumnsCommand(f).run(file('penguins.json'));
    assert.deepEqual(described(0).slice(4), [
      'Species | 344 values, categories: 3 distinct',
      'Island | 344 values, categories: 3 distinct',
      'Sex | 334 values, categories: 3 distinct, 10 missing skipped',
      'Split a column into two groups… | ',
    ]);
    // The notification ends at the first clause past its length; the output channel has the whole message.
    assert.deepEqual(texts(), ['error: Island holds categories (strings or booleans) and Body Mass (g) numbers.']);
    assert.deepEqual(f.channel.lines, [
      'error: [invalid-parameter] penguins.json: Island holds categories (strings or booleans) and Body Mass (g) numbers; compare two columns of one kind',
    ]);
    assert.deepEqual(f.recorded, []);
  });

  it('categories of P absent from Q: D(P‖Q) = ∞ and JSD = ln 2 for disjoint categories (Sex vs Island, 10 rows dropped)', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('Sex'), pickLabel('Island'));
    await new CompareColumnsCommand(f).run(file('penguins.json'));
    assert.equal(f.recorded[0]!.value, Infinity);
    assertClose(Number(/JSD\(P, Q\) = (\S+) nats/.exec(f.channel.lines[0]!)![1]), Math.LN2, 'JSD', REL);
    assert.match(texts()[0]!, /; counted 6 categories \(334 values each\); 10 of 344 rows dropped for a null in Sex or Island$/);
  });

  it('split: penguins\' island by species, Gentoo vs Adelie: the two groups\' category frequencies (SciPy)', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel(SPLIT_LABEL), pickLabel('Island'), pickLabel('Species'), pickLabel('Gentoo'), pickLabel('Adelie'));
    await new CompareColumnsCommand(f).run(file('penguins.json'));
    assert.deepEqual(described(1).slice(4), [
      'Species | 344 values, categories: 3 distinct',
      'Island | 344 values, categories: 3 distinct',
      'Sex | 334 values, categories: 3 distinct, 10 missing skipped',
    ]);
    assert.deepEqual(described(2), ['Species | text, 3 groups: Adelie (152), Chinstrap (68), Gentoo (124)', 'Sex | text, 3 groups: MALE (168), FEMALE (165), . (1); 10 rows without one']);
    assert.equal(shown.quickPicks.length, 5); // no sample measure is asked: categories are distributions
    assert.deepEqual(texts(), [
      'info: Gentoo vs Adelie, read as distributions (read as probabilities; sums are 1): D(P‖Q) = 1.24 nats, JSD(P, Q) = 0.3498 nats; counted 3 categories (124 and 152 values)',
    ]);
    // SciPy: Biscoe, Dream, Torgersen: Gentoo [124, 0, 0], Adelie [44, 56, 52].
    assertClose(f.recorded[0]!.value, 1.2396908869280152, 'D(P‖Q)', REL);
    assertClose(Number(/JSD\(P, Q\) = (\S+) nats/.exec(f.channel.lines[0]!)![1]), 0.34980412086210355, 'JSD', REL);
    assert.equal(f.recorded[0]!.source, 'penguins.json: Island by Species, P = Gentoo, Q = Adelie');
  });

  it('split: sex by species, Adelie vs Gentoo: rows without a sex left out and counted (SciPy)', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel(SPLIT_LABEL), pickLabel('Sex'), pickLabel('Species'), pickLabel('Adelie'), pickLabel('Gentoo'));
    await new CompareColumnsCommand(f).run(file('penguins.json'));
    assert.match(texts()[0]!, /; counted 3 categories \(146 and 120 values\); 10 rows without Sex left out \(6 of Adelie, 4 of Gentoo\)$/);
    // SciPy: '.', FEMALE, MALE: Adelie [0, 73, 73], Gentoo [1, 58, 61].
    assertClose(f.recorded[0]!.value, 0.008686124862235417, 'D(P‖Q)', REL);
    assertClose(Number(/JSD\(P, Q\) = (\S+) nats/.exec(f.channel.lines[0]!)![1]), 0.002975955929788101, 'JSD', REL);
  });

  it('a mixed column is not listed; NA and empty cells are missing (the readers\' set)', () => {
    const columns = textCategoryColumns('mixed.tsv', readFileSync(join(dir, 'mixed.tsv')));
    assert.deepEqual(
      columns.map((c) => [c.label, c.description, c.column.values, [...c.column.nullRows]]),
      [
        ['a', '3 values, categories: 2 distinct, 1 missing skipped, column 1 of 3', ['x', 'x', 'y'], [1]],
        ['b', '3 values, categories: 2 distinct, 1 missing skipped, column 2 of 3', ['y', 'y', 'x'], [2]],
      ],
    );
    assert.deepEqual(textCategoryColumns('p.npy', new Uint8Array(8)), []);
  });

  it('JSON booleans are categories, null missing; a file with one column of categories: a warning', async () => {
    const columns = textCategoryColumns('flags.json', readFileSync(join(dir, 'flags.json')));
    assert.deepEqual(
      columns.map((c) => [c.label, c.description, c.column.values, [...c.column.nullRows]]),
      [['ok', '3 values, categories: 2 distinct, 1 missing skipped', ['true', 'false', 'true'], [2]]],
    );
    await new CompareColumnsCommand(fakes()).run(file('flags.json'));
    assert.deepEqual(texts(), ['warning: flags.json has one column of categories; two are needed.']);
  });
});

describe('KL Divergence of Two Data Files on columns of categories', () => {
  it('the weather of seattle-2015.csv against seattle-2012.csv: categories counted over their union (SciPy)', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('weather'), pickLabel('weather'));
    const noPool = { run: () => assert.fail('the pool was used') } as unknown as OffThreadKl;
    const [p, q] = ['seattle-2015.csv', 'seattle-2012.csv'].map((n) => Uri.file(join(EXAMPLES, n)) as unknown as vscode.Uri);
    await new KlOfFilesCommand({ ...f, offThread: noPool, showInPanel: () => undefined }).run(p, [p!, q!]);
    assert.deepEqual(described(0).slice(-1), ['weather | 365 values, categories: 4 distinct, column 5 of 5']);
    const source = 'seattle-2015.csv:weather vs seattle-2012.csv:weather';
    assert.deepEqual(texts(), [`info: ${source}: D(P‖Q) = 0.337 nats, n = 5 (counted 5 categories (365 and 366 values))`]);
    // SciPy: drizzle, fog, rain, snow, sun: 2015 [7, 52, 144, 0, 162], 2012 [31, 5, 191, 21, 118].
    assertClose(f.recorded[0]!.value, 0.33704502413692977, 'D(P‖Q)', REL);
  });
});
