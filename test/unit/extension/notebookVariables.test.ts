/**
 * "Compare Notebook Variables…" against a fake kernel that follows the Jupyter extension's published API types
 * (microsoft/vscode-jupyter src/api.d.ts: `kernels.getKernel(uri)`, `Kernel.language`, `Kernel.executeCode(code,
 * token)` yielding outputs of `{ mime, data: Uint8Array }` items): stdout in pieces as a kernel streams it, a
 * Python exception as an error item, and the error the Jupyter extension throws when the user denied access.
 */
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { CompareNotebookVariablesCommand } from '../../../src/extension/commands/notebookVariables';
import type { JupyterApi, JupyterKernel, KernelOutput } from '../../../src/extension/notebookKernel';
import { listingCode, valuesCode } from '../../../src/extension/notebookKernelCode';
import { assertClose, fakes, REFERENCE } from './commandFakes';
import { answers, openNotebook, pickLabel, shown } from './vscodeDouble';
import type { DriftReportView } from '../../../src/shared/driftView';

/**
 * What listingCode() printed in a Python 3.11 kernel (pandas 1.5.3, NumPy 1.24.2) after p, q, counts as in
 * examples/distributions.ipynb, visits = DataFrame(before, after, label), weird = [1.0, nan, inf],
 * s = Series([1, None, 3], dtype="Int64") and flags = np.array([True, False]) (not listed: boolean).
 */
const LISTING =
  'DIVERGENCE_LENS_JSON:[{"name": "p", "type": "ndarray", "shape": [3], "dtype": "float64"}, {"name": "q", "type": "ndarray", "shape": [3], "dtype": "float64"}, ' +
  '{"name": "counts", "type": "ndarray", "shape": [3], "dtype": "int64"}, {"name": "visits", "type": "DataFrame column", "shape": [4], "dtype": "int64", "column": "before", "position": 0}, ' +
  '{"name": "visits", "type": "DataFrame column", "shape": [4], "dtype": "int64", "column": "after", "position": 1}, {"name": "weird", "type": "list", "shape": [3], "dtype": "float"}, ' +
  '{"name": "s", "type": "Series", "shape": [3], "dtype": "Int64"}]\n';
/** What valuesCode() printed there for p and q. */
const VALUES_PQ = 'DIVERGENCE_LENS_JSON:[{"values": [0.36, 0.48, 0.16]}, {"values": [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]}]\n';

const STDOUT = 'application/vnd.code.notebook.stdout';
const ERROR = 'application/vnd.code.notebook.error';
const bytes = (text: string) => new TextEncoder().encode(text);

/** How the fake kernel answers the values request. */
type Answer = { readonly stdout: string } | { readonly error: { name: string; message: string } } | 'denied';

/** A kernel as the Jupyter extension hands it out: it runs the listing and answers the values request as told. */
class FakeKernel implements JupyterKernel {
  readonly sent: string[] = [];

  constructor(
    private readonly values: Answer,
    readonly language = 'python',
    private readonly listing: Answer = { stdout: LISTING },
  ) {}

  async *executeCode(code: string, token: vscode.CancellationToken): AsyncIterable<KernelOutput> {
    this.sent.push(code);
    const answer = code.includes('_divergence_lens_list(') ? this.listing : this.values;
    await Promise.resolve();
    if (token.isCancellationRequested) throw new Error('Canceled');
    if (answer === 'denied') {
      // As the Jupyter extension's KernelAPIAccessRevoked: its `name` is the documented, stable part.
      throw Object.assign(new Error('Access to Jupyter Kernel has been revoked'), { name: 'vscode.jupyter.apiAccessRevoked' });
    }
    if ('error' in answer) {
      yield { items: [{ mime: ERROR, data: bytes(JSON.stringify({ ...answer.error, stack: `Traceback…\n${answer.error.name}` })) }] };
      return;
    }
    // A kernel streams stdout in pieces: split the line in two outputs.
    const half = Math.floor(answer.stdout.length / 2);
    yield { items: [{ mime: STDOUT, data: bytes(answer.stdout.slice(0, half)) }] };
    yield { items: [{ mime: STDOUT, data: bytes(answer.stdout.slice(half)) }] };
  }
}

function jupyterWith(kernel: JupyterKernel | undefined): () => Promise<JupyterApi> {
  return async () => ({ kernels: { getKernel: async () => kernel } });
}

function command(f: ReturnType<typeof fakes>, jupyter?: () => Promise<JupyterApi | undefined>) {
  const panel: unknown[][] = [];
  const c = new CompareNotebookVariablesCommand({ ...f, settings: f.settings, jupyter, showKl: (kl, p, q, source) => void panel.push([kl.value, [...p], [...q], source]) });
  return { command: c, panel };
}

