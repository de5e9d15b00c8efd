/**
 * JSON files -> numeric arrays.
 *
 * What is read
 * - A top-level array of numbers (1-D), of rows of numbers (2-D, every row as long as the first), or a
 *   single number (0-D, shape []).
 * - With a key path: the value at `key`, or at a dotted path `a.b.0.c` (object keys and array indices).
 *   A key that itself contains dots is found too: at each object the longest run of segments that is one of
 *   its keys is taken (`"p.value"` before `p` then `value`).
 * - Records, as vega-datasets and pandas `to_json(orient='records')` write them: when the path reaches an
 *   array of objects, the rest of the path picks a field of every record (`penguins.json` with
 *   `Body Mass (g)`). A record lacking the field or holding null is a `parse-error` naming the record's
 *   index, the count of such records and where the first is; `missing: 'skip'` leaves those records out
 *   instead, and the result says how many it skipped.
 * - `NaN`, `Infinity` and `-Infinity` as bare words, which Python's `json.dump` writes (and which are
 *   values in log space), are accepted where a number may stand.
 *
 * Errors: syntax errors are `parse-error` with the line and column of the offending character (V8's
 * messages no longer give a position, so a small validating scanner finds it); a value of the wrong kind
 * names its path and position. Nesting deeper than 10^4 levels is refused before `JSON.parse` sees the text
 * (V8's parser copes with deep input, but nothing numeric nests that deep and every walk over the result
 * would have to be written with that in mind).
 */
import { DivergenceError } from '../core/errors';
import { listNames, positionAt, quoteText, rejectBinaryText } from './textSupport';

export interface JsonArrayOptions {
  /** Records lacking the field, or holding null: an error (default) or left out. */
  readonly missing?: 'error' | 'skip';
}

export interface JsonArray {
  /** Row-major, flattened. */
  readonly values: Float64Array;
  /** [] for a number, [n] or [rows, cols]. */
  readonly shape: number[];
  /** Records left out by `missing: 'skip'` (0 otherwise). */
  readonly skipped: number;
}

/** The deepest nesting of arrays and objects accepted. */
export const MAX_JSON_DEPTH = 10_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PathSegment = string | number;

/** Markers standing for the non-finite words: strings no real data would hold. */
const NONFINITE_MARK: Readonly<Record<string, number>> = { '\u0000NaN': NaN, '\u0000Infinity': Infinity, '\u0000-Infinity': -Infinity };

