import * as vscode from 'vscode';
import { parseCsv, type CsvOptions } from '../data/csv';
import { readCsvColumnListInChunks } from '../data/csvChunks';
import { fileReader } from '../compute/fileReader';
import { percentReporter } from './offThread';

/**
 * CSV/TSV files too big to read whole in the extension host (over `BIG_CSV_BYTES`): their columns are listed
 * from the first MiB, and the two chosen are read in pieces behind a cancellable progress notification, the
 * event loop turning between pieces. Memory: the two columns (16 bytes a row, up to twice that while they
 * grow) and one piece of text.
 */
export const BIG_CSV_BYTES = 64 * 1024 * 1024;

/** A column of a big CSV, as listed from the file's first MiB. */
export interface BigCsvColumn {
  readonly label: string;
  readonly description: string;
  /** Header name, or the 0-based index when the file has no header. */
  readonly selector: string | number;
}

export function csvOptionsFor(fileName: string): CsvOptions {
  return { delimiter: fileName.toLowerCase().endsWith('.tsv') ? '\t' : 'auto' };
}

/** The numeric-looking columns of a big CSV/TSV, from the records in its first MiB. */
export async function listBigCsvColumns(path: string, fileName: string): Promise<BigCsvColumn[]> {
  const reader = await fileReader(path);
  try {
    const head = new Uint8Array(Math.min(reader.size, 1 << 20));
    const n = await reader.read(0, head);
    const text = new TextDecoder().decode(head.subarray(0, n));
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    const table = parseCsv(lastBreak > 0 ? text.slice(0, lastBreak + 1) : text, csvOptionsFor(fileName));
    return table.columns
      .filter((c) => c.values !== null)
      .map((c) => ({
        label: table.header ? c.name : `column ${c.index}`,
        description: `column ${c.index + 1} of ${table.columns.length}; first values ${Array.from(c.values!.subarray(0, 3)).join(', ')}…`,
        selector: table.header ? c.name : c.index,
      }));
  } finally {
    await reader.close?.();
  }
}

/**
 * Columns P and Q of a big CSV/TSV, read in pieces with a progress notification; undefined when cancelled.
 *
 * @throws DivergenceError as `csvColumns` on the whole text (with the line and column of a bad cell).
 */
export async function readBigCsvPair(path: string, fileName: string, p: BigCsvColumn, q: BigCsvColumn): Promise<[Float64Array, Float64Array] | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Divergence Lens: reading ${fileName}`, cancellable: true },
    async (progress, token) => {
      const reader = await fileReader(path);
      const signal = { aborted: false };
      const subscription = token.onCancellationRequested(() => (signal.aborted = true));
      try {
        const { columns } = await readCsvColumnListInChunks(reader, [p.selector, q.selector], {
          ...csvOptionsFor(fileName),
          signal,
          pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
          onProgress: percentReporter(progress),
        });
        return [columns[0]!, columns[1]!] as [Float64Array, Float64Array];
      } catch (e) {
        if (e instanceof Error && e.name === 'AbortError') return undefined;
        throw e;
      } finally {
        subscription.dispose();
        await reader.close?.();
      }
    },
  );
}
