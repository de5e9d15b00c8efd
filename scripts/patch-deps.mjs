#!/usr/bin/env node
// Run by npm after every install (the "postinstall" script): mends a dependency's known flaw in place,
// idempotently, and fails loudly when the code it mends is not there (a new version: check whether the flaw
// is fixed upstream, then update or drop the patch).
//
// hyparquet 1.33 (src/encoding.js, readRle) writes a run of the RLE/bit-packed hybrid encoding without
// bounding it by its output: a hostile Parquet page whose run header claims 1.6e8 values grows a plain Array
// until V8 aborts the whole process ("Fatal JavaScript invalid size error"), which no try/catch can stop. The
// table fuzz suite found it. Bounding the run by the output's length, as readBitPacked already does, keeps
// every valid file's values; a hostile page then decodes to too few or wrong values, which the reader's
// count checks refuse with a message.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'node_modules', 'hyparquet', 'src', 'encoding.js');
const original = '  for (let i = 0; i < count; i++) {\n    output[seen + i] = value\n  }';
const mended =
  "  if (seen + count > output.length) throw new Error(`an RLE run of ${count} values overflows the ${output.length - seen} left of its page`)\n" +
  '  for (let i = 0; i < count; i++) {\n    output[seen + i] = value\n  }';
const earlier = '  for (let i = 0; i < count && seen + i < output.length; i++) {\n    output[seen + i] = value\n  }';

if (existsSync(file)) {
  const text = readFileSync(file, 'utf8').replace(earlier, original);
  if (!text.includes(mended)) {
    if (!text.includes(original)) {
      console.error(`patch-deps: ${file} no longer has the unbounded RLE run this patch mends; check the new hyparquet and update scripts/patch-deps.mjs`);
      process.exit(1);
    }
    writeFileSync(file, text.replace(original, mended));
    console.log('patch-deps: hyparquet readRle refuses a run past its page');
  }
}
