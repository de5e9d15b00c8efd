/**
 * The commands that read the editor's selection, built with fake dependencies and run against the vscode test
 * double: no editor, a selection they cannot use, a DivergenceError, a dismissed question or a cancelled
 * progress notification, and a result (shown, recorded as the last result, sent to the panel).
 */
import { strict as assert } from 'node:assert';
import { DivergenceError } from '../../../src/core/errors';
import { klDivergence } from '../../../src/core/klDivergence';
import { AllMeasuresOfSelectionCommand } from '../../../src/extension/commands/allMeasuresOfSelection';
import { KlOfSelectionCommand, type KlOfSelectionDeps } from '../../../src/extension/commands/klOfSelection';
import { KlRowByRowCommand } from '../../../src/extension/commands/klRowByRow';
import { MEASURE_COMMANDS, MeasureOfSelectionCommand, PinReferenceCommands } from '../../../src/extension/commands/measureOfSelection';
import type { FoundArray } from '../../../src/extension/selectionArrays';
import type { AllMeasuresView, KlResultView } from '../../../src/shared/protocol';
import { assertClose, EXAMPLE, EXAMPLE_P, EXAMPLE_Q, fakes, P_LINE, Q_LINE, REFERENCE } from './commandFakes';
import { answers, ConfigurationTarget, editorWith, pickLabel, shown, Uri, window, workspace } from './vscodeDouble';

const NO_EDITOR_TWO = 'no active editor; open a file and select two arrays (P first, then Q).';
/** The notifications say the first sentence; the output channel has the whole message. */
const ONE_ARRAY_OF_TWO = 'Found one array in the selection (p with 3 values at line 1).';
const ONE_ARRAY_OF_TWO_DETAILS =
  'warn: Found one array in the selection (p with 3 values at line 1); expected two arrays: P first, then Q ' +
  '(e.g. p = [0.36, 0.48, 0.16] and q = [1/3, 1/3, 1/3]), or one array with a pinned reference Q.';
const TWO_ARRAYS_OF_ONE = 'Found 2 arrays in the selection (p with 3 values at line 1; q with 3 values at line 2).';
const TWO_ARRAYS_OF_ONE_DETAILS =
  'warn: Found 2 arrays in the selection (p with 3 values at line 1; q with 3 values at line 2); expected one array (e.g. p = [0.36, 0.48, 0.16]).';
const RESULT_BUTTONS = ['Copy', 'Open Panel', 'Insert as Comment'];
const SAMPLES_TITLE = 'P has 3 values and Q has 2: distributions over the same outcomes need equal lengths. Compare them as samples?';

