/**
 * The pure part of the hover (no vscode): which array literal is under the cursor, what to say about it, in
 * Markdown. The provider (arrayHoverProvider.ts) feeds it the document's lines; the benchmark and the unit
 * tests call it directly.
 */
import { entropy, jsDivergence, klDivergence } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { findArrayLiterals, type ParsedArray } from '../../data/parseArrayLiteral';
import { arraySummaryMarkdown, type ArrayFacts } from '../../shared/arraySummary';
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

/**
 * The array literal under (line, character), 0-based, or `undefined`. Reads ±CONTEXT_LINES lines, and more
 * (×16 each time, up to MAX_CONTEXT_CHARS) while the cursor is on literal text and the literal found, or the
 * lack of one, may be cut by the window's edge, so a 10^4-element literal spread over 2,000 lines is read whole.
 */
export function findHoveredArray(
  doc: LineSource,
  line: number,
  character: number,
  isCancelled: () => boolean = () => false,
): HoveredArray | undefined {
  const hoveredText = doc.lineAt(line);
  const expandable = onLiteralText(hoveredText, character);
  // A line of numbers only (the middle of a long literal): worth reading more lines to find where it starts.
  const numbersOnly = /\d/.test(hoveredText) && /^[\s\d.eE+\-,;[\](){}]*$/.test(hoveredText);
  for (let span = CONTEXT_LINES; ; span *= 16) {
    if (isCancelled()) return undefined;
    const first = Math.max(0, line - span);
    const last = Math.min(doc.lineCount - 1, line + span);
    const lines: string[] = [];
    let chars = 0;
    let offset = 0;
    for (let i = first; i <= last; i++) {
      const t = doc.lineAt(i);
      if (i === line) offset = chars + Math.min(character, t.length);
      chars += t.length + 1;
      if (chars > MAX_CONTEXT_CHARS) return undefined;
      lines.push(t);
    }
    const text = lines.join('\n');
    let arrays: ParsedArray[];
    try {
      arrays = findArrayLiterals(text, { maxElements: MAX_PARSE_ELEMENTS });
    } catch (e) {
      if (isDivergenceError(e)) return undefined;
      throw e;
    }
    const hit = arrays.find((a) => a.start.offset <= offset && offset < a.end.offset);
    const clippedTop = first > 0;
    const clippedBottom = last < doc.lineCount - 1;
    const lastWindowLine = last - first + 1;
    const cut = hit ? (clippedTop && hit.start.line === 1) || (clippedBottom && hit.end.line >= lastWindowLine) : clippedTop || clippedBottom;
    if (!cut) return hit && { array: hit, firstLine: first };
    if (!expandable || (!hit && !numbersOnly)) return undefined;
  }
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
  return { markdown: arraySummaryMarkdown(factsOf(hovered.array, settings, pinned), settings.significantDigits), hovered };
}

/** A LineSource over a string (the benchmark and the tests). */
export function linesOf(text: string): LineSource {
  const lines = text.split(/\r\n|\r|\n/);
  return { lineCount: lines.length, lineAt: (i) => lines[i] ?? '' };
}
