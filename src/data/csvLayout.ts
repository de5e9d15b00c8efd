/**
 * The parts of reading a CSV/TSV file that the text reader (csv.ts) and the byte reader (csvBytes.ts) share:
 * which delimiter the file uses, and which columns a selector names. Both must decide alike, so they decide
 * here, once.
 */
import { DivergenceError } from '../core/errors';
import { listNames, quoteText } from './textSupport';

/**
 * Comma or tab: counts both outside quotes in the first records (up to 10) of the text whose character (or
 * byte: the characters that matter are ASCII) at i is `code(i)`, from `start` to `length`. A delimiter found
 * the same number of times in each of them wins; if both or neither are, the more frequent one; a tie goes to
 * comma.
 */
export function detectDelimiter(code: (i: number) => number, length: number, start: number): ',' | '\t' {
  const commas: number[] = [];
  const tabs: number[] = [];
  let c1 = 0;
  let t1 = 0;
  let quoted = false;
  for (let i = start; i < length && commas.length < 10; i++) {
    const c = code(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted) {
      if (c === 44) c1++;
      else if (c === 9) t1++;
      else if (c === 10 || c === 13) {
        if (c1 + t1 > 0) {
          commas.push(c1);
          tabs.push(t1);
        }
        c1 = 0;
        t1 = 0;
      }
    }
  }
  if (c1 + t1 > 0) {
    commas.push(c1);
    tabs.push(t1);
  }
  const steady = (counts: number[]): boolean => counts.length > 0 && counts[0] > 0 && counts.every((n) => n === counts[0]);
  const sum = (counts: number[]): number => counts.reduce((a, b) => a + b, 0);
  const commaSteady = steady(commas);
  const tabSteady = steady(tabs);
  if (commaSteady !== tabSteady) return tabSteady ? '\t' : ',';
  return sum(tabs) > sum(commas) ? '\t' : ',';
}

/**
 * The selectors of a pick: as given, or, for a list from the command line (`split`), the one string cut at
 * its commas unless a header cell has that very name.
 */
export function splitSelectors(
  mode: { readonly selectors: readonly (string | number)[]; readonly split?: boolean },
  names: readonly string[],
  header: boolean,
): readonly (string | number)[] {
  const whole = mode.selectors[0];
  if (mode.split && typeof whole === 'string' && whole.includes(',') && !(header && names.includes(whole))) return whole.split(',');
  return mode.selectors;
}

/** The indices of the items that pass `test`. */
export function indicesWhere<T>(items: ArrayLike<T>, test: (item: T) => boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < items.length; k++) if (test(items[k])) out.push(k);
  return out;
}

/**
 * The 0-based column `sel` names: a header name (exact, else the one name equal to it once both are
 * trimmed), or, when no header cell has that name and it is all digits, a 0-based index; a number is an
 * index. `names` has one entry per column ('' without a header).
 */
export function resolveSelector(sel: string | number, names: readonly string[], header: boolean): number {
  const n = names.length;
  const describe = (): string => (header ? `columns: ${listNames(names)}` : 'the file has no header row');
  if (typeof sel === 'string') {
    const wanted = sel;
    let found = header ? indicesWhere(names, (name) => name === wanted) : [];
    if (found.length === 0 && header) found = indicesWhere(names, (name) => name.trim() === wanted.trim());
    if (found.length > 1) {
      throw new DivergenceError(
        'parse-error',
        `column name ${quoteText(sel)} appears ${found.length} times (columns ${found.map((k) => k + 1).join(', ')}); select it by its 0-based index`,
      );
    }
    if (found.length === 1) return found[0];
    if (!/^\d+$/.test(sel)) throw new DivergenceError('parse-error', `no column named ${quoteText(sel)}; ${describe()}`);
    sel = Number(sel);
  }
  if (!Number.isInteger(sel) || sel < 0 || sel >= n) {
    throw new DivergenceError('parse-error', `no column ${sel}: the file has ${n} column${n === 1 ? '' : 's'} (0-based indices 0 to ${n - 1})${header ? `; ${describe()}` : ''}`);
  }
  return sel;
}
