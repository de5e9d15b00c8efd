/**
 * Fuzzing the table readers (src/data/parquet.ts, src/data/arrowIpc.ts) with valid small files of every
 * codec, mutated (truncation, byte flips, inserted junk, deletions, duplications) and random bytes; the Arrow
 * files too, since src/data/arrowFraming.ts checks the IPC framing that apache-arrow would loop on. Each
 * reader either returns columns whose lengths add up (values + nulls = rows) or throws a DivergenceError with
 * a known code, within TIME_BOUND_MS of CPU per file: never another exception, never a hang.
 * Runs: FUZZ_RUNS per property (default 10^4), seed FUZZ_SEED; see fuzzSupport.ts for replaying a failure.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { listArrowColumns, readArrowColumns } from '../../../src/data/arrowIpc';
import { listParquetColumns, readParquetColumns } from '../../../src/data/parquet';
import type { TableColumn } from '../../../src/data/table';
import { fixture } from '../data/tableFixtures';
import { FUZZ_RUNS, FUZZ_SEED, checkError, mutateBytesAll, mutations, runs, timeoutFor, type Mutation } from './fuzzSupport';

const TIME_BOUND_MS = 2000;

const PARQUET = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4_raw', 'v2encodings'].map((c) => fixture(`small_${c}.parquet`));
const ARROW = [fixture('small.arrow'), fixture('small.arrows')];

function bytesFrom(seeds: Uint8Array[], mutated: fc.Arbitrary<readonly Mutation[]>): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...seeds), mutated).map(([b, m]) => mutateBytesAll(b, m)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );
}

function checkColumns(columns: TableColumn[], rowCount: number): void {
  for (const c of columns) {
    assert.equal(c.rowCount, rowCount, c.name);
    assert.equal(c.values.length + c.nullRows.length, rowCount, `${c.name}: values + nulls = rows`);
  }
}

/** fc.check of an async property with the suite's seed and runs; on failure, the replay command. */
async function fuzzAsync(title: string, arbitrary: fc.Arbitrary<Uint8Array>, predicate: (bytes: Uint8Array) => Promise<void>, scale = 1): Promise<void> {
  const path = process.env.FUZZ_PATH;
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), { seed: FUZZ_SEED, numRuns: runs(scale), ...(path ? { path } : {}), endOnFailure: false });
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
    throw new Error(
      `fuzz failure after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath})\n` +
        `counterexample: ${fc.stringify(details.counterexample)}\n${error}\n` +
        `replay: FUZZ_RUNS=${FUZZ_RUNS} FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npm run fuzz -- test/unit/fuzz/tables.fuzz.test.ts -g ${JSON.stringify(title)}`,
    );
  }
}

/** Runs a read; the bound is on CPU time, not wall time, so a loaded machine does not fail it. */
async function timed(f: () => Promise<void>): Promise<void> {
  const start = process.cpuUsage();
  try {
    await f();
  } catch (e) {
    checkError(e);
  }
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  assert.ok(ms < TIME_BOUND_MS, `took ${ms} ms of CPU`);
}

describe('fuzz: table readers', () => {
  const parquetTitle = 'Parquet: small files of every codec, mutated, random bytes';
  it(parquetTitle, async () => {
    await fuzzAsync(parquetTitle, bytesFrom(PARQUET, mutations), (bytes) =>
      timed(async () => {
        const info = await listParquetColumns(bytes);
        const names = info.columns.filter((c) => c.kind !== 'unsupported').map((c) => c.name);
        checkColumns(await readParquetColumns(bytes, names), info.rowCount);
      }),
    );
  }).timeout(timeoutFor(1, 5));

  const arrowTitle = 'Arrow IPC: a small file and stream, mutated, random bytes';
  it(arrowTitle, async () => {
    await fuzzAsync(arrowTitle, bytesFrom(ARROW, mutations), (bytes) =>
      timed(async () => {
        const info = listArrowColumns(bytes);
        const names = info.columns.filter((c) => c.kind !== 'unsupported').map((c) => c.name);
        checkColumns(readArrowColumns(bytes, names), info.rowCount);
      }),
    );
  }).timeout(timeoutFor(1, 5));
});
