/**
 * How every command speaks, whatever it computes: a warning or error shows its first sentence whole (at most
 * HEADLINE_MAX characters, naming neither the extension nor the file) with Show Details, which opens the output channel, where the whole
 * message is; a result is written by one formatter, to the configured significant digits, with the registry's
 * labels and infinity as "∞".
 */
import { strict as assert } from 'node:assert';
import { MEASURES, orderText } from '../../../src/core/measures';
import { AllMeasuresOfSelectionCommand } from '../../../src/extension/commands/allMeasuresOfSelection';
import { CompareGaussiansCommand } from '../../../src/extension/commands/compareGaussians';
import { InsertResultAsCommentCommand } from '../../../src/extension/commands/insertResultAsComment';
import { KlOfSelectionCommand } from '../../../src/extension/commands/klOfSelection';
import { KlRowByRowCommand } from '../../../src/extension/commands/klRowByRow';
import { MEASURE_COMMANDS, MeasureOfSelectionCommand, PinReferenceCommands } from '../../../src/extension/commands/measureOfSelection';
import type { LastResult } from '../../../src/extension/lastResult';
import { headline, HEADLINE_MAX, SHOW_DETAILS } from '../../../src/extension/results';
import { DEFAULT_RENYI_ORDERS } from '../../../src/core/allMeasures';
import { EXAMPLE, fakes, P_LINE } from './commandFakes';
import { answers, editorOn, editorWith, shown, TextDocument, Uri, window } from './vscodeDouble';

type Fakes = ReturnType<typeof fakes>;

/** Lets the `.then` of a notification's button run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every command, built on the fakes `f`, as a function that runs it once. */
function commands(f: Fakes, last?: LastResult): Record<string, () => unknown> {
  const pair = { ...f, pinned: () => undefined };
  return {
    kl: () => new KlOfSelectionCommand({ ...pair, formulaLatex: '', showInPanel: () => undefined }).run(),
    ...Object.fromEntries(MEASURE_COMMANDS.map((spec) => [spec.id, () => new MeasureOfSelectionCommand(spec, pair).run()])),
    allMeasures: () => new AllMeasuresOfSelectionCommand({ ...pair, showTable: () => undefined }).run(),
    rowByRow: () => new KlRowByRowCommand(pair).run(),
    insert: () => new InsertResultAsCommentCommand(() => last, f.output).run(),
    pin: () => new PinReferenceCommands(() => undefined, f.output).pin(),
    gaussians: () => new CompareGaussiansCommand({ ...f, openExplorer: () => undefined }).run({ mu0: 0, sigma0: 1, mu1: 1, sigma1: 2 }),
  };
}

describe('headline', () => {
  it('the first sentence whole; a long one ends at its first clause that fits, outside parentheses', () => {
    assert.equal(headline('P has 3 values and Q has 2'), 'P has 3 values and Q has 2.');
    assert.equal(headline('Nothing to do. Select the arrays (e.g. p = [1, 2]) first.'), 'Nothing to do.');
    assert.equal(headline('Select the arrays (e.g. p = [1, 2]) first.'), 'Select the arrays (e.g. p = [1, 2]) first.');
    const two = 'Found 2 arrays in the selection (p with 3 values at line 1; q with 3 values at line 2); expected one array (e.g. p = [0.36, 0.48, 0.16]).';
    assert.equal(headline(two), 'Found 2 arrays in the selection (p with 3 values at line 1; q with 3 values at line 2).');
    const five = 'Found 5 arrays in the selection (a with 3 values at line 1; b with 3 values at line 2; c with 3 values at line 3; …); expected one array.';
    assert.equal(headline(five), 'Found 5 arrays in the selection.');
    const clause = 'Found no numeric array in the selection; expected two arrays: P first, then Q (e.g. p = [0.36, 0.48, 0.16] and q = [1/3, 1/3, 1/3])';
    assert.equal(headline(clause), 'Found no numeric array in the selection.');
  });
});

