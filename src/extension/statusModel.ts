/**
 * The pure part of the live status bar (no vscode): what it shows for the arrays of the selection.
 */
import { entropy, klDivergence, wasserstein } from '../compute';
import { isDivergenceError } from '../core/errors';
import { interpretPair } from '../data/interpretPair';
import { findArrayLiterals, type ParsedArray } from '../data/parseArrayLiteral';
import { formatSignificant } from '../shared/format';
import { measureByReading, offeredReadings, READING_NAMES } from './selectionMeasures';
import { conventionsText, measureOptions, strictRefusal, type DivergenceSettings, type SettingsMeasureOptions } from './settingsModel';

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
      const [a] = arrays as [ParsedArray];
      // As the Entropy command: other readings only where a negative value rules probabilities out.
      const other = a.values.some((x) => x < 0) ? otherReadings([a], settings, (o) => entropy(a.values, o), 'H(P)') : undefined;
      if (other?.named) return other.named;
      let h: ReturnType<typeof entropy>;
      try {
        h = entropy(a.values, options);
      } catch (e) {
        if (!other || !isDivergenceError(e)) throw e;
        return { text: '$(warning) Divergence', tooltip: `Divergence Lens: ${e.message}. ${other.alternatives} ${CLICK}` };
      }
      const refused = strictRefusal(settings, h);
      if (refused) return { text: '$(warning) Divergence', tooltip: `Divergence Lens: ${refused}` };
      return { text: `$(graph) H(P) = ${f(h.value)} ${h.unit}`, tooltip: `Divergence Lens: entropy of the selected array (${conventionsText(settings, h)}). ${CLICK}` };
    }
    if (arrays.length === 2) {
      const [p, q] = [arrays[0]!.values, arrays[1]!.values];
      const reading = interpretPair(p, q, settings.input);
      if (reading.kind === 'samples') {
        const other = p.length === q.length ? otherReadings(arrays, settings, (o) => klDivergence(p, q, o), 'D(P‖Q)') : undefined;
        if (other?.named) return other.named;
        const w = wasserstein(p, q);
        return {
          text: `$(graph) samples: W1 = ${f(w.value)}`,
          tooltip:
            `Divergence Lens: read as samples (${reading.reason}): Wasserstein-1 distance. ` +
            `${other ? `${other.alternatives} ` : ''}Run a command for KS, k-NN or histogram KL. ${CLICK}`,
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

/** What the status bar makes of arrays that may be logits or log-probabilities (input 'prob' only). */
interface OtherReadings {
  /** The measure as the arrays' names say to read them ("logits_a"), said so: shown instead. */
  readonly named?: StatusText;
  /** Every reading the values allow, for the tooltip: "Read as logits (softmax first): H(P) = 0.8925 nats. …" */
  readonly alternatives: string;
}

/**
 * The measure read as logits and as log-probabilities, where the values allow it and a value is negative or a
 * name suggests one (`offeredReadings`); `undefined` when none applies.
 */
function otherReadings(
  arrays: readonly ParsedArray[],
  settings: DivergenceSettings,
  measure: (options: SettingsMeasureOptions) => { readonly value: number; readonly unit: string; readonly normalized: boolean; readonly sums: { readonly p: number; readonly q?: number } },
  label: string,
): OtherReadings | undefined {
  if (settings.input !== 'prob') return undefined;
  const offered = offeredReadings(arrays.map((a) => a.values), arrays.map((a) => a.name));
  if (offered.readings.length === 0) return undefined;
  const f = (x: number) => formatSignificant(x, settings.significantDigits);
  const outcomes = measureByReading(offered, settings, measure);
  const said = outcomes.map((o) => (o.result ? `${o.conventions}: ${label} = ${f(o.result.value)} ${o.result.unit}` : `as ${READING_NAMES[o.reading]}: ${o.problem}`));
  const sentences = said.map((t) => `${t.charAt(0).toUpperCase()}${t.slice(1)}.`).join(' ');
  const alternatives = `${sentences} Set divergenceLens.input to read them so.`;
  const first = outcomes[0];
  if (!offered.named || !first?.result) return { alternatives };
  return {
    alternatives,
    named: {
      text: `$(graph) ${label} = ${f(first.result.value)} ${first.result.unit} (${READING_NAMES[first.reading]})`,
      tooltip: `Divergence Lens: ${said[0]}. ${CLICK}`,
    },
  };
}