const NOTEBOOK = [{ languageId: 'python', text: 'p = np.array([0.36, 0.48, 0.16])' }];

describe('Compare Notebook Variables (a fake kernel of the published Jupyter API)', () => {
  it('without a notebook, or without the Jupyter extension, it says what it needs', async () => {
    const f = fakes();
    await command(f).command.run();
    assert.deepEqual(f.channel.lines, ['warn: no notebook is active; open a Jupyter notebook (.ipynb) and run its cells first.']);
    const g = fakes();
    openNotebook('distributions.ipynb', NOTEBOOK);
    await command(g).command.run(); // the real lookup: vscode.extensions has no ms-toolsai.jupyter
    assert.match(g.channel.lines[0]!, /^warn: Compare Notebook Variables needs the Jupyter extension \(ms-toolsai\.jupyter\); install it to reach the notebook's kernel, or select the arrays in the cells/);
  });

  it('with the Jupyter extension but no running kernel, or a kernel of another language', async () => {
    const f = fakes();
    openNotebook('distributions.ipynb', NOTEBOOK);
    const api: JupyterApi = { kernels: { getKernel: async () => undefined } };
    answers.extensions.set('ms-toolsai.jupyter', { isActive: false, exports: undefined, activate: async () => api });
    await command(f).command.run();
    assert.deepEqual(f.channel.lines, ['warn: distributions.ipynb has no running kernel: run a cell first (the Jupyter extension shares only kernels that ran code).']);
    const g = fakes();
    openNotebook('distributions.ipynb', NOTEBOOK);
    await command(g, jupyterWith(new FakeKernel({ stdout: '' }, 'r'))).command.run();
    assert.deepEqual(g.channel.lines, ['warn: Compare Notebook Variables reads Python kernels; the kernel of distributions.ipynb runs r.']);
  });

  it('lists the array-like variables, fetches only the two picked, and reports D(P‖Q) and JSD', async () => {
    const f = fakes();
    openNotebook('distributions.ipynb', NOTEBOOK);
    const kernel = new FakeKernel({ stdout: VALUES_PQ });
    answers.quickPicks.push(pickLabel('p'), pickLabel('q'));
    const { command: c, panel } = command(f, jupyterWith(kernel));
    await c.run();
    assert.deepEqual(
      shown.quickPicks[0]!.items.map((i) => `${i.label} (${(i as { description?: string }).description})`),
      [
        'p (ndarray, 3 float64)',
        'q (ndarray, 3 float64)',
        'counts (ndarray, 3 int64)',
        'visits["before"] (DataFrame column, 4 int64)',
        'visits["after"] (DataFrame column, 4 int64)',
        'weird (list, 3 float)',
        's (Series, 3 Int64)',
      ],
    );
    assert.equal(shown.quickPicks[1]!.options.title, 'distributions.ipynb: Q');
    const p = { name: 'p', type: 'ndarray', shape: [3], dtype: 'float64' };
    const q = { ...p, name: 'q' };
    assert.deepEqual(kernel.sent, [listingCode(), valuesCode([p, q])]);
    assert.match(kernel.sent[1]!, /_divergence_lens_values\(__import__\('json'\)\.loads\("\[\[\\"p\\",null\],\[\\"q\\",null\]\]"\), 1000000\)/);
    assert.equal(f.recorded.length, 1);
    assert.equal(f.recorded[0]!.source, 'distributions.ipynb: P = p, Q = q');
    assertClose(f.recorded[0]!.value, REFERENCE.kl, 'D(P‖Q) of the kernel variables');
    assert.deepEqual(shown.messages.map((m) => m.text), ['D(P‖Q) = 0.0853 nats, JSD(P, Q) = 0.02246 nats (p vs q; read as probabilities; sums are 1)']);
    assert.match(f.channel.lines[0]!, /JSD\(P, Q\) = 0\.02245986042971\d* nats; n = 3/);
    assert.equal(panel.length, 1);
    assert.deepEqual(panel[0]!.slice(1), [[0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], 'distributions.ipynb: P = p, Q = q']);
  });

  it('with the Drift view at hand, two columns compared as a drift report: the KS test of SciPy', async () => {
    const f = fakes();
    openNotebook('distributions.ipynb', NOTEBOOK);
    const kernel = new FakeKernel({ stdout: 'DIVERGENCE_LENS_JSON:[{"values": [1, 2, 3, 4, 5, 6]}, {"values": [4, 5, 6, 7, 8, 9]}]\n' });
    answers.quickPicks.push(pickLabel('visits["before"]'), pickLabel('visits["after"]'), pickLabel('Drift report'));
    const views: DriftReportView[] = [];
    const c = new CompareNotebookVariablesCommand({ ...f, settings: f.settings, jupyter: jupyterWith(kernel), showDrift: (view) => void views.push(view) });
    await c.run();
    assert.equal(shown.quickPicks[2]!.options.title, 'distributions.ipynb: compare visits["before"] and visits["after"]');
    assert.equal(views.length, 1);
    const column = views[0]!.report.columns[0]!;
    // scipy.stats.ks_2samp([1, 2, 3, 4, 5, 6], [4, 5, 6, 7, 8, 9]).pvalue = 0.474025974025974 (exact, n = m = 6).
    assert.equal(column.test, 'ks');
    assertClose(column.score, 0.474025974025974, 'KS p-value');
    assert.equal(column.drifted, false);
    assert.deepEqual([views[0]!.report.reference.path, views[0]!.report.current.path], ['visits["before"]', 'visits["after"]']);
    assert.equal(views[0]!.charts.length, 1);
    assert.equal(f.recorded.length, 0, 'no divergence computed');
    assert.match(f.channel.lines.at(-1)!, /ks 0\.47402597402597\d*, threshold 0\.05: no drift/);
  });

  it('a drift report where one side has no finite value: a warning, no view; inf and nan are missing cells', async () => {
    for (const [p, expectView] of [['"nan", "inf", "-inf"', false], ['1, 2, 3, 4, 5, 6, "nan", "inf"', true]] as const) {
      const f = fakes();
      openNotebook('distributions.ipynb', NOTEBOOK);
      const kernel = new FakeKernel({ stdout: `DIVERGENCE_LENS_JSON:[{"values": [${p}]}, {"values": [4, 5, 6, 7, 8, 9]}]\n` });
      answers.quickPicks.push(pickLabel('visits["before"]'), pickLabel('visits["after"]'), pickLabel('Drift report'));
      const views: DriftReportView[] = [];
      await new CompareNotebookVariablesCommand({ ...f, settings: f.settings, jupyter: jupyterWith(kernel), showDrift: (view) => void views.push(view) }).run();
      if (!expectView) {
        assert.equal(views.length, 0);
        assert.match(shown.messages.at(-1)!.text, /has no finite value, so there is nothing to test for drift/);
        continue;
      }
      const column = views[0]!.report.columns[0]!;
      assert.deepEqual(column.missing, { reference: 2, current: 0 });
      // The finite values are those of the test above: scipy.stats.ks_2samp([1..6], [4..9]).pvalue.
      assertClose(column.score, 0.474025974025974, 'KS p-value, missing cells dropped');
    }
  });

  it('a DataFrame column is fetched by its position, named as in pandas', async () => {
    const column = { name: 'visits', type: 'DataFrame column', shape: [4], dtype: 'int64', column: 'after', position: 1 };
    assert.match(valuesCode([column]), /loads\("\[\[\\"visits\\",1\]\]"\)/);
  });

  it('denied access, a Python exception, an array too long and Cancel: a message each, nothing computed', async () => {
    const cases: [FakeKernel, RegExp, boolean?][] = [
      [new FakeKernel({ stdout: VALUES_PQ }, 'python', 'denied'), /^error: \[kernel-denied\] listing the arrays of the kernel of distributions\.ipynb: Divergence Lens has no access to the kernel \(Access to Jupyter Kernel has been revoked\); allow it with "Jupyter: Manage Access To Jupyter Kernels"\.$/],
      [new FakeKernel({ error: { name: 'NameError', message: "name 'p' is not defined" } }), /^error: \[kernel-error\] reading p and q from the kernel of distributions\.ipynb: the kernel raised NameError: name 'p' is not defined\.$/],
      [new FakeKernel({ stdout: 'DIVERGENCE_LENS_JSON:[{"size": 2000000}, {"values": [1, 2]}]\n' }), /^warn: distributions\.ipynb: P = p, Q = q: p has 2000000 values, more than the 1000000 this command reads from a kernel/],
      [new FakeKernel({ stdout: VALUES_PQ }), /^info: listing the arrays of the kernel of distributions\.ipynb was cancelled\.$/, true],
    ];
    for (const [kernel, expected, cancel] of cases) {
      const f = fakes();
      openNotebook('distributions.ipynb', NOTEBOOK);
      answers.quickPicks.push(pickLabel('p'), pickLabel('q'));
      answers.cancelProgress = cancel ?? false;
      await command(f, jupyterWith(kernel)).command.run();
      assert.equal(f.channel.lines.length, 1, f.channel.lines.join('\n'));
      assert.match(f.channel.lines[0]!, expected);
      assert.deepEqual(f.recorded, []);
    }
  });
});
