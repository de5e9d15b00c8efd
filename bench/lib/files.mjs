// The input files both sides read (.npy for NumPy/SciPy, .csv for the readers), written without copying.
import { closeSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import { tsImport } from 'tsx/esm/api';

// The .npy writer of the tests and scripts (src/data/npyWriter.ts), for the input files.
const { npyHeader } = await tsImport('../../src/data/npyWriter.ts', import.meta.url);

/** Writes a little-endian float64 .npy file (format 1.0, C order) without copying the data. */
export function writeNpy(path, values, shape) {
  if (os.endianness() !== 'LE') throw new Error('writeNpy assumes a little-endian host');
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, npyHeader({ shape }));
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    for (let off = 0; off < bytes.length; off += 1 << 26) writeSync(fd, bytes.subarray(off, Math.min(bytes.length, off + (1 << 26))));
  } finally {
    closeSync(fd);
  }
}

/** A CSV file `p,q` with one row per element, numbers in JavaScript's shortest round-trip form. */
export function writeCsv(path, p, q) {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'p,q\n');
    const chunk = 100_000;
    for (let start = 0; start < p.length; start += chunk) {
      const lines = [];
      for (let i = start; i < Math.min(p.length, start + chunk); i++) lines.push(`${p[i]},${q[i]}\n`);
      writeSync(fd, lines.join(''));
    }
  } finally {
    closeSync(fd);
  }
}
