/**
 * The pure part of the hover (no vscode): which array literal is under the cursor, what to say about it, in
 * Markdown. The provider (arrayHoverProvider.ts) feeds it the document's lines; the benchmark and the unit
 * tests call it directly.
 */
import { entropy, jsDivergence, klDivergence } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { findArrayLiterals, type ParsedArray } from '../../data/parseArrayLiteral';
import { arraySummaryMarkdown, type ArrayFacts } from '../../shared/arraySummary';
import { formatSignificant } from '../../shared/format';
import { measureByReading, offeredReadings, readAs, READING_NAMES } from '../selectionMeasures';
import { conventionsText, measureOptions, strictRefusal, type DivergenceSettings } from '../settingsModel';

/** Lines read on each side of the hovered line at first; the window grows (×16) while a literal runs past it. */
export const CONTEXT_LINES = 40;
/** The most text one hover reads (about 0.4 s of parsing at worst): bounds its cost whatever the document. */
export const MAX_CONTEXT_CHARS = 8_000_000;
/** The most elements a literal may have for the hover to read it at all (larger ones get no hover). */
const MAX_PARSE_ELEMENTS = 10_000_000;

/** The document as the hover reads it: its lines, by 0-based index. */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

export interface HoveredArray {
  readonly array: ParsedArray;
  /** 0-based document line of the window's first line: the literal's line L (1-based in the window) is first + L - 1. */
  readonly firstLine: number;
}

/** Whether the cursor is on something a literal is made of (a number, a bracket, a separator). */
function onLiteralText(text: string, character: number): boolean {
  const around = text.slice(Math.max(0, character - 1), character + 1);
  return /[0-9.[\](){},;eE+-]/.test(around);
}

/** A line of numbers and separators only: the middle (or the end) of a literal spread over many lines. */
function isNumbersOnly(text: string): boolean {
  return /\d/.test(text) && /^[\s\d.eE+\-,;[\](){}]*$/.test(text);
}

type WindowResult = { readonly hit?: ParsedArray; readonly cut: boolean } | 'unreadable';

/** Parses lines first..last (0-based, inclusive) and finds the literal holding (line, character). */
function readWindow(doc: LineSource, first: number, last: number, line: number, character: number): WindowResult {
  const lines: string[] = [];
  let chars = 0;
  let offset = 0;
  for (let i = first; i <= last; i++) {
    const t = doc.lineAt(i);
    if (i === line) offset = chars + Math.min(character, t.length);
    chars += t.length + 1;
    if (chars > MAX_CONTEXT_CHARS) return 'unreadable';
    lines.push(t);
  }
  let arrays: ParsedArray[];
  try {
    arrays = findArrayLiterals(lines.join('\n'), { maxElements: MAX_PARSE_ELEMENTS });
  } catch (e) {
    if (isDivergenceError(e)) return 'unreadable';
    throw e;
  }
  const hit = arrays.find((a) => a.start.offset <= offset && offset < a.end.offset);
  const clippedTop = first > 0;
  const clippedBottom = last < doc.lineCount - 1;
  // A literal touching a clipped edge may go on beyond it: what was found may be a part of it.
  const cut = hit ? (clippedTop && hit.start.line === 1) || (clippedBottom && hit.end.line >= last - first + 1) : clippedTop || clippedBottom;
  return { hit, cut };
}

/**
 * The array literal under (line, character), 0-based, or `undefined`. Reads ±CONTEXT_LINES lines; when the
 * cursor is on literal text and what was found (or the lack of it) may be cut by the window's edge, reads the
 * run of number-only lines around it plus two lines each side (where a long literal's first and last lines
 * are), then, if that is not enough, windows 16 times larger each time, up to MAX_CONTEXT_CHARS. So a
 * 10^4-element literal spread over 2,000 lines is read whole, in about one parse of its own text.
 */
export function findHoveredArray(
  doc: LineSource,
  line: number,
  character: number,
  isCancelled: () => boolean = () => false,
): HoveredArray | undefined {
  const hoveredText = doc.lineAt(line);
  const expandable = onLiteralText(hoveredText, character);
  const numbersOnly = isNumbersOnly(hoveredText);
  const last = doc.lineCount - 1;
  const windows: Array<() => [number, number]> = [
    () => [Math.max(0, line - CONTEXT_LINES), Math.min(last, line + CONTEXT_LINES)],
    () => {
      let top = line;
      while (top > 0 && isNumbersOnly(doc.lineAt(top - 1))) top--;
      let bottom = line;
      while (bottom < last && isNumbersOnly(doc.lineAt(bottom + 1))) bottom++;
      return [Math.max(0, top - 2), Math.min(last, bottom + 2)];
    },
  ];
  for (let span = CONTEXT_LINES * 16; span < doc.lineCount * 16; span *= 16) {
    const s = span;
    windows.push(() => [Math.max(0, line - s), Math.min(last, line + s)]);
  }
  for (const window of windows) {
    if (isCancelled()) return undefined;
    const [first, end] = window();
    const r = readWindow(doc, first, end, line, character);
    if (r === 'unreadable') return undefined;
    if (!r.cut) return r.hit && { array: r.hit, firstLine: first };
    if (!expandable || (!r.hit && !numbersOnly)) return undefined;
  }
  return undefined;
}

