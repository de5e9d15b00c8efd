#!/usr/bin/env node
// Makes examples/weather-by-year.npy from examples/seattle-weather.csv: a 4 x 5 float64 array (C order,
// .npy format 1.0) whose row y holds how many days of year 2012+y were drizzle, fog, rain, snow and sun.
// Each row is a distribution (after normalising) to compare between years.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { float64Bytes, npyBytes } = await tsImport('../src/data/npyWriter.ts', import.meta.url);

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const KINDS = ['drizzle', 'fog', 'rain', 'snow', 'sun'];
const YEARS = [2012, 2013, 2014, 2015];

const lines = readFileSync(join(examples, 'seattle-weather.csv'), 'utf8').trim().split(/\r?\n/);
const header = lines[0].split(',');
const dateCol = header.indexOf('date');
const weatherCol = header.indexOf('weather');
const counts = YEARS.map(() => KINDS.map(() => 0));
for (const line of lines.slice(1)) {
  const cells = line.split(',');
  const y = YEARS.indexOf(Number(cells[dateCol].slice(0, 4)));
  const k = KINDS.indexOf(cells[weatherCol]);
  if (y < 0 || k < 0) throw new Error(`unexpected row: ${line}`);
  counts[y][k] += 1;
}

const npy = npyBytes({ shape: [YEARS.length, KINDS.length], data: float64Bytes(counts.flat()) });
writeFileSync(join(examples, 'weather-by-year.npy'), npy);
console.log(`weather-by-year.npy: rows ${YEARS.join(', ')}; columns ${KINDS.join(', ')}`);
console.log(counts.map((r) => r.join(' ')).join('\n'));
