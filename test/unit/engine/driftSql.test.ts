import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECT_NAMES, DIALECTS, doubleLiteral, type Dialect, type DialectName } from '../../../src/engine/dialects';
import { pass1Sql, pass2Sql, type DriftSources } from '../../../src/engine/driftSql';
import { parseTableRef } from '../../../src/engine/tableRef';
import { AMOUNT_PASS1, HOSTILE_NAMES } from './engineFixtures';

const golden = join(__dirname, '..', '..', 'fixtures', 'engine');

const src: DriftSources = { reference: parseTableRef('sales.events_2024'), current: parseTableRef('SELECT * FROM sales.events WHERE year = 2025;') };

/** Both statements of a small plan: a numerical column (Sturges bins, KS and Wasserstein) and a categorical one. */
function statements(d: Dialect): { pass1: string; pass2: string } {
  const pass1 = pass1Sql(d, src, [
    { name: 'amount', type: 'numerical' },
    { name: "owner's country", type: 'categorical' },
  ]);
  const plans = [
    { column: 'amount', type: 'numerical' as const, edges: Float64Array.of(0, 0.1, 1.25, 2), values: false, cdf: true },
    { column: "owner's country", type: 'categorical' as const, values: true, cdf: false },
  ];
  return { pass1, pass2: pass2Sql(d, src, plans, new Map([['amount', AMOUNT_PASS1]]))! };
}

describe('drift SQL: golden text per dialect (test/fixtures/engine/drift-sql.json)', () => {
  const file = join(golden, 'drift-sql.json');
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, `${JSON.stringify(Object.fromEntries(DIALECT_NAMES.map((n) => [n, statements(DIALECTS[n])])), null, 2)}\n`);
  }
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<DialectName, { pass1: string; pass2: string }>;
  for (const name of DIALECT_NAMES) {
    it(name, () => {
      assert.deepEqual(statements(DIALECTS[name]), expected[name]);
    });
  }

  it('never takes a logarithm and divides only doubles', () => {
    for (const name of DIALECT_NAMES) {
      const text = Object.values(statements(DIALECTS[name])).join('\n');
      assert.doesNotMatch(text, /\bLN\(|\bLOG/i, name);
      for (const m of text.matchAll(/\) \/ ([^ ]+ [^ ]+ [^ )]+\))/g)) assert.match(m[1]!, /^CAST\('\d+' AS /, `${name}: ${m[0]}`);
    }
  });

  it('writes a double as text that reads back as the same double, and refuses a non-finite one', () => {
    for (const x of [0.1, 1 / 3, -2.5e-300, 1.7976931348623157e308, 5e-324]) {
      const literal = doubleLiteral(DIALECTS.trino, x);
      assert.equal(Number(/'(.*)'/.exec(literal)![1]), x);
    }
    assert.throws(() => doubleLiteral(DIALECTS.duckdb, NaN), /only finite numbers/);
    assert.throws(() => doubleLiteral(DIALECTS.duckdb, Infinity), /only finite numbers/);
  });

  it('wraps a query as a subquery and quotes a dotted table name part by part', () => {
    assert.deepEqual(parseTableRef(' with x as (select 1) select * from x ;; '), { kind: 'query', sql: 'with x as (select 1) select * from x' });
    assert.deepEqual(parseTableRef('cat.db.t'), { kind: 'table', parts: ['cat', 'db', 't'] });
  });
});

/** The text of the quoted token at the start of `s` per the dialect, and where it ends. */
function readQuoted(name: DialectName, s: string, quote: string): { value: string; end: number } {
  const backslash = quote === '`' ? name === 'bigquery' : quote === "'" && (name === 'spark' || name === 'bigquery' || name === 'snowflake');
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
  assert.equal(s[0], quote);
  let value = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if (backslash && c === '\\') {
      const next = s[++i]!;
      value += escapes[next] ?? next;
    } else if (c === quote) {
      if (!backslash && s[i + 1] === quote) {
        value += quote;
        i++;
      } else return { value, end: i + 1 };
    } else value += c;
  }
  throw new Error(`unterminated: ${s}`);
}

describe('drift SQL: hostile names are one quoted token in every dialect', () => {
  for (const name of DIALECT_NAMES) {
    it(name, () => {
      const d = DIALECTS[name];
      const identQuote = name === 'spark' || name === 'bigquery' ? '`' : '"';
      for (const hostile of HOSTILE_NAMES) {
        const ident = d.ident(hostile);
        assert.deepEqual(readQuoted(name, ident, identQuote), { value: hostile, end: ident.length }, `${name} identifier ${JSON.stringify(hostile)}: ${ident}`);
        const text = d.text(hostile);
        assert.deepEqual(readQuoted(name, text, "'"), { value: hostile, end: text.length }, `${name} string ${JSON.stringify(hostile)}: ${text}`);
      }
      assert.throws(() => d.ident(''), /non-empty/);
      assert.throws(() => d.ident('a\0b'), /NUL/);
    });
  }
});
