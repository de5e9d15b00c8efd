#!/usr/bin/env node
// Writes the hostile input files of test/unit/hostile into test/fixtures/hostile (committed; rerun to
// regenerate: `node scripts/gen_hostile_fixtures.mjs`). Every file is small and built byte by byte here,
// independently of the readers under test. test/fixtures/hostile/README.md says what each file is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

const { npyBytes } = await tsImport('../src/data/npyWriter.ts', import.meta.url);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'fixtures', 'hostile');
mkdirSync(out, { recursive: true });

const files = [];
function write(name, data, what) {
  writeFileSync(join(out, name), data);
  files.push([name, what]);
}

// --- .npy ------------------------------------------------------------------------------------------------
/** A .npy file with the header dict text `header` (version major.0) and the bytes `data`. */
function npy(header, data, { major = 1 } = {}) {
  return Buffer.from(npyBytes({ shape: [], header, data, version: [major, 0] }));
}
function f8(values) {
  const b = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => b.writeDoubleLE(v, 8 * i));
  return b;
}
const dict = (descr, shape) => `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
const good = npy(dict('<f8', '(4,)'), f8([0.1, 0.2, 0.3, 0.4]));

write('good.npy', good, 'a valid 1-D float64 .npy [0.1, 0.2, 0.3, 0.4] (the control)');
write('truncated-data.npy', good.subarray(0, good.length - 5), 'good.npy without its last 5 bytes');
write('truncated-header.npy', good.subarray(0, 40), 'good.npy cut inside its header');
write('truncated-magic.npy', good.subarray(0, 4), 'the first 4 bytes of the magic string only');
write('shape-lies.npy', npy(dict('<f8', '(10,)'), f8([0.1, 0.2, 0.3])), "header says shape (10,), the data holds 3 float64");
write('dtype-lies.npy', npy(dict('<f4', '(3,)'), f8([0.1, 0.2, 0.3])), "header says '<f4' x 3 (12 bytes), the data is 3 float64 (24 bytes)");
write('terabytes.npy', npy(dict('<f8', '(1000000000000, 1000000)'), f8([1])), 'header claims 10^18 float64 (8 EB); 8 bytes of data');
write('half-gigabyte.npy', npy(dict('<f8', '(67108864,)'), Buffer.alloc(0)), 'header claims 2^26 float64 (512 MiB); no data at all');
write('negative-shape.npy', npy(dict('<f8', '(-1,)'), f8([1])), 'a negative dimension');
write('object-dtype.npy', npy(dict('|O', '(2,)'), Buffer.alloc(16)), "dtype 'O' (pickled Python objects): never unpickled");
write('complex-dtype.npy', npy(dict('<c16', '(1,)'), Buffer.alloc(16)), 'complex128');
write('three-d.npy', npy(dict('<f8', '(1, 1, 2)'), f8([1, 2])), 'a 3-D array');
write('header-code.npy', npy("__import__('os').system('touch /tmp/pwned')", Buffer.alloc(0)), 'a header that is Python code, not a dict: never evaluated');
write('header-length-lies.npy', Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0xff, 0xff]), Buffer.from("{'descr': '<f8'")]), 'a header length of 65535 in a 25-byte file');
write('version-9.npy', Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 9, 0]), good.subarray(8)]), 'format version 9.0');
write('not-npy.npy', Buffer.from('p,q\n0.1,0.9\n'), 'a CSV text named .npy');
write('empty.npy', Buffer.alloc(0), '0 bytes');

// --- .npz ------------------------------------------------------------------------------------------------
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b) {
  let c = ~0;
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
function zip(members) {
  const chunks = [];
  const central = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const payload = m.method === 8 ? deflateRawSync(m.data) : Buffer.from(m.data);
    const crc = m.crc ?? crc32(m.data);
    const size = m.size ?? m.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(m.method ?? 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(m.flags ?? 0, 8);
    cd.writeUInt16LE(m.method ?? 0, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(payload.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, payload);
    offset += 30 + name.length + payload.length;
    central.push(cd, name);
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cdBytes, end]);
}
const goodZip = zip([{ name: 'p.npy', data: good, method: 8 }, { name: 'q.npy', data: npy(dict('<f8', '(4,)'), f8([0.25, 0.25, 0.25, 0.25])) }]);
write('good.npz', goodZip, 'a valid archive: p (deflated) and q (stored), each 4 float64 (the control)');
write('truncated.npz', goodZip.subarray(0, Math.floor(goodZip.length / 2)), 'good.npz cut in half (no end-of-central-directory record)');
write('truncated-tail.npz', goodZip.subarray(0, goodZip.length - 10), 'good.npz without its last 10 bytes');
write('bad-crc.npz', zip([{ name: 'p.npy', data: good, crc: 0x12345678 }]), 'a stored member whose CRC-32 is wrong');
write('bomb-claim.npz', zip([{ name: 'p.npy', data: good, method: 8, size: 2 ** 31 - 2 }]), 'a deflated member claiming 2 GiB uncompressed from ~60 bytes');
write('corrupt-deflate.npz', (() => {
  const z = zip([{ name: 'p.npy', data: good, method: 8 }]);
  z[30 + 5 + 2] ^= 0xff; // inside the compressed stream
  return z;
})(), 'a deflated member with a damaged compressed stream');
write('member-lies.npz', zip([{ name: 'p.npy', data: npy(dict('<f8', '(10,)'), f8([0.1, 0.2])) }]), 'a member .npy whose header says 10 values for 2');
write('encrypted.npz', zip([{ name: 'p.npy', data: good, flags: 1 }]), 'a member flagged as encrypted');
write('empty-archive.npz', zip([]), 'a ZIP archive with no members');
write('not-zip.npz', Buffer.from('just text\n'), 'text named .npz');

// --- text files ------------------------------------------------------------------------------------------
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
write('binary.csv', png, 'PNG bytes named .csv');
write('binary.json', png, 'PNG bytes named .json');
write('binary.txt', png, 'PNG bytes named .txt');
write('latin1-garbage.csv', Buffer.from(Array.from({ length: 200 }, (_, i) => 0x80 + (i % 120))), '200 bytes of invalid UTF-8 named .csv (no NUL)');
write('ragged.csv', 'p,q\n0.1,0.2\n0.3\n0.6,0.8\n', 'line 3 has 1 field, the header 2');
write('bom-crlf.csv', '\ufeffp,q\r\n0.2,0.25\r\n0.3,0.25\r\n0.5,0.5\r\n', 'a UTF-8 BOM and CRLF line ends (valid: p = [0.2, 0.3, 0.5])');
write('quotes.csv', 'name,"p, prob",q\r\n"a ""quoted"" name","0.5",0.25\r\n"multi\r\nline",0.5,0.75\r\n', 'quoted header with a comma, "" escapes, a quoted number, a quoted line break (valid)');
write('unclosed-quote.csv', 'p,q\n"0.1,0.2\n0.3,0.4\n', 'a quote never closed (from line 2)');
write('nonnumeric.csv', 'p,q\n0.1,0.2\n0.3,abc\n0.6,0.8\n', "line 3, column 2 ('q') is 'abc'");
write('empty-cell.csv', 'p,q\n0.1,0.2\n0.3,\n0.6,0.8\n', "line 3, column 2 ('q') is empty");
write('empty.csv', '', '0 bytes');
write('header-only.csv', 'p,q\n', 'a header and no data rows');
write('blank-lines.csv', '\n\n\n', 'only line breaks');
write('semicolons.csv', 'p;q\n0,1;0,9\n', 'a European CSV (semicolons, decimal commas): one text column');
write('deep.json', '['.repeat(100000) + ']'.repeat(100000), '10^5 nested arrays');
write('truncated.json', '[0.1, 0.2, 0.3', 'an array never closed');
write('trailing-comma.json', '[0.1, 0.2,]', 'a trailing comma');
write('strings.json', '["0.1", "0.9"]', 'numbers as strings');
write('mixed.json', '[0.1, "x", 0.9]', 'a string among numbers (index 1)');
write('empty.json', '', '0 bytes');
write('empty-array.json', '[]', 'an empty array');
write('huge-numbers.txt', '1e308 1e308 1e309\n', '1e309 overflows to Infinity (index 2)');
write('nan.txt', '0.5 nan 0.5\n', 'a NaN (index 1)');
write('prose.txt', 'The quick brown fox jumps over the lazy dog.\n', 'prose, no numbers');
write('empty.txt', '', '0 bytes');

const readme = [
  '# Hostile input files',
  '',
  'Generated by `node scripts/gen_hostile_fixtures.mjs` (do not edit by hand). Used by test/unit/hostile:',
  'each must be refused with a DivergenceError code and a message saying what and where, or (the controls',
  'and the valid oddities) read exactly. Sizes are tiny; the absurd sizes are only claimed by headers.',
  '',
  '| file | what it is |',
  '|---|---|',
  ...files.map(([n, w]) => `| ${n} | ${w.replace(/\|/g, '\\|')} |`),
  '',
].join('\n');
writeFileSync(join(out, 'README.md'), readme);
console.log(`wrote ${files.length} files to test/fixtures/hostile`);
