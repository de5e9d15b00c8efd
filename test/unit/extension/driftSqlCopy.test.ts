/**
 * Copy SQL for… of the Drift view: a dialect pick, then the first statement of `divergence sql drift` for the
 * report's columns on the clipboard, the tables as placeholders a notification names.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSql } from '../../../src/cli/sql';
import { readDriftTable } from '../../../src/drift';
import { DIALECT_NAMES } from '../../../src/engine/dialects';
import { reportPass1Sql } from '../../../src/engine/reportSql';
import { buildDriftView } from '../../../src/extension/driftReportView';
import { copyDriftSql } from '../../../src/extension/panel/driftSqlCopy';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsModel';
import type { DriftReportView } from '../../../src/shared/driftView';
import { fakes } from './commandFakes';
import { answers, pickLabel, shown } from './vscodeDouble';

const examples = join(__dirname, '..', '..', '..', 'examples');

/** What `divergence sql drift …` prints on stdout. */
function sqlDrift(...args: string[]): string {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  const status = (() => {
    try {
      return runSql(['drift', ...args]);
    } finally {
      process.stdout.write = write;
    }
  })();
  assert.equal(status, 0);
  return out;
}

describe('Copy SQL for… of the Drift view', () => {
  let view: DriftReportView;
  before(async () => {
    const read = async (name: string) => (await readDriftTable(name, new Uint8Array(readFileSync(join(examples, name))))).table;
    const tables = { reference: await read('seattle-2012.csv'), current: await read('seattle-2015.csv'), skipped: [] };
    view = await buildDriftView(tables, { reference: 'seattle-2012.csv', current: 'seattle-2015.csv' }, DEFAULT_SETTINGS.drift);
  });

  it('offers the six dialects and copies the statement `divergence sql drift` prints, with placeholder tables', async () => {
    fakes();
    answers.quickPicks.push(pickLabel('Spark SQL'));
    await copyDriftSql(view);
    assert.deepEqual(shown.quickPicks[0]!.items.map((i) => (i as { description?: string }).description), [...DIALECT_NAMES]);
    assert.equal(shown.clipboard.length, 1);
    const copied = shown.clipboard[0]!;
    const columns = view.report.columns.map((c) => c.column);
    const categorical = view.report.columns.filter((c) => c.type === 'categorical').map((c) => c.column);
    assert.deepEqual(categorical, ['weather']);
    const statement = sqlDrift('--dialect', 'spark', '--ref', 'reference_table', '--cur', 'current_table', '--columns', columns.join(','), '--categorical', 'weather');
    assert.ok(copied.endsWith(statement), copied);
    assert.match(copied, /FROM `reference_table`/);
    assert.match(copied, /^-- Drift report of "seattle-2012\.csv" \(reference\) and "seattle-2015\.csv" \(current\), pass 1 of 2, spark\.\n/);
    assert.match(copied, /\n-- Pass 2: divergence sql drift --dialect spark --ref reference_table --cur current_table --columns "precipitation,temp_max,temp_min,wind,weather" --categorical "weather" --pass1 ROWS1\n/);
    assert.equal(shown.messages.length, 1);
    assert.match(shown.messages[0]!.text, /for Spark SQL\. Replace reference_table and current_table with your tables/);
  });

  it('every dialect: the statement of `divergence sql drift --dialect D`', async () => {
    for (const dialect of DIALECT_NAMES) {
      const columns = view.report.columns.map((c) => c.column).join(',');
      const text = reportPass1Sql(dialect, { columns: view.report.columns, reference: 'a.csv', current: 'b.csv' });
      assert.ok(text.endsWith(sqlDrift('--dialect', dialect, '--ref', 'reference_table', '--cur', 'current_table', '--columns', columns, '--categorical', 'weather')), dialect);
    }
  });

  it('a name with a line break cannot end a comment: it is JSON text there, quoted in the statement', () => {
    const text = reportPass1Sql('postgres', { columns: [{ column: 'x\nDROP TABLE keep; --', type: 'numerical' }], reference: 'r\n.csv', current: 'c.csv' });
    const statement = sqlDrift('--dialect', 'postgres', '--ref', 'reference_table', '--cur', 'current_table', '--columns', 'x\nDROP TABLE keep; --');
    const comments = text.slice(0, text.length - statement.length).split('\n');
    assert.ok(text.endsWith(statement));
    assert.deepEqual(comments.pop(), '');
    assert.equal(comments.length, 4);
    for (const line of comments) assert.match(line, /^-- /);
    assert.match(comments[2]!, /--columns "x\\nDROP TABLE keep; --"/);
  });

  it('copies nothing when the pick is dismissed', async () => {
    fakes();
    await copyDriftSql(view);
    assert.deepEqual(shown.clipboard, []);
    assert.deepEqual(shown.messages, []);
  });
});