/** The numeric array in a JSON text, at `keyPath` when given (see the module doc). */
export function jsonArray(text: string, keyPath?: string, options: JsonArrayOptions = {}): JsonArray {
  rejectBinaryText(text, 'JSON');
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bomShift = src === text ? 0 : 1;
  const root = parseJson(src, bomShift, text);
  const segments = keyPath === undefined || keyPath === '' ? [] : keyPath.split('.');
  const ctx: Ctx = { text: src, bomShift, original: text, keyPath: keyPath ?? '' };
  return extract(root, segments, ctx, options.missing ?? 'error');
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

function fail(original: string, offset: number, message: string): never {
  const { line, column } = positionAt(original, offset);
  throw new DivergenceError('parse-error', `line ${line}, column ${column}: ${message}`, { line, column, offset });
}

function parseJson(src: string, bomShift: number, original: string): Json {
  checkDepth(src, bomShift, original);
  try {
    return JSON.parse(src) as Json;
  } catch {
    // Find where, and whether only the non-finite words stand in the way.
    const r = scanJson(src, true);
    if (r.error) fail(original, r.error.offset + bomShift, r.error.message);
    if (r.nonFinite.length === 0) fail(original, bomShift, 'this is not valid JSON');
    let rebuilt = '';
    let last = 0;
    for (let k = 0; k < r.nonFinite.length; k += 2) {
      const s = r.nonFinite[k];
      const e = r.nonFinite[k + 1];
      rebuilt += `${src.slice(last, s)}"\\u0000${src.slice(s, e)}"`;
      last = e;
    }
    rebuilt += src.slice(last);
    return JSON.parse(rebuilt) as Json;
  }
}

/** Refuses nesting deeper than MAX_JSON_DEPTH, counting brackets outside strings, without recursion. */
function checkDepth(src: string, bomShift: number, original: string): void {
  let depth = 0;
  const len = src.length;
  for (let i = 0; i < len; i++) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < len) {
        const d = src.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) fail(original, i + bomShift, `arrays and objects nest deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 93 || c === 125) depth--;
  }
}

interface ScanResult {
  readonly error?: { offset: number; message: string };
  /** Start and end offsets of each NaN / Infinity / -Infinity word, when allowed. */
  readonly nonFinite: number[];
}

function describeChar(src: string, i: number): string {
  return i >= src.length ? 'the end of the text' : quoteText(src[i]);
}

/**
 * A validating scan of JSON (RFC 8259), iterative, to say where a text stops being JSON. With `extended`,
 * the words NaN, Infinity and -Infinity are values too (their positions are returned).
 */
function scanJson(src: string, extended: boolean): ScanResult {
  const len = src.length;
  const nonFinite: number[] = [];
  // Container stack: 1 = array, 2 = object.
  const stack: number[] = [];
  let i = 0;
  const ws = (): void => {
    while (i < len) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const err = (message: string): ScanResult => ({ error: { offset: i, message }, nonFinite });
  const string = (): string | undefined => {
    // At a quote; returns an error message or undefined.
    const start = i;
    i++;
    while (i < len) {
      const c = src.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c === 92) {
        const e = src.charCodeAt(i + 1);
        if (e === 117) {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) return 'a \\u escape needs four hex digits';
          i += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i += 2;
        else {
          i++;
          return `${describeChar(src, i)} cannot follow a backslash in a string`;
        }
      } else if (c < 32) return 'a control character (such as a line break) inside a string; write it as an escape';
      else i++;
    }
    i = start;
    return 'a string is never closed';
  };
  const word = (w: string): boolean => {
    if (src.startsWith(w, i)) {
      i += w.length;
      return true;
    }
    return false;
  };
  const number = (): string | undefined => {
    const start = i;
    if (src.charCodeAt(i) === 45) i++;
    const d0 = src.charCodeAt(i);
    if (d0 === 48) i++;
    else if (d0 >= 49 && d0 <= 57) while (isDigit(src.charCodeAt(i))) i++;
    else return start === i ? `unexpected ${describeChar(src, i)}` : `a digit must follow '-'`;
    if (src.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(src.charCodeAt(i))) return 'a digit must follow the decimal point';
      while (isDigit(src.charCodeAt(i))) i++;
    }
    if ((src.charCodeAt(i) | 32) === 101) {
      i++;
      if (src.charCodeAt(i) === 43 || src.charCodeAt(i) === 45) i++;
      if (!isDigit(src.charCodeAt(i))) return 'a digit must follow the exponent';
      while (isDigit(src.charCodeAt(i))) i++;
    }
    return undefined;
  };
  /** One value at i (containers only opened). Returns an error message or undefined. */
  const value = (): string | undefined => {
    const c = src.charCodeAt(i);
    if (c === 91 || c === 123) {
      stack.push(c === 91 ? 1 : 2);
      i++;
      return undefined;
    }
    if (c === 34) return string();
    if (extended) {
      const s = i;
      if (word('NaN') || word('Infinity') || word('-Infinity')) {
        nonFinite.push(s, i);
        return undefined;
      }
    }
    if (word('true') || word('false') || word('null')) return undefined;
    if (c === 45 || isDigit(c)) return number();
    return i >= len ? 'the text ends where a value should be' : `unexpected ${describeChar(src, i)} where a value should be`;
  };

  ws();
  let m = value();
  if (m) return err(m);
  // After a value (or an opened container): state machine over the stack.
  let justOpened = stack.length > 0;
  while (stack.length > 0) {
    ws();
    const top = stack[stack.length - 1];
    const c = src.charCodeAt(i);
    if (justOpened) {
      justOpened = false;
      if ((top === 1 && c === 93) || (top === 2 && c === 125)) {
        stack.pop();
        i++;
        continue;
      }
    } else if (c === 44) {
      i++;
      ws();
    } else if ((top === 1 && c === 93) || (top === 2 && c === 125)) {
      stack.pop();
      i++;
      continue;
    } else {
      const closer = top === 1 ? "']'" : "'}'";
      return err(i >= len ? `the text ends inside ${top === 1 ? 'an array' : 'an object'}` : `expected ',' or ${closer}, found ${describeChar(src, i)}`);
    }
    if (top === 2) {
      if (src.charCodeAt(i) !== 34) return err(i >= len ? 'the text ends inside an object' : `expected a key in double quotes, found ${describeChar(src, i)}`);
      m = string();
      if (m) return err(m);
      ws();
      if (src.charCodeAt(i) !== 58) return err(`expected ':' after the key, found ${describeChar(src, i)}`);
      i++;
      ws();
    }
    const before = stack.length;
    m = value();
    if (m) return err(m);
    justOpened = stack.length > before;
  }
  ws();
  if (i < len) return err(`unexpected ${describeChar(src, i)} after the end of the JSON value`);
  return { nonFinite };
}

/** Whitespace or punctuation: where a number or word ends. */
function isValueEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 93 || c === 125 || c === 58;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The offset of the value at `path` in a valid JSON text, for messages; undefined if it is not there. An
 * iterative walk that skips whatever it does not need.
 */
function locate(src: string, path: readonly PathSegment[]): number | undefined {
  let i = 0;
  const len = src.length;
  const ws = (): void => {
    while (i < len && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9 || src.charCodeAt(i) === 10 || src.charCodeAt(i) === 13)) i++;
  };
  const skipString = (): void => {
    i++;
    while (i < len) {
      const c = src.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) {
        i++;
        return;
      } else i++;
    }
  };
  const skipValue = (): void => {
    let depth = 0;
    do {
      ws();
      const c = src.charCodeAt(i);
      if (c === 34) skipString();
      else if (c === 91 || c === 123) {
        depth++;
        i++;
      } else if (c === 93 || c === 125) {
        depth--;
        i++;
      } else if (c === 44 || c === 58) i++;
      else while (i < len && !isValueEnd(src.charCodeAt(i))) i++;
      ws();
    } while (depth > 0 && i < len);
  };
  ws();
  for (const seg of path) {
    const c = src.charCodeAt(i);
    if (c === 91 && typeof seg === 'number') {
      i++;
      for (let k = 0; k < seg; k++) {
        ws();
        if (src.charCodeAt(i) === 93) return undefined;
        skipValue();
        ws();
        if (src.charCodeAt(i) !== 44) return undefined;
        i++;
      }
      ws();
      if (src.charCodeAt(i) === 93) return undefined;
    } else if (c === 123 && typeof seg === 'string') {
      i++;
      for (;;) {
        ws();
        if (src.charCodeAt(i) !== 34) return undefined;
        const ks = i;
        skipString();
        const key = JSON.parse(src.slice(ks, i)) as string;
        ws();
        i++; // ':'
        ws();
        if (key === seg) break;
        skipValue();
        ws();
        if (src.charCodeAt(i) !== 44) return undefined;
        i++;
      }
    } else return undefined;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------------------
// Extraction

interface Ctx {
  readonly text: string;
  readonly bomShift: number;
  readonly original: string;
  readonly keyPath: string;
}

function kindOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string (${quoteText(v)})`;
  if (typeof v === 'boolean') return `${v}`;
  return 'a number';
}

function pathText(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'the top level' : quoteText(path.join('.'), 80);
}

function failAt(ctx: Ctx, path: readonly PathSegment[], message: string, index?: number): never {
  const at = locate(ctx.text, path);
  if (at === undefined) throw new DivergenceError('parse-error', message, index === undefined ? {} : { index });
  const offset = at + ctx.bomShift;
  const { line, column } = positionAt(ctx.original, offset);
  throw new DivergenceError('parse-error', `${message} (line ${line}, column ${column})`, { line, column, offset, ...(index === undefined ? {} : { index }) });
}

function asNumber(v: Json): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.charCodeAt(0) === 0 && v in NONFINITE_MARK) return NONFINITE_MARK[v];
  return undefined;
}

