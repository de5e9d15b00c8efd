/**
 * A .npy file read in chunks rather than whole: the header first, then any range of values on demand, decoded
 * to doubles exactly as `parseNpy` decodes them. This is how a 10^8-value file (800 MB of float64) is worked
 * through with memory bounded by the chunk size: the caller (the extension or the CLI) hands the values
 * straight to the worker pool's staging ring, which the WASM workers read from.
 *
 * Pure: the file is reached through a `RandomAccessReader` the caller supplies (three lines over
 * `fs.promises.FileHandle`), so this module imports no Node built-ins.
 */
import { DivergenceError } from '../core/errors';
import { decodeNpyData, LITTLE_ENDIAN_HOST, npyDataOffset, readNpyHeader, type NpyHeader } from './npy';

/** Positioned reads from a file of known size. */
export interface RandomAccessReader {
  /** The file's size in bytes, when it was opened. */
  readonly size: number;
  /** Reads up to target.length bytes from `position` into target; resolves to the number of bytes read (0 at the end). */
  read(position: number, target: Uint8Array): Promise<number>;
  close?(): Promise<void>;
}

/** Values of a .npy file, read on demand (structurally a compute `ChunkSource`). */
export interface NpyStream {
  readonly header: NpyHeader;
  /** Number of values: the product of the shape. */
  readonly length: number;
  /** Writes values [start, end) into target[at, at + end - start). */
  read(start: number, end: number, target: Float64Array, at: number): Promise<void>;
  /** What the conversion to doubles changed (int64 values beyond 2^53 rounded), in words, so far. */
  readonly notes: string[];
  close(): Promise<void>;
}

/** Bytes read per call when the data has to be decoded (not little-endian float64 read in place). */
const SCRATCH_BYTES = 1 << 20;
/** The header is read from a prefix of this size, or longer when it says it is longer. */
const PREFIX_BYTES = 1 << 16;

/**
 * Reads the header of the .npy file behind `reader` and returns a stream of its values. Takes 0-D and 1-D
 * arrays, and 2-D arrays with one row or one column (the values in order); other 2-D arrays are refused with
 * `unsupported-file` (pick a row or column with the whole-file reader instead).
 *
 * @throws DivergenceError as `readNpyHeader` (a truncated file, a header whose shape needs more bytes than the
 *   file has: refused before anything is allocated), and `unsupported-file` as above.
 */
export async function openNpyStream(reader: RandomAccessReader): Promise<NpyStream> {
  const prefix = await readFully(reader, 0, Math.min(reader.size, PREFIX_BYTES));
  let header: NpyHeader;
  try {
    header = readNpyHeader(prefix, reader.size);
  } catch (e) {
    // The header may be longer than the prefix: read exactly as much as it says, once.
    const needed = npyDataOffset(prefix);
    if (needed === undefined || !(needed > prefix.length && needed <= reader.size)) throw e;
    header = readNpyHeader(await readFully(reader, 0, needed), reader.size);
  }
  const { shape } = header;
  if (shape.length === 2 && shape[0] !== 1 && shape[1] !== 1) {
    throw new DivergenceError(
      'unsupported-file',
      `the array has shape (${shape[0]}, ${shape[1]}): a file read in chunks must hold one array of values (1-D, or one row or column)`,
    );
  }
  return new NpyFileStream(reader, header);
}

class NpyFileStream implements NpyStream {
  readonly length: number;
  readonly notes: string[] = [];
  private scratch: Uint8Array | undefined;

  constructor(
    private readonly reader: RandomAccessReader,
    readonly header: NpyHeader,
  ) {
    this.length = header.count;
  }

  async read(start: number, end: number, target: Float64Array, at: number): Promise<void> {
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= this.length)) {
      throw new RangeError(`values [${start}, ${end}) are outside the file's ${this.length} values`);
    }
    const h = this.header;
    const size = h.itemSize;
    const position = h.dataOffset + start * size;
    const count = end - start;
    if (h.kind === 'f' && size === 8 && h.littleEndian && LITTLE_ENDIAN_HOST) {
      // Straight into the target (the pool's shared ring): no copy, no conversion.
      const bytes = new Uint8Array(target.buffer, target.byteOffset + at * 8, count * 8);
      await this.readExactly(position, bytes, start);
      return;
    }
    const perCall = Math.max(1, Math.floor(SCRATCH_BYTES / size));
    this.scratch ??= new Uint8Array(perCall * size);
    for (let done = 0; done < count; ) {
      const k = Math.min(perCall, count - done);
      const bytes = this.scratch.subarray(0, k * size);
      await this.readExactly(position + done * size, bytes, start + done);
      decodeNpyData(bytes, h, target, at + done, this.notes);
      done += k;
    }
  }

  async close(): Promise<void> {
    await this.reader.close?.();
  }

  private async readExactly(position: number, bytes: Uint8Array, firstValue: number): Promise<void> {
    let got = 0;
    while (got < bytes.length) {
      const n = await this.reader.read(position + got, bytes.subarray(got));
      if (n <= 0) {
        const value = firstValue + Math.floor(got / this.header.itemSize);
        throw new DivergenceError(
          'unsupported-file',
          `the file ended at value ${value} of the ${this.length} its header declares: it was truncated or changed while being read`,
          { index: value },
        );
      }
      got += n;
    }
  }
}

async function readFully(reader: RandomAccessReader, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const n = await reader.read(position + got, bytes.subarray(got));
    if (n <= 0) break;
    got += n;
  }
  return got === length ? bytes : bytes.subarray(0, got);
}