/** The selections on which a command has something to say rather than a result. */
const PROBLEMS: readonly { readonly what: string; readonly file: string; readonly text?: string; readonly selected?: string }[] = [
  { what: 'no editor', file: '' },
  { what: 'one array', file: 'd.py', text: EXAMPLE, selected: P_LINE },
  { what: 'two arrays', file: 'd.py', text: EXAMPLE },
  { what: 'nothing numeric', file: 'd.py', text: '# no numbers here\n' },
  { what: 'lengths differ', file: 'd.py', text: 'p = [0.5, 0.5]\nq = [0.2, 0.3, 0.5]\n' },
  { what: 'a zero sum', file: 'd.py', text: 'p = [0, 0]\nq = [0.5, 0.5]\n' },
  { what: 'a long message', file: 'a-file-with-a-rather-long-name-for-a-source.py', text: `${'x = 1\n'.repeat(3)}p = [1, 2]\n` },
  { what: 'a json file', file: 'd.json', text: '{"p": [0.5, 0.5], "q": [0.2, 0.8]}\n', selected: '[0.5, 0.5]' },
];

describe('every warning and error of every command', () => {
  const names = Object.keys(commands(fakes()));
  for (const name of names) {
    it(`${name}: the first sentence whole and short, no source, Show Details opens the whole in the output channel`, async () => {
      let messages = 0;
      for (const problem of PROBLEMS) {
        const f = fakes();
        const last: LastResult = { label: 'D(P‖Q)', value: 0.1, unit: 'nats', source: 'd.py, lines 1-2' };
        if (problem.file) {
          const doc = new TextDocument(Uri.file(`/workspace/${problem.file}`), problem.text!, problem.file.endsWith('.json') ? 'json' : 'python');
          window.activeTextEditor = problem.selected ? editorOn(doc, problem.selected) : editorOn(doc);
        }
        answers.quickPicks.push(() => undefined, () => undefined); // a question (samples, matrix rows) dismissed
        for (let i = 0; i < 5; i++) answers.messageChoices.push(SHOW_DETAILS);
        await commands(f, problem.what === 'no editor' ? undefined : last)[name]!();
        await settle();
        // Everything but a result (offered Copy…, or the rows of row by row).
        const problems = shown.messages.filter((m) => !m.items.includes('Copy') && !m.text.startsWith('D(P‖Q) row by row'));
        const offered = shown.messages.filter((m) => m.items.includes(SHOW_DETAILS)).length;
        for (const m of problems) {
          const where = `${name}, ${problem.what}: "${m.text}"`;
          assert.ok(m.text.endsWith('.'), where);
          assert.ok(m.text.length <= HEADLINE_MAX, `${where} has ${m.text.length} characters`);
          // VS Code writes "Source: Divergence Lens" under the text; the output channel names the file.
          assert.ok(!m.text.includes('Divergence Lens'), `${where} repeats the extension's name`);
          if (problem.file) assert.ok(!m.text.includes(problem.file), `${where} names the source`);
          assert.deepEqual(m.items, [SHOW_DETAILS], where);
          const first = m.text.slice(0, -1);
          assert.ok(
            f.channel.lines.some((l) => l.includes(first)),
            `${where}: not in the output channel ${JSON.stringify(f.channel.lines)}`,
          );
        }
        assert.equal(f.channel.shownTimes, offered, `${name}, ${problem.what}: Show Details opens the output channel`);
        messages += problems.length;
      }
      if (name !== 'gaussians') assert.ok(messages > 0, `${name} said nothing about any problem`);
    });
  }
});

/** The labels the registry gives results (a measure of P also of Q; Rényi at the table's orders). */
const LABELS = new Set([
  ...MEASURES.flatMap((d) => (d.order ? DEFAULT_RENYI_ORDERS.map((a) => orderText(d.label, a === Infinity ? '∞' : String(a))) : [orderText(d.label, '')])),
  'H(Q)',
  // The estimates of samples say they are one: D̂.
  'D̂(P‖Q)',
]);