function isRecord(v: Json): v is { [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Follows `segments` from `node`; at an array of records with segments left, reads a field of each. */
function extract(root: Json, segments: readonly string[], ctx: Ctx, missing: 'error' | 'skip'): JsonArray {
  let node = root;
  const path: PathSegment[] = [];
  let k = 0;
  while (k < segments.length) {
    if (Array.isArray(node)) {
      const seg = segments[k];
      if (/^\d+$/.test(seg)) {
        const idx = Number(seg);
        if (idx >= node.length) failAt(ctx, path, `${pathText(path)} has ${node.length} elements; there is no element ${idx}`);
        node = node[idx];
        path.push(idx);
        k++;
        continue;
      }
      if (node.length > 0 && node.every(isRecord)) return fromRecords(node as { [key: string]: Json }[], segments.slice(k), path, ctx, missing);
      failAt(ctx, path, `${pathText(path)} is an array, not an object or an array of records: there is no key ${quoteText(seg)}`);
    }
    if (!isRecord(node)) failAt(ctx, path, `${pathText(path)} is ${kindOf(node)}: there is no key ${quoteText(segments[k])} in it`);
    const obj = node;
    let j = segments.length;
    while (j > k && !Object.prototype.hasOwnProperty.call(obj, segments.slice(k, j).join('.'))) j--;
    if (j === k) failAt(ctx, path, `${pathText(path)} has no key ${quoteText(segments.slice(k).join('.'))}; its keys: ${listNames(Object.keys(obj))}`);
    const key = segments.slice(k, j).join('.');
    node = obj[key];
    path.push(key);
    k = j;
  }
  return fromValue(node, path, ctx);
}

function fromValue(node: Json, path: readonly PathSegment[], ctx: Ctx): JsonArray {
  const n = asNumber(node);
  if (n !== undefined) return { values: Float64Array.of(n), shape: [], skipped: 0 };
  if (isRecord(node)) {
    const keys = Object.keys(node);
    failAt(ctx, path, `${pathText(path)} is an object, not an array; name one of its keys${ctx.keyPath ? ` after '${ctx.keyPath}'` : ''}: ${listNames(keys)}`);
  }
  if (!Array.isArray(node)) failAt(ctx, path, `${pathText(path)} is ${kindOf(node)}, not an array of numbers`);
  if (node.length === 0) throw new DivergenceError('empty-input', `the array at ${pathText(path)} is empty`);
  if (node.every(isRecord)) {
    failAt(ctx, path, `${pathText(path)} is an array of records; name a field: ${listNames(Object.keys(node[0] as object))}`);
  }
  if (Array.isArray(node[0])) return fromRows(node, path, ctx);
  const values = new Float64Array(node.length);
  for (let i = 0; i < node.length; i++) {
    const v = asNumber(node[i]);
    if (v === undefined) {
      if (Array.isArray(node[i])) failAt(ctx, [...path, i], `element ${i} of ${pathText(path)} is an array, but element 0 is a number`, i);
      failAt(ctx, [...path, i], `element ${i} of ${pathText(path)} is ${kindOf(node[i])}, not a number`, i);
    }
    values[i] = v;
  }
  return { values, shape: [node.length], skipped: 0 };
}

function fromRows(rows: Json[], path: readonly PathSegment[], ctx: Ctx): JsonArray {
  const cols = (rows[0] as Json[]).length;
  if (cols === 0) throw new DivergenceError('empty-input', `row 0 of ${pathText(path)} is empty`);
  const values = new Float64Array(rows.length * cols);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) failAt(ctx, [...path, r], `row ${r} of ${pathText(path)} is ${kindOf(row)}, but row 0 is an array`, r);
    if (row.length !== cols) failAt(ctx, [...path, r], `row ${r} of ${pathText(path)} has ${row.length} element${row.length === 1 ? '' : 's'} but row 0 has ${cols}`, r);
    for (let c = 0; c < cols; c++) {
      const v = asNumber(row[c]);
      if (v === undefined) {
        if (Array.isArray(row[c])) {
          throw new DivergenceError('unsupported-file', `${pathText(path)} has 3 or more dimensions; only 1-D and 2-D arrays are read`);
        }
        failAt(ctx, [...path, r, c], `element [${r}][${c}] of ${pathText(path)} is ${kindOf(row[c])}, not a number`, r * cols + c);
      }
      values[r * cols + c] = v;
    }
  }
  return { values, shape: [rows.length, cols], skipped: 0 };
}

