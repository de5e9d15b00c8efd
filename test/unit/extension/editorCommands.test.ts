/**
 * The commands that do not read a selection's arrays: Insert Result as Comment (the one that edits), Compare
 * Gaussians (an input box and the panel's explorer) and Open Panel, with fake dependencies.
 */
import { strict as assert } from 'node:assert';
import { CompareGaussiansCommand } from '../../../src/extension/commands/compareGaussians';
import { InsertResultAsCommentCommand } from '../../../src/extension/commands/insertResultAsComment';
import { OpenPanelCommand } from '../../../src/extension/commands/openPanel';
import type { LastResult } from '../../../src/extension/lastResult';
import type { DivergencePanel } from '../../../src/extension/panel/divergencePanel';
import type { GaussianParams } from '../../../src/shared/protocol';
import { assertClose, EXAMPLE, fakes, P_LINE } from './commandFakes';
import { answers, editorOn, editorWith, EndOfLine, shown, TextDocument, Uri, window } from './vscodeDouble';

const KL_RESULT: LastResult = { label: 'D(P‖Q)', value: 0.08529960131837053, unit: 'nats', source: 'd.py, lines 1-2' };

describe('InsertResultAsCommentCommand', () => {
  const inserted = () => window.activeTextEditor!.inserted.map((i) => [i.at.line, i.at.character, i.text]);

  it('no editor, or no result yet: a warning, nothing inserted', async () => {
    const f = fakes();
    await new InsertResultAsCommentCommand(() => KL_RESULT, f.output).run();
    window.activeTextEditor = editorWith('d.py', EXAMPLE, P_LINE);
    await new InsertResultAsCommentCommand(() => undefined, f.output).run();
    const warning = 'no result to insert yet; run a Divergence command on a selection first.';
    assert.deepEqual(shown.messages.map((m) => m.text), [warning, warning]);
    const details = 'warn: no result to insert yet; run a Divergence command on a selection first.';
    assert.deepEqual(f.channel.lines, [details, details]);
    assert.deepEqual(inserted(), []);
  });

  it('a language without line comments: a warning, nothing inserted', async () => {
    const f = fakes();
    window.activeTextEditor = editorOn(new TextDocument(Uri.file('/workspace/d.json'), '{"p": [0.5, 0.5]}\n', 'json'), '[0.5, 0.5]');
    await new InsertResultAsCommentCommand(() => KL_RESULT, f.output).run();
    assert.deepEqual(shown.messages.map((m) => m.text), ['json files have no line comments; the result was not inserted (use Copy instead).']);
    assert.deepEqual(f.channel.lines, ['warn: json files have no line comments; the result was not inserted (use Copy instead).']);
    assert.deepEqual(inserted(), []);
  });

  it('inserts the result, in full precision, as a comment below the selection (one edit)', async () => {
    const f = fakes();
    window.activeTextEditor = editorWith('d.py', EXAMPLE, P_LINE);
    await new InsertResultAsCommentCommand(() => KL_RESULT, f.output).run();
    assert.deepEqual(inserted(), [[0, P_LINE.length, '\n# D(P‖Q) = 0.08529960131837053 nats (Divergence Lens)']]);
    assert.deepEqual(shown.messages, []);
  });

  it('whole lines selected: below the last full line; the indentation, the CRLF and a unitless result kept', async () => {
    const f = fakes();
    const text = 'if True:\r\n    p = [1, 2]\r\n    q = [2, 1]\r\nend\r\n';
    window.activeTextEditor = editorOn(new TextDocument(Uri.file('/workspace/d.py'), text, 'python', EndOfLine.CRLF), '    p = [1, 2]\r\n    q = [2, 1]\r\n');
    await new InsertResultAsCommentCommand(() => ({ label: 'W1(P, Q)', value: 0.5, unit: '', source: 'd.py, lines 2-3' }), f.output).run();
    assert.deepEqual(inserted(), [[2, 14, '\r\n    # W1(P, Q) = 0.5 (Divergence Lens)']]);
  });
});

describe('CompareGaussiansCommand', () => {
  const build = () => {
    const f = fakes();
    const opened: (GaussianParams | undefined)[] = [];
    return { f, opened, command: new CompareGaussiansCommand({ ...f, openExplorer: (params) => void opened.push(params) }) };
  };
  // N(0, 1) against N(1, 2²): D(P‖Q) = ln 2 + (1 + 1)/8 − ½ = ln 2 − ¼, D(Q‖P) = −ln 2 + (4 + 1)/2 − ½ = 2 − ln 2.
  const FORWARD = Math.LN2 - 0.25;
  const REVERSE = 2 - Math.LN2;
  const PARAMS: GaussianParams = { mu0: 0, sigma0: 1, mu1: 1, sigma1: 2 };

  function assertReported(f: ReturnType<typeof fakes>): void {
    const m = /^info: D\(P‖Q\) P = N\(0, 1²\), Q = N\(1, 2²\): (\S+) nats; D\(Q‖P\) = (\S+) nats \(closed form\)$/.exec(f.channel.lines[0]!);
    assert.ok(m, f.channel.lines[0]);
    assertClose(Number(m[1]), FORWARD, 'D(P‖Q)', 1e-15);
    assertClose(Number(m[2]), REVERSE, 'D(Q‖P)', 1e-15);
    // To the default 4 significant digits, as every result, in a notification rather than the status bar.
    assert.deepEqual(shown.messages, [{ level: 'info', text: 'D(P‖Q) = 0.4431 nats, D(Q‖P) = 1.307 nats (closed form)', items: ['Copy', 'Open Panel', 'Insert as Comment'] }]);
    assert.deepEqual(shown.statusBarMessages, []);
    assert.equal(f.recorded[0]!.label, 'D(P‖Q)');
    assertClose(f.recorded[0]!.value, FORWARD, 'recorded D(P‖Q)', 1e-15);
  }

  it('parameters as the argument: both divergences in closed form, and the explorer opened with them', async () => {
    const { f, opened, command } = build();
    await command.run(PARAMS);
    assertReported(f);
    assert.deepEqual(opened, [PARAMS]);
    assert.deepEqual(shown.inputBoxes, []);
  });

  it('typed in the input box: the same; the box refuses a σ ≤ 0 while typing', async () => {
    const { f, opened, command } = build();
    answers.inputBoxes.push('0, 1, 1, 2');
    await command.run();
    assertReported(f);
    assert.deepEqual(opened, [PARAMS]);
    const box = shown.inputBoxes[0]!;
    assert.equal(box.title, 'Compare Gaussians: P = N(μ₀, σ₀²), Q = N(μ₁, σ₁²)');
    assert.equal(box.validateInput!(''), undefined);
    assert.equal(box.validateInput!('0, 1, 1, 2'), undefined);
    assert.equal(typeof box.validateInput!('0, 1, 1, -2'), 'string');
  });

  it('Escape: nothing; an empty answer opens the explorer as it was, computing nothing', async () => {
    const { f, opened, command } = build();
    await command.run();
    assert.deepEqual(opened, []);
    answers.inputBoxes.push('  ');
    await command.run();
    assert.deepEqual(opened, [undefined]);
    assert.deepEqual([f.channel.lines, shown.messages, shown.statusBarMessages], [[], [], []]);
  });
});

describe('OpenPanelCommand', () => {
  it('shows the panel', () => {
    let shows = 0;
    const panel = { show: () => void shows++ } as unknown as DivergencePanel;
    new OpenPanelCommand(panel).run();
    assert.equal(shows, 1);
  });
});
