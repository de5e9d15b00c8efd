import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { DivergenceError } from '../core/errors';
import { parseArrayLiteral } from '../data/parseArrayLiteral';

/** Text files larger than this are refused rather than read whole into memory. */
const MAX_TEXT_FILE_BYTES = 512 * 1024 * 1024;
const TEXT_EXTENSIONS = new Set(['.txt', '.json', '']);

/**
 * An input SPEC of the command line: inline array text, or `@path` naming a file of numbers.
 * `what` names the input in messages ("--p").
 */
export function readSpec(spec: string, what: string): Float64Array {
  if (!spec.startsWith('@')) return withWhere(() => parseArrayLiteral(spec).values, what);
  const path = spec.slice(1);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new DivergenceError('file-not-found', `${what}: '${path}' is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof DivergenceError) throw e;
    throw new DivergenceError('file-not-found', `${what}: cannot read '${path}': no such file`);
  }
  const ext = extname(path).toLowerCase();
  if (!TEXT_EXTENSIONS.has(ext)) {
    throw new DivergenceError('unsupported-file', `${what}: '${path}': ${ext} files are not read yet; use a .txt or .json file of numbers`);
  }
  if (size > MAX_TEXT_FILE_BYTES) {
    throw new DivergenceError('unsupported-file', `${what}: '${path}' is ${size} bytes, more than the ${MAX_TEXT_FILE_BYTES} a text input may have`);
  }
  const text = readFileSync(path, 'utf8');
  return withWhere(() => parseArrayLiteral(text).values, `${what} (${path})`);
}

function withWhere<T>(f: () => T, what: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DivergenceError) throw new DivergenceError(e.code, `${what}: ${e.message}`, e.location);
    throw e;
  }
}
