import { strict as assert } from 'node:assert';
import { findHoveredArray, hoverAt, linesOf } from '../../../src/extension/hover/hoverModel';
import { DEFAULT_SETTINGS, type DivergenceSettings } from '../../../src/extension/settingsModel';
import { statusFor } from '../../../src/extension/statusModel';

const s = (over: Partial<DivergenceSettings> = {}): DivergenceSettings => ({ ...DEFAULT_SETTINGS, ...over });
const PY = 'import numpy as np\n\np = [0.36, 0.48, 0.16]\nq = [1/3, 1/3, 1/3]\nprint(p)\n';

// References: scipy.stats.entropy([0.36, 0.48, 0.16]) = 1.0133126873497391 nats = 1.4619011889093374 bits;
// entropy(p, q) = 0.08529960131837057, entropy(q, p) = 0.09745500678538754,
// jensenshannon(p, q)**2 = 0.022459860429714602; entropy(arange(1, 10001)) = 9.017243171092446.
describe('hover (pure part): the literal under the cursor and what it says', () => {
  it('a Python list: n, sum, range, H in nats and bits, and the reading', () => {
    const r = hoverAt(linesOf(PY), 2, 8, s());
    assert.ok(r);
    assert.equal(r.hovered.array.name, 'p');
    assert.equal(r.hovered.firstLine + r.hovered.array.start.line - 1, 2);
    assert.equal(
      r.markdown,
      '**Divergence Lens** · 3 values\n\nsum 1 · min 0.16 · max 0.48\n\nH(P) = **1.013 nats** (1.462 bits)\n\n_read as probabilities; sums are 1_',
    );
  });
  it('a JSON array in base 2, against a pinned Q', () => {
    const json = '{\n  "p": [0.36, 0.48, 0.16]\n}\n';
    const r = hoverAt(linesOf(json), 1, 10, s({ base: '2', significantDigits: 6 }), Float64Array.from([1 / 3, 1 / 3, 1 / 3]));
    assert.ok(r);
    assert.match(r.markdown, /H\(P\) = \*\*1\.4619 bits\*\*\n/);
    const f = (x: number) => String(Number((x / Math.LN2).toPrecision(6)));
    assert.ok(
      r.markdown.includes(`vs pinned Q: D(P‖Q) = ${f(0.08529960131837057)} · D(Q‖P) = ${f(0.09745500678538754)} · JS = ${f(0.022459860429714602)} bits`),
      r.markdown,
    );
  });
  it('counts are normalised and said so; strict refuses them', () => {
    const text = 'c = [2, 6, 2]';
    const r = hoverAt(linesOf(text), 0, 6, s());
    assert.ok(r);
    assert.match(r.markdown, /H\(P\) = \*\*0\.9503 nats\*\*/);
    assert.match(r.markdown, /_read as probabilities; normalised \(P summed to 10\)_/);
    const strict = hoverAt(linesOf(text), 0, 6, s({ normalization: 'strict' }));
    assert.match(strict!.markdown, /Not a distribution: P summed to 10: not 1, and divergenceLens.normalization is "strict"/);
  });
  // References: scipy.stats.entropy(softmax([2, 0.5, -1, 0.1])) = 0.8924723458433544 nats = 1.2875654274787474
  // bits; entropy(exp([-1.2, -0.4, -2])) = 0.9148456523686271, exp(...).sum() = 1.106849541184454.
  it('logits: the entropy read as logits, the variable name said, and the setting', () => {
    const r = hoverAt(linesOf('logits_a = torch.tensor([2.0, 0.5, -1.0, 0.1])'), 0, 30, s());
    assert.equal(
      r!.markdown,
      '**Divergence Lens** · 4 values\n\nsum 1.6 · min -1 · max 2\n\n' +
        'Not a distribution: P[2] is -1 (0-based index 2): probabilities must be finite and non-negative.\n\n' +
        'Read as logits (softmax first) because the variable is named `logits_a`: H(P) = **0.8925 nats** (1.288 bits)\n\n' +
        '_Set `divergenceLens.input` to "logits" to read values so everywhere._',
    );
  });
  it('values ≤ 0: both readings, in the configured base; a name like log_p puts its reading first', () => {
    const both = hoverAt(linesOf('x = [-1.2, -0.4, -2]'), 0, 6, s({ base: '2', significantDigits: 6 }));
    const bits = (x: number) => String(Number((x / Math.LN2).toPrecision(6)));
    assert.match(
      both!.markdown,
      new RegExp(
        `\n\nRead as logits \\(softmax first\\): H\\(P\\) = \\*\\*${bits(0.9148456523686271)} bits\\*\\*\n\n` +
          `Read as log-probabilities; normalised \\(P summed to 1\\.10685\\): H\\(P\\) = \\*\\*${bits(0.9148456523686271)} bits\\*\\*\n\n` +
          '_Set `divergenceLens.input` to "logits" or "log" to read values so everywhere._$',
      ),
    );
    const named = hoverAt(linesOf('log_p = [-1.2, -0.4, -2]'), 0, 10, s());
    assert.match(named!.markdown, /\n\nRead as log-probabilities because the variable is named `log_p`; normalised \(P summed to 1\.10685\): H\(P\) = \*\*0\.9148 nats\*\* \(1\.32 bits\)\n\nRead as logits/);
  });
  it('counts refused by strict, or values read as logits already, are offered no other reading', () => {
    assert.doesNotMatch(hoverAt(linesOf('c = [2, 6, 2]'), 0, 6, s({ normalization: 'strict' }))!.markdown, /Read as/);
    assert.match(hoverAt(linesOf('x = [2, -1]'), 0, 6, s({ input: 'logits' }))!.markdown, /H\(P\) = \*\*0\.1909 nats\*\*.*\n\n_read as logits \(softmax first\)_$/s);
  });
  it('no hover away from literals', () => {
    assert.equal(hoverAt(linesOf(PY), 0, 3, s()), undefined);
    assert.equal(hoverAt(linesOf(PY), 4, 2, s()), undefined);
  });
  it('a 10^4-element literal over 2,000 lines is read whole from its middle', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const rows: string[] = [];
    for (let i = 0; i < values.length; i += 5) rows.push(values.slice(i, i + 5).join(', '));
    const text = `import numpy as np\n\np = np.array([${rows.join(',\n              ')}])\nprint(p)\n`;
    const hovered = findHoveredArray(linesOf(text), 1000, 16);
    assert.ok(hovered);
    assert.equal(hovered.array.values.length, 10_000);
    const r = hoverAt(linesOf(text), 1000, 16, s());
    assert.match(r!.markdown, /^\*\*Divergence Lens\*\* · 10000 values\n\nsum 5\.001e\+7 · min 1 · max 1e\+4/);
    assert.match(r!.markdown, /H\(P\) = \*\*9\.017 nats\*\*/);
  });
  it('a literal longer than the hover reads gets no hover, never a part of it taken for the whole', () => {
    const row = Array.from({ length: 2000 }, () => '0.25').join(', '); // 11,998 characters
    const rows = Array.from({ length: 700 }, () => row); // 8.4 million characters in all
    const text = `p = [\n${rows.join(',\n')}\n]\n`;
    assert.equal(findHoveredArray(linesOf(text), 350, 3), undefined);
  });
  it('on code next to a long literal, the window does not grow', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => String(i + 1));
    const text = `p = [\n${rows.join(',\n')}\n]\nprint(p)\n`;
    assert.equal(findHoveredArray(linesOf(text), 3002, 6), undefined); // in print(p), 0-based line 3002
  });
  it('a 5·10^5-element literal gets a summary only (over hover.maxElements)', () => {
    const text = `big = [${Array.from({ length: 500_000 }, () => '0.5').join(', ')}]`;
    const r = hoverAt(linesOf(text), 0, 10, s());
    assert.ok(r);
    assert.match(r.markdown, /^\*\*Divergence Lens\*\* · 500000 values\n\nsum 2\.5e\+5 · min 0\.5 · max 0\.5/);
    assert.doesNotMatch(r.markdown, /H\(P\)/);
    assert.match(r.markdown, /More values than the hover limit \(`divergenceLens.hover.maxElements`\): summary only/);
  });
});

