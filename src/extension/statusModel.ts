/**
 * The pure part of the live status bar (no vscode): what it shows for the arrays of the selection.
 */
import { entropy, klDivergence, wasserstein } from '../compute';
import { isDivergenceError } from '../core/errors';
import { interpretPair } from '../data/interpretPair';
import { findArrayLiterals, type ParsedArray } from '../data/parseArrayLiteral';
import { formatSignificant } from '../shared/format';
import { conventionsText, measureOptions, strictRefusal, type DivergenceSettings } from './settingsModel';

export interface StatusText {
  readonly text: string;
  readonly tooltip: string;
}

const CLICK = 'Click to open the panel.';

/**
 * H(P) of one array; D(P‖Q) of two, or of one against the pinned Q of its length; W1 when two read as samples
 * (and says so); a warning with the reason when the values cannot be measured; `undefined` (hidden) when the
 * selection holds no numbers or an array longer than `hoverMaxElements`.
 */
export function statusFor(selectedText: string, settings: DivergenceSettings, pinned?: Float64Array): StatusText | undefined {
  let arrays: ParsedArray[];
  try {
    arrays = findArrayLiterals(selectedText, { maxElements: settings.hoverMaxElements });
  } catch (e) {
    if (isDivergenceError(e)) return undefined;
    throw e;
  }
  const f = (x: number) => formatSignificant(x, settings.significantDigits);
  const options = measureOptions(settings);
  try {
    if (arrays.length === 1 && pinned && pinned.length === arrays[0]!.values.length) {
      const d = klDivergence(arrays[0]!.values, pinned, options);
      const refused = strictRefusal(settings, d);
      if (refused) return { text: '$(warning) Divergence', tooltip: `Divergence Lens: ${refused}` };
      return {
        text: `$(graph) D(P‖Q) = ${f(d.value)} ${d.unit}`,
        tooltip: `Divergence Lens: KL divergence of the selected array from the pinned Q (${conventionsText(settings, d)}). ${CLICK}`,
      };
    }
    if (arrays.length === 1) {
      const h = entropy(arrays[0]!.values, options);
      const refused = strictRefusal(settings, h);
      if (refused) return { text: '$(warning) Divergence', tooltip: `Divergence Lens: ${refused}` };
      return { text: `$(graph) H = ${f(h.value)} ${h.unit}`, tooltip: `Divergence Lens: entropy of the selected array (${conventionsText(settings, h)}). ${CLICK}` };
    }
    if (arrays.length === 2) {
      const [p, q] = [arrays[0]!.values, arrays[1]!.values];
      const reading = interpretPair(p, q, settings.input);
      if (reading.kind === 'samples') {
        const w = wasserstein(p, q);
        return {
          text: `$(graph) samples: W1 = ${f(w.value)}`,
          tooltip: `Divergence Lens: read as samples (${reading.reason}): Wasserstein-1 distance. Run a command for KS, k-NN or histogram KL. ${CLICK}`,
        };
      }
      const d = klDivergence(p, q, options);
      const refused = strictRefusal(settings, d);
      if (refused) return { text: '$(warning) Divergence', tooltip: `Divergence Lens: ${refused}` };
      return {
        text: `$(graph) D(P‖Q) = ${f(d.value)} ${d.unit}`,
        tooltip: `Divergence Lens: KL divergence of the two selected arrays (${conventionsText(settings, d)}). ${CLICK}`,
      };
    }
  } catch (e) {
    if (isDivergenceError(e)) return { text: '$(warning) Divergence', tooltip: `Divergence Lens: ${e.message}` };
    throw e;
  }
  return undefined;
}
