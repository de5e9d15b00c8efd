import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBase } from '../../../src/core';
import { CORE_MEASURE_FUNCTIONS, measureDescriptor, MEASURES, orderOf, type MeasureId } from '../../../src/core/measures';
import { SELECTION_COMMANDS } from '../../../src/extension/selectionMeasures';
import { DISCRETE_MEASURES } from '../../../src/shared/protocol';

const term = (id: MeasureId, alpha?: number) => {
  const d = measureDescriptor(id);
  return (p: number, q: number) => d.term(p, q, orderOf(d, alpha));
};

describe('measures: the registry of discrete measures', () => {
  it('has each id once, and the panel protocol validates messages against exactly these ids', () => {
    const ids = MEASURES.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...DISCRETE_MEASURES], ids);
  });

  it('per-term functions of each measure at one index (natural logs)', () => {
    assert.equal(term('kl')(0.5, 0.25), 0.5 * Math.log(2));
    assert.equal(term('reverse-kl')(0.25, 0.5), 0.5 * Math.log(2));
    assert.equal(term('entropy')(0.5, NaN), 0.5 * Math.log(2));
    assert.equal(term('tv')(0.5, 0.25), 0.125);
    assert.equal(term('hellinger')(0.5, 0.5), 0.5);
    assert.equal(term('renyi', 2)(0.5, 0.25), 1);
    assert.equal(term('renyi', Infinity)(0.5, 0.25), 2);
    assert.equal(term('renyi')(0.5, 0.25), 1); // the default order, 2
    assert.equal(term('kl')(0, 0), 0);
    assert.equal(term('kl')(0.5, 0), Infinity);
  });

  // P and Q with every entry > 0, already normalised: each measure's value is a function of the sum of its
  // terms (in nats), the same numbers the panel writes.
  const p = [0.36, 0.48, 0.16];
  const q = [0.25, 0.25, 0.5];
  const fromSum: Record<MeasureId, (s: number, alpha: number) => number> = {
    entropy: (s) => s,
    'cross-entropy': (s) => s,
    kl: (s) => s,
    'reverse-kl': (s) => s,
    jeffreys: (s) => s,
    js: (s) => s,
    'js-distance': (s) => Math.sqrt(s),
    tv: (s) => s,
    hellinger: (s) => Math.sqrt(1 - s),
    bhattacharyya: (s) => -Math.log(s),
    renyi: (s, a) => Math.log(s) / (a - 1),
  };
  for (const d of MEASURES) {
    it(`${d.id}: the sum of its terms gives its value (relative 1e-12), in its unit`, () => {
      const alpha = orderOf(d, undefined);
      const sum = p.reduce((acc, pi, i) => acc + d.term(pi, q[i]!, alpha), 0);
      const r = d.compute(CORE_MEASURE_FUNCTIONS, p, d.arity === 2 ? q : undefined, { base: 2, alpha });
      const want = fromSum[d.id](sum, alpha) / (d.unit === 'none' ? 1 : d.unit === 'information' ? Math.LN2 : Math.sqrt(Math.LN2));
      assert.ok(Math.abs(r.value - want) <= 1e-12 * Math.abs(want), `${d.id}: ${r.value} vs ${want}`);
      const bits = resolveBase(2).unit;
      assert.equal(r.unit, d.unit === 'none' ? undefined : d.unit === 'information' ? bits : `sqrt(${bits})`);
    });
  }

  it("agrees with package.json's contributed selection commands (ids and titles)", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { commands: { command: string; title: string }[] };
    };
    const contributed = pkg.contributes.commands.filter((c) => / of Selection$/.test(c.title) && c.command !== 'divergenceLens.allMeasuresOfSelection');
    assert.deepEqual(
      SELECTION_COMMANDS.map((c) => ({ command: c.id, title: c.title })).sort((a, b) => a.command.localeCompare(b.command)),
      contributed.map((c) => ({ command: c.command, title: c.title })).sort((a, b) => a.command.localeCompare(b.command)),
    );
  });

  it('selection commands carry the labels their notifications show', () => {
    assert.deepEqual(
      SELECTION_COMMANDS.map((c) => [c.id, c.label]),
      [
        ['divergenceLens.entropyOfSelection', 'H(P)'],
        ['divergenceLens.crossEntropyOfSelection', 'H(P, Q)'],
        ['divergenceLens.klOfSelection', 'D(P‖Q)'],
        ['divergenceLens.reverseKlOfSelection', 'D(Q‖P)'],
        ['divergenceLens.jsOfSelection', 'JSD(P, Q)'],
      ],
    );
  });
});