/**
 * What the hover says about one array: size, sum and range; for a literal of at most `hoverMaxElements`
 * values, whether it is a distribution (in the configured input kind and normalisation) with its entropy in
 * the configured base and in bits, and its divergences from a pinned Q of its length.
 */
export function factsOf(array: ParsedArray, settings: DivergenceSettings, pinned?: Float64Array): ArrayFacts {
  const v = array.values;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const facts = { n: v.length, sum, min, max, shape: array.shape };
  if (v.length > settings.hoverMaxElements) return { ...facts, truncated: true };
  const options = measureOptions(settings);
  try {
    const h = entropy(v, options);
    const refused = strictRefusal(settings, h);
    if (refused) return { ...facts, notDistribution: refused.replace(/\.$/, '') };
    const bits = entropy(v, { ...options, base: 2 });
    const withEntropy = {
      ...facts,
      entropy: { value: h.value, unit: h.unit, bits: bits.value, normalized: h.normalized },
      conventions: conventionsText(settings, h),
    };
    if (!pinned || pinned.length !== v.length) return withEntropy;
    try {
      const kl = klDivergence(v, pinned, options);
      if (strictRefusal(settings, kl)) return withEntropy;
      const vsPinned = {
        kl: kl.value,
        reverseKl: klDivergence(pinned, v, options).value,
        js: jsDivergence(v, pinned, options).value,
        unit: kl.unit,
      };
      return { ...withEntropy, vsPinned };
    } catch (e) {
      if (isDivergenceError(e)) return withEntropy;
      throw e;
    }
  } catch (e) {
    if (isDivergenceError(e)) return { ...facts, notDistribution: e.message.replace(/\.$/, '') };
    throw e;
  }
}

/**
 * For a literal that is not a distribution as probabilities: its entropy read as logits and as
 * log-probabilities, those its values allow (`offeredReadings`: a negative value, or a name like `logits`,
 * whose reading comes first and says so), each with its conventions, and the setting that makes it the
 * reading; '' when none applies.
 */
export function readingsMarkdown(array: ParsedArray, settings: DivergenceSettings): string {
  if (settings.input !== 'prob') return '';
  const offered = offeredReadings([array.values], [array.name]);
  if (offered.readings.length === 0) return '';
  const f = (x: number) => formatSignificant(x, settings.significantDigits);
  const lines = measureByReading(offered, settings, (o) => entropy(array.values, o)).map(({ reading, result, conventions, problem }) => {
    if (!result || !conventions) return `As ${READING_NAMES[reading]}: ${problem}`;
    const bits = result.unit === 'bits' ? '' : ` (${f(entropy(array.values, { ...measureOptions(readAs(settings, reading)), base: '2' }).value)} bits)`;
    return `${conventions.charAt(0).toUpperCase()}${conventions.slice(1)}: H(P) = **${f(result.value)} ${result.unit}**${bits}`;
  });
  const kinds = offered.readings.map((r) => `"${r}"`).join(' or ');
  return ['', ...lines.flatMap((l) => ['', l]), '', `_Set \`divergenceLens.input\` to ${kinds} to read values so everywhere._`].join('\n');
}

/** The hover's Markdown for the literal under the cursor, and where it is; `undefined` when there is none. */
export function hoverAt(
  doc: LineSource,
  line: number,
  character: number,
  settings: DivergenceSettings,
  pinned?: Float64Array,
  isCancelled?: () => boolean,
): { readonly markdown: string; readonly hovered: HoveredArray } | undefined {
  const hovered = findHoveredArray(doc, line, character, isCancelled);
  if (!hovered || isCancelled?.()) return undefined;
  const facts = factsOf(hovered.array, settings, pinned);
  const readings = facts.notDistribution ? readingsMarkdown(hovered.array, settings) : '';
  return { markdown: arraySummaryMarkdown(facts, settings.significantDigits) + readings, hovered };
}

/** A LineSource over a string (the benchmark and the tests). */
export function linesOf(text: string): LineSource {
  const lines = text.split(/\r\n|\r|\n/);
  return { lineCount: lines.length, lineAt: (i) => lines[i] ?? '' };
}
