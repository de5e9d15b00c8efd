import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { driftReport, type DriftOptions, type DriftTable } from '../../../src/drift';
import { DIALECTS } from '../../../src/engine/dialects';
import { driftOnEngine } from '../../../src/engine/engine';
import { openPostgres } from '../../../src/engine/postgresEngine';
import { parseTableRef } from '../../../src/engine/tableRef';
import { driftCases, HOSTILE_NAMES, hostileTable, manyDistinct, sameReport, specialValuesSql, specialValuesTable } from './engineFixtures';
import { startPostgres, type PostgresServer } from './postgresServer';

const d = DIALECTS.postgres;
const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** Creates `name` with the table's columns (double precision or text) and rows, NULL for missing cells. */
async function loadTable(client: Client, name: string, table: DriftTable): Promise<void> {
  const columns = table.columns.map((c) => `${d.ident(c.name)} ${c.kind === 'numeric' ? 'DOUBLE PRECISION' : 'TEXT'}`);
  await client.query(`CREATE TABLE ${d.ident(name)} (${columns.join(', ')})`);
  const arrays = table.columns.map((c) => Array.from({ length: table.rows }, (_, i) => (c.missing[i] ? null : c.values[i]!)));
  const casts = table.columns.map((c, k) => `$${k + 1}::${c.kind === 'numeric' ? 'double precision' : 'text'}[]`);
  await client.query(`INSERT INTO ${d.ident(name)} SELECT * FROM unnest(${casts.join(', ')})`, arrays);
}

describe('drift report through PostgreSQL = the in-memory report (a server started here)', function () {
  this.timeout(120000);
  let server: PostgresServer | undefined;
  let client: Client;
  const cases = driftCases();

  before(async function () {
    const started = await startPostgres();
    if (typeof started === 'string') {
      console.log(`    skipped: ${started}`);
      this.skip();
    }
    server = started as PostgresServer;
    client = new Client({ connectionString: server.url });
    await client.connect();
    await client.query('CREATE TABLE keep AS SELECT generate_series(1, 3) AS x');
    for (const [k, c] of cases.entries()) {
      await loadTable(client, `ref_${k}`, c.reference);
      await loadTable(client, `cur_${k}`, c.current);
    }
  });
  after(async () => {
    await client?.end();
    server?.stop();
  });

  for (const [k, c] of cases.entries()) {
    for (const [label, options] of [
      ['defaults', {}],
      ['all measures', { allMeasures: true }],
    ] as [string, DriftOptions][]) {
      it(`${c.name} (${label})`, async () => {
        const engine = await openPostgres(server!.url);
        try {
          const run = await driftOnEngine(engine, { reference: parseTableRef(`ref_${k}`), current: parseTableRef(`cur_${k}`) }, options);
          sameReport(c.name, run.report, driftReport(c.reference, c.current, options));
        } finally {
          await engine.close();
        }
      });
    }
  }

  it('NaN and ±Infinity of a double precision column are missing cells; date and timestamp columns are left out and named', async () => {
    for (const s of [0, 1] as const) await client.query(`CREATE TABLE special_${s} AS ${specialValuesSql('postgres', s, 2000)}`);
    const engine = await openPostgres(server!.url);
    try {
      const run = await driftOnEngine(engine, { reference: parseTableRef('special_0'), current: parseTableRef('special_1') }, { allMeasures: true });
      sameReport('special values', run.report, driftReport(specialValuesTable(0, 2000), specialValuesTable(1, 2000), { allMeasures: true }));
      assert.deepEqual(run.report.columns[0]!.missing, { reference: 98, current: 98 });
      assert.deepEqual(run.skipped, [{ name: 'd', type: 'date' }, { name: 'ts', type: 'timestamp' }]);
    } finally {
      await engine.close();
    }
  });

  it('W1 normed at 10^5 distinct values within 1e-15 relative (exact NUMERIC sums; plain sums: 4.5e-15)', async () => {
    const [reference, current] = [manyDistinct(50000, 1), manyDistinct(50000, 1.001)];
    await loadTable(client, 'many_ref', reference);
    await loadTable(client, 'many_cur', current);
    const engine = await openPostgres(server!.url);
    try {
      const run = await driftOnEngine(engine, { reference: parseTableRef('many_ref'), current: parseTableRef('many_cur') }, { allMeasures: true });
      const memory = driftReport(reference, current, { allMeasures: true });
      sameReport('1e5 distinct values', run.report, memory);
      const [e, m] = [run.report.columns[0]!.score, memory.columns[0]!.score];
      assert.ok(Math.abs(e - m) <= 1e-15 * m, `in memory ${m}, engine ${e}`);
    } finally {
      await engine.close();
    }
  });

  it('takes SELECTs as the two sides', async () => {
    const engine = await openPostgres(server!.url);
    try {
      const run = await driftOnEngine(engine, { reference: parseTableRef('SELECT * FROM ref_0 WHERE wind IS NOT NULL'), current: parseTableRef('select * from cur_0;') }, { allMeasures: true });
      sameReport(cases[0]!.name, run.report, driftReport(cases[0]!.reference, cases[0]!.current, { allMeasures: true }));
    } finally {
      await engine.close();
    }
  });

  it('measures hostile table and column names and harms nothing; refuses two statements', async () => {
    const reference = hostileTable(400, 0);
    const current = hostileTable(300, 1);
    const refName = 'ref"; DROP TABLE keep; --';
    const curName = "cur'; DROP TABLE keep; SELECT '";
    await loadTable(client, refName, reference);
    await loadTable(client, curName, current);
    const engine = await openPostgres(server!.url);
    try {
      const run = await driftOnEngine(engine, { reference: { kind: 'table', parts: [refName] }, current: { kind: 'table', parts: [curName] } }, { allMeasures: true });
      assert.deepEqual(run.report.columns.map((c) => c.column), HOSTILE_NAMES);
      sameReport('hostile names', run.report, driftReport(reference, current, { allMeasures: true }));
      await assert.rejects(engine.query('SELECT 1; DROP TABLE keep'), /postgres: .*multiple commands/);
    } finally {
      await engine.close();
    }
    assert.deepEqual((await client.query('SELECT count(*)::int AS n FROM keep')).rows, [{ n: 3 }]);
  });

  it('the command line: --connection, or the PG* environment variables', () => {
    const byUrl = spawnSync(process.execPath, [cli, 'drift', 'ref_0', 'cur_0', '--engine', 'postgres', '--connection', server!.url, '--json'], { encoding: 'utf8' });
    assert.equal(byUrl.status, 0, byUrl.stderr);
    const env = { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(server!.port), PGUSER: 'postgres', PGDATABASE: 'postgres' };
    const byEnv = spawnSync(process.execPath, [cli, 'drift', 'ref_0', 'cur_0', '--engine', 'postgres', '--json'], { encoding: 'utf8', env });
    assert.equal(byEnv.status, 0, byEnv.stderr);
    assert.equal(byEnv.stdout, byUrl.stdout);
    const out = JSON.parse(byUrl.stdout) as ReturnType<typeof driftReport>;
    sameReport(cases[0]!.name, out, driftReport(cases[0]!.reference, cases[0]!.current));
  });
});
