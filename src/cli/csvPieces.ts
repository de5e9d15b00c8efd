/**
 * CSV/TSV files the command line reads in pieces: big files (over CSV_PIECEWISE_BYTES) and gzip-compressed
 * ones (`.csv.gz`, `.tsv.gz`, decompressed as a stream, never whole). The result and the errors are those of
 * the whole-text reader (csvChunks.ts), the errors' lines and data rows being the decompressed file's.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { DivergenceError } from '../core/errors';
import { csvColumns, type CsvOptions } from '../data/csv';
import { readCsvColumnsInChunksSync } from '../data/csvChunks';
import { openGunzipSync } from './gunzipSync';

/** How much of the start of the file settles which columns are numeric when none is named. */
const HEAD_BYTES = 1 << 20;

/**
 * The columns of the CSV/TSV text that `next` gives in order (`next(target)` fills target from its start and
 * returns how many bytes it wrote, 0 at the end): `selector` as for a whole text (a column name or index, a
 * comma-separated list for a matrix), or none: the first numeric column (all of them for a matrix), found in
 * the first MiB. `size`: the text's length, or an upper bound; `expectedBytes` sizes the columns up front.
 */
export function readCsvPieces(
  next: (target: Uint8Array) => number,
  size: number,
  expectedBytes: number,
  selector: string | undefined,
  matrix: boolean,
  options: CsvOptions,
): { values: Float64Array; shape: number[] } {
  const head = new Uint8Array(Math.min(size, HEAD_BYTES));
  let headLength = 0;
  for (let n = 1; n > 0 && headLength < head.length; headLength += n) n = next(head.subarray(headLength));
  let selectors: (string | number)[];
  if (selector !== undefined) selectors = matrix && selector.includes(',') ? selector.split(',') : [selector];
  else {
    const text = new TextDecoder().decode(head.subarray(0, headLength));
    const whole = text.slice(0, Math.max(text.lastIndexOf('\n'), 1));
    const numeric = csvColumns(whole, undefined, options).indices;
    selectors = matrix ? numeric : numeric.slice(0, 1);
  }
  const read = (position: number, target: Uint8Array): number => {
    if (position >= headLength) return next(target);
    const n = Math.min(target.length, headLength - position);
    target.set(head.subarray(position, position + n));
    return n;
  };
  const m = readCsvColumnsInChunksSync(read, size, selectors, { ...options, expectedBytes });
  if (!matrix || m.shape[1] === 1) return { values: m.values, shape: [m.shape[0]] };
  return { values: m.values, shape: [...m.shape] };
}

/** A `.csv.gz` / `.tsv.gz` file's columns (see `readCsvPieces`), decompressed as a stream. */
export function readGzipCsv(path: string, selector: string | undefined, matrix: boolean): { values: Float64Array; shape: number[] } {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.csv.gz') && !lower.endsWith('.tsv.gz')) {
    throw new DivergenceError('unsupported-file', 'of gzip-compressed files, .csv.gz and .tsv.gz are read');
  }
  const compressed = statSync(path).size;
  const reader = openGunzipSync(path);
  try {
    return readCsvPieces((target) => reader.read(target), Number.MAX_SAFE_INTEGER, expectedSize(path, compressed), selector, matrix, {
      delimiter: lower.endsWith('.tsv.gz') ? '\t' : 'auto',
    });
  } catch (e) {
    // A damaged block may decompress to garbage before zlib notices (at the checksum): the CSV error it
    // causes is then not the news. The rest of the stream is read to find out.
    if (e instanceof DivergenceError && !e.message.startsWith('corrupt gzip stream')) {
      const scratch = new Uint8Array(1 << 20);
      while (reader.read(scratch) > 0);
    }
    throw e;
  } finally {
    reader.close();
  }
}

/**
 * The decompressed size as the gzip trailer gives it (ISIZE: the size modulo 2^32), when it is plausible (at
 * least the compressed size); 0 (unknown) otherwise.
 */
function expectedSize(path: string, compressed: number): number {
  if (compressed < 18) return 0;
  const trailer = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, trailer, 0, 4, compressed - 4);
  } finally {
    closeSync(fd);
  }
  const size = trailer.readUInt32LE(0);
  return size >= compressed ? size : 0;
}