/** Numbers as written in `text`, with how many significant digits each has. */
function numbers(text: string): { readonly number: string; readonly digits: number }[] {
  return [...text.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g)].map(([number]) => {
    const mantissa = number.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
    return { number, digits: mantissa.length };
  });
}

/**
 * The Quick Pick answer that reads the arrays as given ("As flat arrays", "As distributions anyway"), or, for
 * samples that cannot be distributions, the k-NN estimate.
 */
const asIs = (items: readonly { readonly label: string }[]) =>
  items.find((i) => /^As (flat arrays|distributions anyway)$/.test(i.label)) ?? items.find((i) => i.label === 'k-NN KL estimate');

describe("every command's results: one formatter, one notation", () => {
  const DIGITS = 3;
  /** Selections with a result: D(P‖Q) = ∞ (Q is 0 where P is not), matrices, samples (lengths differ). */
  const TEXTS = [
    'p = [0.36, 0.48, 0.16]\nq = [1/3, 1/3, 1/3]\n',
    'p = [0.5, 0.5]\nq = [1, 0]\n',
    'p = [[0.5, 0.5], [0.9, 0.1]]\nq = [[0.9, 0.1], [0.5, 0.5]]\n',
    'p = [0.1, 0.7, 1.9, 2.6]\nq = [0.4, 1.3, 3.2]\n',
  ];

  it(`to ${DIGITS} significant digits, ∞ written one way, the registry's labels`, async () => {
    const toasts: string[] = [];
    const lines: string[] = [];
    for (const name of Object.keys(commands(fakes()))) {
      for (const text of TEXTS) {
        const f = fakes({ significantDigits: DIGITS });
        window.activeTextEditor = name.includes('entropy') ? editorWith('d.py', text, text.split('\n')[0]!) : editorWith('d.py', text);
        // Matrices flat, a pair that looks like samples (a zero) as distributions anyway.
        answers.quickPicks.push(asIs, asIs);
        await commands(f, { label: 'D(P‖Q)', value: Infinity, unit: 'nats', source: 'd.py' })[name]!();
        toasts.push(...shown.messages.filter((m) => m.level === 'info').map((m) => m.text));
        lines.push(...f.channel.lines, ...window.activeTextEditor.inserted.map((i) => i.text));
      }
    }
    const everything = [...toasts, ...lines];
    for (const text of everything) assert.ok(!/Infinity/.test(text), `"${text}" writes infinity as "Infinity", not "∞"`);
    assert.ok(toasts.some((t) => t.includes('D(P‖Q) = ∞ nats')), 'an infinite D(P‖Q) is shown as ∞');
    assert.ok(lines.some((t) => t.includes('= ∞ nats')), 'and written as ∞ in the output channel and comments');
    for (const text of toasts) {
      for (const n of numbers(text)) assert.ok(n.digits <= DIGITS, `"${text}": ${n.number} has more than ${DIGITS} significant digits`);
    }
    for (const text of everything) {
      for (const [, label] of text.matchAll(/((?:[A-Za-z_]+|D̂)(?:_[\d.∞]+)?\([^()]*\)) = /g)) {
        assert.ok(LABELS.has(label!), `"${text}": "${label}" is not the registry's label`);
      }
    }
    // Each command reported: a notification of a result for each one that has one.
    assert.ok(toasts.some((t) => t.startsWith('D̂(P‖Q) = ')), 'a sample estimate is reported');
    for (const label of ['D(P‖Q) = 0.0853 nats', 'H(P) = 1.01 nats', 'JSD(P, Q) = 0.0225 nats', 'D(Q‖P) = 0.0975 nats', 'D(P‖Q) = 0.443 nats, D(Q‖P) = 1.31 nats']) {
      assert.ok(toasts.some((t) => t.startsWith(label)), `no notification starts with "${label}": ${JSON.stringify(toasts)}`);
    }
  });
});