describe('status bar (pure part)', () => {
  it('H of one array, D(P‖Q) of two, D against the pinned Q, in the configured base', () => {
    assert.equal(statusFor('p = [0.36, 0.48, 0.16]', s())!.text, '$(graph) H(P) = 1.013 nats');
    assert.equal(statusFor('p = [0.36, 0.48, 0.16]\nq = [1/3, 1/3, 1/3]', s())!.text, '$(graph) D(P‖Q) = 0.0853 nats');
    assert.equal(statusFor('p = [0.36, 0.48, 0.16]', s({ base: '2' }), Float64Array.from([1 / 3, 1 / 3, 1 / 3]))!.text, '$(graph) D(P‖Q) = 0.1231 bits');
  });
  it('samples are said to be samples; no numbers hides it; strict explains in the tooltip', () => {
    const samples = statusFor('a = [1.5, -2, 3]\nb = [0.5, 1, 2.5, 4]', s());
    assert.equal(samples!.text, '$(graph) samples: W1 = 1.417');
    assert.match(samples!.tooltip, /read as samples \(P has 3 values and Q has 4\)/);
    assert.equal(statusFor('print("hello")', s()), undefined);
    const strict = statusFor('c = [2, 6, 2]', s({ normalization: 'strict' }));
    assert.equal(strict!.text, '$(warning) Divergence');
    assert.match(strict!.tooltip, /P summed to 10: not 1/);
  });
  // scipy: entropy(softmax(a), softmax(b)) = 0.052841659111108365 for a = [2, 0.5, -1, 0.1], b = [1.5, 0.7, -0.5, 0].
  const LOGITS = 'logits_a = torch.tensor([2.0, 0.5, -1.0, 0.1])\nlogits_b = torch.tensor([1.5, 0.7, -0.5, 0.0])';
  it('arrays named like logits are read as logits, and it says so', () => {
    const two = statusFor(LOGITS, s());
    assert.deepEqual(two, {
      text: '$(graph) D(P‖Q) = 0.05284 nats (logits)',
      tooltip:
        'Divergence Lens: read as logits (softmax first) because the variables are named `logits_a` and `logits_b`: D(P‖Q) = 0.05284 nats. Click to open the panel.',
    });
    assert.equal(statusFor('logits = [2.0, 0.5, -1.0, 0.1]', s())!.text, '$(graph) H(P) = 0.8925 nats (logits)');
    assert.equal(statusFor(LOGITS, s({ input: 'logits' }))!.text, '$(graph) D(P‖Q) = 0.05284 nats');
    assert.equal(statusFor('logits = [0.2, 0.8]', s())!.text, '$(graph) H(P) = 0.5004 nats'); // probabilities: read so
  });
  it('unnamed negative values: samples or a warning, with the logits reading in the tooltip', () => {
    const pair = statusFor('a = [2.0, 0.5, -1.0, 0.1]\nb = [1.5, 0.7, -0.5, 0.0]', s());
    assert.equal(pair!.text, '$(graph) samples: W1 = 0.325');
    assert.match(pair!.tooltip, /\(P\[2\] is negative \(-1\)\): Wasserstein-1 distance\. Read as logits \(softmax first\): D\(P‖Q\) = 0\.05284 nats\. Set divergenceLens\.input to read them so\. Run a command/);
    const one = statusFor('a = [-1.2, -0.4, -2]', s());
    assert.equal(one!.text, '$(warning) Divergence');
    assert.equal(
      one!.tooltip,
      'Divergence Lens: P[0] is -1.2 (0-based index 0): probabilities must be finite and non-negative. ' +
        'Read as logits (softmax first): H(P) = 0.9148 nats. Read as log-probabilities; normalised (P summed to 1.10685): H(P) = 0.9148 nats. ' +
        'Set divergenceLens.input to read them so. Click to open the panel.',
    );
  });
});
