import * as vscode from 'vscode';
import { entropy, jsDivergence, klDivergence } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { findArrayLiterals, type ParsedArray } from '../../data/parseArrayLiteral';
import { arraySummaryMarkdown, type ArrayFacts } from '../../shared/arraySummary';
import type { DivergenceSettings } from '../config';

/** Lines read on each side of the hovered line, so a literal spread over several lines is found whole. */
const CONTEXT_LINES = 40;
/** The most text a hover reads: bounds its cost whatever the document. */
const MAX_CONTEXT_CHARS = 2_000_000;

/** Languages whose array literals the hover reads (Jupyter cells are these languages too). */
export const HOVER_LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc', 'julia', 'r', 'matlab', 'plaintext'];

/**
 * The hover on an array literal: its size, sum and range, and whether it is a distribution with its entropy.
 * Reads the document only; bounded in text and elements; honours cancellation.
 */
export class ArrayHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly settings: (scope: vscode.Uri) => DivergenceSettings,
    private readonly pinned: () => Float64Array | undefined = () => undefined,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const settings = this.settings(document.uri);
    if (!settings.hoverEnabled) return undefined;
    const first = Math.max(0, position.line - CONTEXT_LINES);
    const last = Math.min(document.lineCount - 1, position.line + CONTEXT_LINES);
    const range = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
    const text = document.getText(range);
    if (text.length > MAX_CONTEXT_CHARS || token.isCancellationRequested) return undefined;
    const offset = document.offsetAt(position) - document.offsetAt(range.start);
    let arrays: ParsedArray[];
    try {
      arrays = findArrayLiterals(text, { maxElements: settings.hoverMaxElements });
    } catch (e) {
      if (isDivergenceError(e)) return undefined;
      throw e;
    }
    const hit = arrays.find((a) => a.start.offset <= offset && offset < a.end.offset);
    if (!hit || token.isCancellationRequested) return undefined;
    const md = new vscode.MarkdownString(
      arraySummaryMarkdown(factsOf(hit, settings.base, this.pinned()), settings.significantDigits),
    );
    const start = document.positionAt(document.offsetAt(range.start) + hit.start.offset);
    const end = document.positionAt(document.offsetAt(range.start) + hit.end.offset);
    return new vscode.Hover(md, new vscode.Range(start, end));
  }
}

/** Size, sum, range and, for a distribution, its entropy (and its divergences from a pinned Q of its length). */
export function factsOf(array: ParsedArray, base: string, pinned?: Float64Array): ArrayFacts {
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
  try {
    const h = entropy(v, { base });
    const bits = entropy(v, { base: 2 });
    const withEntropy = { ...facts, entropy: { value: h.value, unit: h.unit, bits: bits.value, normalized: h.normalized } };
    if (!pinned || pinned.length !== v.length) return withEntropy;
    try {
      const kl = klDivergence(v, pinned, { base });
      const vsPinned = { kl: kl.value, reverseKl: klDivergence(pinned, v, { base }).value, js: jsDivergence(v, pinned, { base }).value, unit: kl.unit };
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
