/**
 * One table split into reference and current rows by a column's values: which columns can split it, into
 * which groups. Pure (no vscode): the command asks the user among these.
 */
import { throwIfCancelled } from '../data/table';
import { presentValues, type ColumnSource, type DriftColumn, type DriftTable, type ReadControl, type TableSplit } from '../drift';

/** Columns with more distinct values than this are not offered (a date column is offered by year). */
export const MAX_SPLIT_GROUPS = 50;

/** A group of rows: a value of the column (or a year of a date column) and its number of rows. */
export interface SplitGroup {
  readonly value: string;
  readonly rows: number;
}

export interface SplitChoice {
  readonly column: string;
  /** "4 years: 2012 (366 rows), 2013 (365 rows), …" */
  readonly description: string;
  readonly groups: readonly SplitGroup[];
}

/** An ISO date or date-time: `splitTable` picks its rows by year ("2012" picks 2012-05-01). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function groupsOf(column: DriftColumn): { groups: SplitGroup[]; byYear: boolean } {
  const values = column.kind === 'numeric' ? Array.from(presentValues(column), String) : presentValues(column);
  const byYear = values.length > 0 && column.kind === 'categorical' && values.every((v) => ISO_DATE.test(v));
  const counts = new Map<string, number>();
  for (const v of values) {
    const key = byYear ? v.slice(0, 4) : v;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  if (column.kind === 'numeric' && !byYear) keys.sort((a, b) => Number(a) - Number(b));
  else keys.sort();
  return { groups: keys.map((value) => ({ value, rows: counts.get(value)! })), byYear };
}

/** The split by `column`'s values or years, when it has 2 to {@link MAX_SPLIT_GROUPS} of them. */
function splitChoice(column: DriftColumn): SplitChoice | undefined {
  const { groups, byYear } = groupsOf(column);
  if (groups.length < 2 || groups.length > MAX_SPLIT_GROUPS) return undefined;
  const listed = groups.slice(0, 4).map((g) => `${g.value} (${g.rows} rows)`).join(', ');
  return { column: column.name, description: `${groups.length} ${byYear ? 'years' : 'values'}: ${listed}${groups.length > 4 ? ', …' : ''}`, groups };
}

/**
 * The columns that can split `table`: a date column by its years, any other column with 2 to
 * {@link MAX_SPLIT_GROUPS} distinct values by its values (numbers ascending, text sorted).
 */
export function splitChoices(table: DriftTable): SplitChoice[] {
  return table.columns.map(splitChoice).filter((c) => c !== undefined);
}

/**
 * {@link splitChoices} of a table file read `columnsPerPass` columns at a time (progress 0 to 1 over the
 * passes), for a file too big to hold whole.
 *
 * @throws a 'usage' DivergenceError when cancelled; the reader's errors.
 */
export async function splitChoicesOfSource(source: ColumnSource, columnsPerPass: number, control: ReadControl = {}): Promise<SplitChoice[]> {
  const size = Math.max(1, Math.floor(columnsPerPass));
  const passes = Math.ceil(source.names.length / size);
  const choices: SplitChoice[] = [];
  for (let p = 0; p < passes; p++) {
    throwIfCancelled(control, 'the table');
    const table = await source.read(source.names.slice(p * size, (p + 1) * size), { ...control, onProgress: (f) => control.onProgress?.((p + f) / passes) });
    choices.push(...splitChoices(table));
  }
  return choices;
}

/** A split as the command line writes it: `year=2012+2013,2015`. */
export function splitText(split: TableSplit): string {
  return `${split.column}=${split.reference.join('+')},${split.current.join('+')}`;
}