function fromRecords(records: { [key: string]: Json }[], segments: readonly string[], path: readonly PathSegment[], ctx: Ctx, missing: 'error' | 'skip'): JsonArray {
  const field = segments.join('.');
  const values = new Float64Array(records.length);
  let n = 0;
  const absent: number[] = [];
  let firstAbsentPath: PathSegment[] | undefined;
  let firstAbsentIsNull = false;
  for (let r = 0; r < records.length; r++) {
    // The field of one record, following the rest of the path through nested objects.
    let node: Json = records[r];
    const sub: PathSegment[] = [];
    let k = 0;
    for (;;) {
      if (k === segments.length) break;
      if (Array.isArray(node) && /^\d+$/.test(segments[k]) && Number(segments[k]) < node.length) {
        const idx = Number(segments[k]);
        node = node[idx];
        sub.push(idx);
        k++;
        continue;
      }
      if (!isRecord(node)) break;
      const obj: { [key: string]: Json } = node;
      let j = segments.length;
      while (j > k && !Object.prototype.hasOwnProperty.call(obj, segments.slice(k, j).join('.'))) j--;
      if (j === k) break;
      const key = segments.slice(k, j).join('.');
      node = obj[key];
      sub.push(key);
      k = j;
    }
    if (k < segments.length || node === null) {
      absent.push(r);
      if (!firstAbsentPath) {
        firstAbsentPath = [...path, r, ...sub];
        firstAbsentIsNull = node === null && k === segments.length;
      }
      continue;
    }
    const v = asNumber(node);
    if (v === undefined) failAt(ctx, [...path, r, ...sub], `record ${r} has ${kindOf(node)} for ${quoteText(field)}, not a number`, r);
    values[n++] = v;
  }
  if (absent.length > 0 && (missing === 'error' || n === 0)) {
    const list = absent.length <= 5 ? absent.join(', ') : `${absent.slice(0, 5).join(', ')}, …`;
    const first = absent[0];
    const what = n === 0 ? `no record has a number for ${quoteText(field)}; record ${first}` : `record ${first}`;
    failAt(
      ctx,
      firstAbsentPath!,
      `${what} ${firstAbsentIsNull ? 'has null for' : 'has no'} ${quoteText(field)}: ${absent.length} of ${records.length} records lack a number there (record${absent.length === 1 ? '' : 's'} ${list})`,
      first,
    );
  }
  return { values: n === values.length ? values : values.slice(0, n), shape: [n], skipped: absent.length };
}
