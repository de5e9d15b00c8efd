import { open } from 'node:fs/promises';

/**
 * Positioned reads from a local file of known size: the shape of `RandomAccessReader` (src/data/npyStream.ts),
 * which the chunked readers (openNpyStream, readCsvColumnsInChunks) take.
 */
export interface FileReader {
  /** The file's size in bytes, when it was opened. */
  readonly size: number;
  /** Reads up to target.length bytes from `position`; resolves to the number read (0 at the end). */
  read(position: number, target: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

/** Opens `path` for positioned reads (fs errors such as ENOENT reject as they are). */
export async function fileReader(path: string): Promise<FileReader> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      read: async (position, target) => (await handle.read(target, 0, target.length, position)).bytesRead,
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