/** Lets the `.then` of a notification's button run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function messages(level?: 'info' | 'warning' | 'error'): string[] {
  return shown.messages.filter((m) => !level || m.level === level).map((m) => m.text);
}

function klCommand(f: ReturnType<typeof fakes>, over: Partial<KlOfSelectionDeps> = {}) {
  const panel: [KlResultView, boolean][] = [];
  const deps: KlOfSelectionDeps = { ...f, formulaLatex: 'D(P‖Q) formula', pinned: () => undefined, showInPanel: (view, reveal) => void panel.push([view, reveal]), ...over };
  return { command: new KlOfSelectionCommand(deps), panel };
}

describe('KlOfSelectionCommand', () => {
  it('no editor: a warning, nothing computed', async () => {
    const f = fakes();
    const { command, panel } = klCommand(f);
    await command.run();
    assert.deepEqual(messages(), [NO_EDITOR_TWO]);
    assert.deepEqual([f.recorded, panel, f.channel.lines], [[], [], [`warn: ${NO_EDITOR_TWO}`]]);
  });

  it('one array selected: the warning says what was found and what is expected', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE, P_LINE);
    await klCommand(f).command.run();
    assert.deepEqual(messages('warning'), [ONE_ARRAY_OF_TWO]);
    assert.deepEqual(f.channel.lines, [ONE_ARRAY_OF_TWO_DETAILS]);
    assert.deepEqual(f.recorded, []);
  });

  it('two arrays: D(P‖Q) shown, in full precision in the output, recorded and sent to the panel', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    const { command, panel } = klCommand(f);
    await command.run();
    assert.deepEqual(shown.messages, [{ level: 'info', text: 'D(P‖Q) = 0.0853 nats (read as probabilities; sums are 1)', items: RESULT_BUTTONS }]);
    assert.equal(f.recorded.length, 1);
    const r = f.recorded[0]!;
    assert.deepEqual({ ...r, value: 0 }, { label: 'D(P‖Q)', value: 0, unit: 'nats', source: 'd.py, lines 1-2' });
    assertClose(r.value, REFERENCE.kl, 'recorded D(P‖Q)');
    assert.equal(panel.length, 1);
    const [view, reveal] = panel[0]!;
    assert.equal(reveal, false);
    assert.deepEqual(
      { ...view, value: 0, pinskerTvBound: 0 },
      {
        measure: 'kl',
        value: 0,
        unit: 'nats',
        base: Math.E,
        normalized: false,
        sums: { p: 1, q: 1 },
        pinskerTvBound: 0,
        backend: 'ts',
        p: EXAMPLE_P,
        q: EXAMPLE_Q,
        n: 3,
        formulaLatex: 'D(P‖Q) formula',
        source: 'd.py, lines 1-2',
      },
    );
    assert.equal(view.value, r.value);
    assertClose(view.pinskerTvBound, Math.sqrt(REFERENCE.kl / 2), 'Pinsker bound √(D/2)');
    assert.deepEqual(f.channel.lines, [
      `info: D(P‖Q) d.py, lines 1-2: D(P‖Q) = ${r.value} nats; n = 3; read as probabilities; sums are 1; sum P = 1, sum Q = 1; ` +
        `Pinsker TV ≤ ${view.pinskerTvBound}; backend = ts`,
    ]);
  });

  it("the notification's buttons: Copy puts the full value on the clipboard, Open Panel reveals the view", async () => {
    const f = fakes({ base: '2', significantDigits: 6 });
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    answers.messageChoices.push('Copy');
    const { command, panel } = klCommand(f);
    await command.run();
    await settle();
    assert.deepEqual(messages(), ['D(P‖Q) = 0.123061 bits (read as probabilities; sums are 1)']);
    assertClose(Number(shown.clipboard[0]), REFERENCE.klBits, 'copied value');
    assert.equal(shown.clipboard[0], String(f.recorded[0]!.value));

    answers.messageChoices.push('Open Panel');
    await command.run();
    await settle();
    assert.deepEqual(panel.map(([, reveal]) => reveal), [false, false, true]);

    answers.messageChoices.push('Insert as Comment');
    await command.run();
    await settle();
    assert.deepEqual(shown.executedCommands, ['divergenceLens.insertResultAsComment']);
  });

  it('a DivergenceError of the computation: an error, the source and the code in the output', async () => {
    const f = fakes({ workerThreshold: 2 });
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    const klAsync = async () => {
      throw new DivergenceError('invalid-value', 'P[1] is NaN');
    };
    const { command, panel } = klCommand(f, { klAsync });
    await command.run();
    assert.deepEqual(messages(), ['P[1] is NaN.']);
    assert.deepEqual(f.channel.lines, ['error: [invalid-value] d.py, lines 1-2: P[1] is NaN']);
    assert.deepEqual([f.recorded, panel], [[], []]);
  });

  it('above the worker threshold: computed by klAsync behind a cancellable progress notification', async () => {
    const f = fakes({ workerThreshold: 2 });
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    const klAsync: KlOfSelectionDeps['klAsync'] = async (p, q, options, onProgress) => {
      onProgress(0.25);
      onProgress(0.251);
      onProgress(1);
      return { ...klDivergence(p, q, options), backend: 'wasm-workers' };
    };
    await klCommand(f, { klAsync }).command.run();
    assert.deepEqual(shown.progress, [
      { title: 'Divergence Lens: D(P‖Q) of 3 values in worker threads', cancellable: true, reports: [{ increment: 25 }, { increment: 75 }] },
    ]);
    const value = f.recorded[0]!.value;
    assertClose(value, REFERENCE.kl, 'D(P‖Q) from klAsync');
    assert.deepEqual(f.channel.lines, [
      `info: D(P‖Q) d.py, lines 1-2: D(P‖Q) = ${value} nats; n = 3; read as probabilities; sums are 1; sum P = 1, sum Q = 1; ` +
        `Pinsker TV ≤ ${Math.sqrt(value / 2)}; backend = wasm-workers`,
    ]);
  });

  it('Cancel on the progress notification: nothing shown or recorded, a line in the output', async () => {
    const f = fakes({ workerThreshold: 2 });
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    answers.cancelProgress = true;
    const klAsync: KlOfSelectionDeps['klAsync'] = (_p, _q, _o, _progress, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('cancelled'))));
    const { command, panel } = klCommand(f, { klAsync });
    await command.run();
    assert.deepEqual(f.channel.lines, ['info: KL cancelled: nothing computed.']);
    assert.deepEqual([shown.messages, f.recorded, panel], [[], [], []]);
  });

  it('arrays of different lengths: a Quick Pick offers sample measures; Escape computes nothing', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', 'p = [1, 2, 3]\nq = [4, 5]\n');
    const { command, panel } = klCommand(f);
    await command.run();
    assert.equal(shown.quickPicks.length, 1);
    assert.deepEqual(shown.quickPicks[0]!.options, { title: SAMPLES_TITLE, placeHolder: 'Choose a sample measure (Escape computes nothing)' });
    assert.deepEqual(
      shown.quickPicks[0]!.items.map((i) => i.label),
      ['KS test and Wasserstein-1', 'k-NN KL estimate', 'Histogram KL estimate'],
    );
    assert.deepEqual([shown.messages, f.recorded, panel, f.channel.lines], [[], [], [], []]);
  });

  // scipy: entropy(softmax(a), softmax(b)) = 0.052841659111108365 for a = [2, 0.5, -1, 0.1], b = [1.5, 0.7, -0.5, 0].
  const LOGITS = 'logits_a = torch.tensor([2.0, 0.5, -1.0, 0.1])\nlogits_b = torch.tensor([1.5, 0.7, -0.5, 0.0])\n';
  const LOGITS_TITLE = 'P and Q do not read as probabilities: P[2] is negative (-1). Read them as logits, or compare them as samples?';
  it('logits: the Quick Pick offers to read them so, pre-selected by their names; the result says why', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', LOGITS);
    answers.quickPicks.push(pickLabel('Read as logits (softmax)'));
    const { command } = klCommand(f);
    await command.run();
    assert.deepEqual(shown.quickPicks[0]!.options, { title: LOGITS_TITLE, placeHolder: 'Choose a reading or a sample measure (Escape computes nothing)' });
    assert.deepEqual(
      shown.quickPicks[0]!.items.map((i) => i.label),
      ['Read as logits (softmax)', 'KS test and Wasserstein-1', 'k-NN KL estimate', 'Histogram KL estimate'],
    );
    assert.equal((shown.quickPicks[0]!.items[0] as { description?: string }).description, 'pre-selected because the variables are named `logits_a` and `logits_b`');
    assert.deepEqual(messages(), ['D(P‖Q) = 0.05284 nats (read as logits (softmax first) because the variables are named `logits_a` and `logits_b`)']);
    assertClose(f.recorded[0]!.value, 0.052841659111108365, 'D(softmax a‖softmax b)', 1e-13);
    assert.deepEqual(shown.configUpdates, []); // read so this time only: no setting written
  });
  it('"from now on" (a workspace open) writes divergenceLens.input in the workspace settings, then reads so', async () => {
    const f = fakes();
    workspace.workspaceFolders = [{ uri: Uri.file('/workspace') }];
    window.activeTextEditor = editorWith('d.py', 'a = [-2.0, -0.5, -1.0]\nb = [-1.5, -0.7, -0.5]\n');
    answers.quickPicks.push(pickLabel('Read as log-probabilities from now on'));
    await klCommand(f).command.run();
    assert.deepEqual(
      shown.quickPicks[0]!.items.map((i) => i.label),
      [
        'Read as logits (softmax)',
        'Read as log-probabilities',
        'KS test and Wasserstein-1',
        'k-NN KL estimate',
        'Histogram KL estimate',
        'Read as logits (softmax) from now on',
        'Read as log-probabilities from now on',
      ],
    );
    assert.deepEqual(shown.configUpdates, [{ key: 'divergenceLens.input', value: 'log', target: ConfigurationTarget.Workspace }]);
    assert.equal(messages()[0], 'divergenceLens.input is now "log" in this workspace\'s settings.');
    // scipy: entropy(exp(a) / Σ, exp(b) / Σ) = 0.06080645390342551; Σ exp(a) = 1.10975, Σ exp(b) = 1.32625.
    assert.equal(messages()[1], 'D(P‖Q) = 0.06081 nats (read as log-probabilities; normalised (P summed to 1.10975, Q to 1.32625))');
    assertClose(f.recorded[0]!.value, 0.06080645390342551, 'D of the normalised exp', 1e-13);
  });
  it('no workspace open: no "from now on" items', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', LOGITS);
    await klCommand(f).command.run();
    assert.ok(shown.quickPicks[0]!.items.every((i) => !i.label.endsWith('from now on')));
  });

  it('a matrix: the row-by-row question; dismissed, nothing is computed; answered, every row', async () => {
    const text = 'p = [[0.5, 0.5], [0.9, 0.1]]\nq = [[0.9, 0.1], [0.5, 0.5]]\n';
    const f = fakes();
    window.activeTextEditor = editorWith('m.py', text);
    await klCommand(f).command.run();
    assert.deepEqual(shown.quickPicks[0]!.options, { title: 'P is 2 × 2 and Q is 2 × 2: compare row by row?', placeHolder: 'Choose how to read the matrix' });
    assert.deepEqual([shown.messages, f.recorded], [[], []]);

    const g = fakes();
    window.activeTextEditor = editorWith('m.py', text);
    answers.quickPicks.push(pickLabel('Row by row'));
    await klCommand(g).command.run();
    assert.deepEqual(messages(), [
      'D(P‖Q) row by row (nats): row 0: 0.5108, row 1: 0.3681; read as probabilities; sums are 1',
    ]);
  });
});

describe('MeasureOfSelectionCommand (entropy, cross-entropy, JS, reverse KL)', () => {
  const expected: Record<string, { label: string; reference: number; shown: string; source: string }> = {
    'divergenceLens.entropyOfSelection': { label: 'H(P)', reference: REFERENCE.entropy, shown: 'H(P) = 1.013 nats', source: 'd.py, line 1' },
    'divergenceLens.crossEntropyOfSelection': { label: 'H(P, Q)', reference: REFERENCE.crossEntropy, shown: 'H(P, Q) = 1.099 nats', source: 'd.py, lines 1-2' },
    'divergenceLens.jsOfSelection': { label: 'JSD(P, Q)', reference: REFERENCE.js, shown: 'JSD(P, Q) = 0.02246 nats', source: 'd.py, lines 1-2' },
    'divergenceLens.reverseKlOfSelection': { label: 'D(Q‖P)', reference: REFERENCE.reverseKl, shown: 'D(Q‖P) = 0.09746 nats', source: 'd.py, lines 1-2' },
  };

  it('has the four measures', () => {
    assert.deepEqual(MEASURE_COMMANDS.map((s) => s.id).sort(), Object.keys(expected).sort());
  });

  for (const spec of MEASURE_COMMANDS) {
    const e = expected[spec.id]!;
    describe(spec.id, () => {
      const build = (f: ReturnType<typeof fakes>) => {
        const panel: unknown[][] = [];
        const command = new MeasureOfSelectionCommand(spec, { ...f, pinned: () => undefined, showInPanel: (...args) => void panel.push(args) });
        return { command, panel };
      };

      it('no editor: a warning', async () => {
        const f = fakes();
        await build(f).command.run();
        assert.deepEqual(messages(), ['no active editor; open a file and select the arrays first.']);
        assert.deepEqual(f.recorded, []);
      });

      it(`the example selection: ${e.label} shown, recorded and sent to the panel`, async () => {
        const f = fakes();
        window.activeTextEditor = spec.arity === 1 ? editorWith('d.py', EXAMPLE, P_LINE) : editorWith('d.py', EXAMPLE);
        const { command, panel } = build(f);
        await command.run();
        assert.deepEqual(shown.messages, [{ level: 'info', text: `${e.shown} (read as probabilities; sums are 1)`, items: RESULT_BUTTONS }]);
        const r = f.recorded[0]!;
        assert.deepEqual({ ...r, value: 0 }, { label: e.label, value: 0, unit: 'nats', source: e.source });
        assertClose(r.value, e.reference, e.label);
        assert.deepEqual(f.channel.lines, [`info: ${e.label} ${e.source}: ${r.value} nats; n = 3; read as probabilities; sums are 1`]);
        assert.equal(panel.length, 1);
        const [result, p, q, source] = panel[0] as [{ value: number }, Float64Array, Float64Array | undefined, string];
        assert.deepEqual([result.value, Array.from(p), q && Array.from(q), source], [r.value, EXAMPLE_P, spec.arity === 1 ? undefined : EXAMPLE_Q, e.source]);
      });
    });
  }

  const entropySpec = MEASURE_COMMANDS.find((s) => s.id === 'divergenceLens.entropyOfSelection')!;
  const jsSpec = MEASURE_COMMANDS.find((s) => s.id === 'divergenceLens.jsOfSelection')!;
  const run = async (spec: typeof entropySpec, f: ReturnType<typeof fakes>) =>
    new MeasureOfSelectionCommand(spec, { ...f, pinned: () => undefined }).run();

  it('entropy of two arrays: the warning asks for one', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    await run(entropySpec, f);
    assert.deepEqual(messages(), [TWO_ARRAYS_OF_ONE]);
    assert.deepEqual(f.channel.lines, [TWO_ARRAYS_OF_ONE_DETAILS]);
  });

  it('a DivergenceError (a negative probability, and +∞: no logits either): an error and the code in the output', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', 'p = [-1, np.inf]\n');
    await run(entropySpec, f);
    assert.deepEqual(shown.quickPicks, []);
    const message = 'P[0] is -1 (0-based index 0): probabilities must be finite and non-negative';
    assert.deepEqual(messages('error'), [`${message}.`]);
    assert.deepEqual(f.channel.lines, [`error: [invalid-value] d.py, line 1: ${message}`]);
    assert.deepEqual(f.recorded, []);
  });

  it('entropy of logits: a Quick Pick offers the reading (dismissed, nothing); chosen, H says why', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', 'p = [-1, 2]\n');
    await run(entropySpec, f);
    assert.deepEqual(shown.quickPicks[0]!.options, {
      title: 'p does not read as probabilities: P[0] is negative (-1). Read it as logits?',
      placeHolder: 'Choose a reading (Escape computes nothing)',
    });
    assert.deepEqual([shown.messages, f.recorded], [[], []]);

    const g = fakes();
    workspace.workspaceFolders = [{ uri: Uri.file('/workspace') }];
    window.activeTextEditor = editorWith('d.py', 'logits = [2.0, 0.5, -1.0, 0.1]\n');
    answers.quickPicks.push(pickLabel('Read as logits (softmax)'));
    await run(entropySpec, g);
    assert.deepEqual(shown.quickPicks[0]!.items.map((i) => i.label), ['Read as logits (softmax)', 'Read as logits (softmax) from now on']);
    // scipy: entropy(softmax([2, 0.5, -1, 0.1])) = 0.8924723458433544
    assert.deepEqual(messages(), ['H(P) = 0.8925 nats (read as logits (softmax first) because the variable is named `logits`)']);
    assertClose(g.recorded[0]!.value, 0.8924723458433544, 'H(softmax)', 1e-13);
    assert.deepEqual(shown.configUpdates, []);
  });

  it('log-probabilities chosen in the Quick Pick: the measure reads them so', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', 'log_p = [-0.5, -1.5, -2.0]\nlog_q = [-1.0, -1.0, -1.0]\n');
    answers.quickPicks.push(pickLabel('Read as log-probabilities'));
    await run(jsSpec, f);
    assert.deepEqual(shown.quickPicks[0]!.items.slice(0, 2).map((i) => i.label), ['Read as log-probabilities', 'Read as logits (softmax)']);
    // scipy: jensenshannon(exp(p) / Σ, exp(q) / Σ)**2 = 0.04792838757034236; Σ exp(p) = 0.964996, Σ exp(q) = 1.10364.
    assert.equal(
      messages()[0],
      'JSD(P, Q) = 0.04793 nats (read as log-probabilities because the variables are named `log_p` and `log_q`; normalised (P summed to 0.964996, Q to 1.10364))',
    );
    assertClose(f.recorded[0]!.value, 0.04792838757034236, 'JSD of the normalised exp', 1e-13);
  });

  it('samples: the Quick Pick dismissed computes nothing; KS and W1 chosen, they are reported', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', 'p = [1, 2, 3]\nq = [4, 5]\n');
    await run(jsSpec, f);
    assert.deepEqual(shown.quickPicks.map((q) => q.options.title), [SAMPLES_TITLE]);
    assert.deepEqual([shown.messages, f.recorded], [[], []]);

    const g = fakes();
    window.activeTextEditor = editorWith('d.py', 'p = [1, 2, 3]\nq = [4, 5]\n');
    answers.quickPicks.push(pickLabel('KS test and Wasserstein-1'));
    await run(jsSpec, g);
    // Every point of P lies below every point of Q: D = 1, exact p = 2/C(5, 2) = 0.2; W1 = mean(Q) − mean(P) = 2.5.
    assert.deepEqual(messages(), ['KS = 1 (p = 0.2), W1 = 2.5; read as samples (n = 3, m = 2)']);
    assert.deepEqual(g.recorded, [{ label: 'W1(P, Q)', value: 2.5, unit: '', source: 'd.py, lines 1-2' }]);
  });
});

describe('PinReferenceCommands', () => {
  it('pins one selected array as Q (and clears it); no editor or two arrays pin nothing', () => {
    const pinned: (FoundArray | undefined)[] = [];
    const commands = new PinReferenceCommands((found) => void pinned.push(found), fakes().output);
    fakes();
    commands.pin();
    assert.deepEqual([shown.messages.length, pinned.length], [0, 0]);

    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    commands.pin();
    assert.deepEqual(messages(), [TWO_ARRAYS_OF_ONE]);
    assert.equal(pinned.length, 0);

    fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE, Q_LINE);
    commands.pin();
    assert.deepEqual(messages(), ['pinned q (3 values) as the reference Q.']);
    assert.deepEqual([pinned[0]!.file, pinned[0]!.line, Array.from(pinned[0]!.array.values)], ['d.py', 2, EXAMPLE_Q]);
    commands.clear();
    assert.equal(pinned.length, 2);
    assert.equal(pinned[1], undefined);
  });

  it('a pinned Q is used by the KL command when one array is selected', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE, Q_LINE);
    let pinned: FoundArray | undefined;
    new PinReferenceCommands((found) => (pinned = found), f.output).pin();
    window.activeTextEditor = editorWith('e.py', EXAMPLE, P_LINE);
    await klCommand(f, { pinned: () => pinned }).command.run();
    assert.deepEqual(f.recorded.map((r) => r.source), ['e.py, line 1 against the pinned Q (d.py, line 2)']);
    assertClose(f.recorded[0]!.value, REFERENCE.kl, 'D(P‖pinned Q)');
  });
});

describe('AllMeasuresOfSelectionCommand', () => {
  const build = (f: ReturnType<typeof fakes>) => {
    const tables: AllMeasuresView[] = [];
    return { command: new AllMeasuresOfSelectionCommand({ ...f, pinned: () => undefined, showTable: (t) => void tables.push(t) }), tables };
  };

  it('no editor, or one array: a warning, no table', () => {
    const f = fakes();
    const { command, tables } = build(f);
    command.run();
    window.activeTextEditor = editorWith('d.py', EXAMPLE, P_LINE);
    command.run();
    assert.deepEqual(messages(), [NO_EDITOR_TWO, ONE_ARRAY_OF_TWO]);
    assert.deepEqual([tables, f.recorded], [[], []]);
  });

  it('a DivergenceError (lengths differ): an error and the code in the output', () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', 'p = [1, 2, 3]\nq = [4, 5]\n');
    const { command, tables } = build(f);
    command.run();
    assert.deepEqual(messages(), ['P has 3 values and Q has 2.']);
    assert.deepEqual(f.channel.lines, ['error: [length-mismatch] d.py, lines 1-2: P has 3 values and Q has 2']);
    assert.deepEqual([tables, f.recorded], [[], []]);
  });

  it('the example: every measure in the table and the output, D(P‖Q) recorded and in a notification', () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    const { command, tables } = build(f);
    command.run();
    assert.deepEqual(shown.messages, [{ level: 'info', text: 'D(P‖Q) = 0.0853 nats; all 13 measures in the panel', items: RESULT_BUTTONS }]);
    assert.deepEqual(shown.statusBarMessages, []);
    assert.equal(tables.length, 1);
    const table = tables[0]!;
    const row = (label: string) => table.rows.find((r) => r.label === label)!.value;
    assertClose(row('D(P‖Q)'), REFERENCE.kl, 'D(P‖Q)');
    assertClose(row('H(P)'), REFERENCE.entropy, 'H(P)');
    assertClose(row('H(P, Q)'), REFERENCE.crossEntropy, 'H(P, Q)');
    assertClose(row('JSD(P, Q)'), REFERENCE.js, 'JSD(P, Q)');
    // TV = ½ Σ|p − q| = ½ (0.36 − ⅓ + 0.48 − ⅓ + ⅓ − 0.16) = 0.17333…
    assertClose(row('TV(P, Q)'), 0.52 / 3, 'TV(P, Q)');
    assert.deepEqual([table.n, table.normalized, table.source], [3, false, 'd.py, lines 1-2']);
    assert.equal(f.channel.lines[0], `info: D(P‖Q) d.py, lines 1-2: ${row('D(P‖Q)')} nats; n = 3; normalized = false; all measures:`);
    assert.deepEqual(f.channel.lines.slice(1), table.rows.map((r) => `info:   ${r.label} = ${r.value}${r.unit ? ` ${r.unit}` : ''}`));
    assert.deepEqual(f.recorded, [{ label: 'D(P‖Q)', value: row('D(P‖Q)'), unit: 'nats', source: 'd.py, lines 1-2' }]);
  });
});

describe('KlRowByRowCommand', () => {
  const build = (f: ReturnType<typeof fakes>) => new KlRowByRowCommand({ ...f, pinned: () => undefined });

  it('no editor, or nothing numeric selected: a warning', () => {
    const f = fakes();
    build(f).run();
    window.activeTextEditor = editorWith('d.py', 'no numbers here\n');
    build(f).run();
    assert.deepEqual(messages(), [
      'no active editor; select a matrix such as [[0.2, 0.8], [0.5, 0.5]] first.',
      'Found no numeric array in the selection.',
    ]);
    assert.deepEqual(f.channel.lines, [
      'warn: no active editor; select a matrix such as [[0.2, 0.8], [0.5, 0.5]] first.',
      'warn: Found no numeric array in the selection; expected two arrays: P first, then Q (e.g. p = [0.36, 0.48, 0.16] and q = [1/3, 1/3, 1/3]), ' +
        'or one array with a pinned reference Q; row by row takes a matrix P and a matrix or array Q.',
    ]);
  });

  it('P not a matrix: the warning says row by row needs one', () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE);
    build(f).run();
    assert.deepEqual(messages(), [
      'row by row needs P to be a matrix (e.g. [[0.2, 0.8], [0.5, 0.5]]); P is one array of 3 values.',
    ]);
    assert.deepEqual(f.channel.lines, [
      'warn: d.py, lines 1-2: row by row needs P to be a matrix (e.g. [[0.2, 0.8], [0.5, 0.5]]); P is one array of 3 values.',
    ]);
  });

  it('every row in the output (Show Details opens it); a row with a DivergenceError is named and does not stop the others', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('m.py', 'p = [[0.5, 0.5], [0.9, 0.1]]\nq = [[0.9, 0.1], [-1, 2]]\n');
    answers.messageChoices.push('Show Details');
    build(f).run();
    await settle();
    assert.deepEqual(messages(), [
      'D(P‖Q) row by row (nats): row 0: 0.5108, row 1: error; 1 row(s) could not be computed; read as probabilities; sums are 1',
    ]);
    const value = Number(/D\(P‖Q\) = (\S+) nats/.exec(f.channel.lines[1]!)![1]);
    assertClose(value, REFERENCE.klHalfVsNineTenths, 'row 0');
    assert.deepEqual(f.channel.lines, [
      'info: KL row by row m.py, lines 1-2 (2 rows, 0-based indices):',
      `info:   row 0: D(P‖Q) = ${value} nats (read as probabilities; sums are 1)`,
      'info:   row 1: Q[0] is -1 (0-based index 0): probabilities must be finite and non-negative',
    ]);
    assert.equal(f.channel.shownTimes, 1);
  });
});
