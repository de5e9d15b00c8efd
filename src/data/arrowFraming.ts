/**
 * Structural checks of Arrow IPC bytes before apache-arrow decodes them. apache-arrow trusts the framing:
 * its file reader loops without end when a record batch block points at a message whose header is not a
 * record batch (a flipped byte in a length, an offset or the header type is enough: it re-reads the same
 * block forever), and a flatbuffer vector length read from a corrupt offset makes it iterate billions of
 * times. So every message apache-arrow will read is checked here first:
 *
 * - file format: 'ARROW1' at both ends, the footer's length within the file, every block of the footer
 *   (offset, metadata length, body length) within the data before the footer, and the message at each
 *   block a record batch (or dictionary batch, for the dictionary blocks) whose body lies within the file;
 * - stream format: each message's length prefix (the 0xFFFFFFFF continuation, then a length ≥ 0), walked
 *   to the end-of-stream marker or to where the bytes end (a truncated stream is apache-arrow's to report);
 * - every flatbuffer table on the way (footer, message, schema, fields and their children, types,
 *   dictionary encodings, record batches, key-value metadata): its vtable and fields inside the message, and
 *   every vector's elements too; a record batch's buffers inside its body, and its rows (and each field
 *   node's values) at most 8 per body byte: a value of any type but Null takes one bit at least (so a batch
 *   of Null-type columns alone, which no measure can read, is refused too; apache-arrow would otherwise
 *   make vectors of any claimed length over no bytes at all).
 *
 * Anything else is left to apache-arrow, whose errors the reader turns into DivergenceErrors.
 */
import { DivergenceError } from '../core/errors';

const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY_BATCH = 2;
const HEADER_RECORD_BATCH = 3;
const HEADER_NAMES = ['none', 'schema', 'dictionary batch', 'record batch', 'tensor', 'sparse tensor'];
const TYPE_UNION = 14;
/** Nesting of fields (struct of list of ...) checked at most; deeper schemas are refused. */
const MAX_FIELD_DEPTH = 64;

function fail(where: string, what: string): never {
  throw new DivergenceError('parse-error', `corrupt Arrow ${where}: ${what}`);
}

/** Reads of one flatbuffer, each checked to lie in [start, end) of the bytes. */
class Flatbuffer {
  private readonly view: DataView;
  constructor(
    bytes: Uint8Array,
    readonly start: number,
    readonly end: number,
    readonly where: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(pos: number, size: number): void {
    if (!(pos >= this.start && size >= 0 && pos + size <= this.end)) fail(this.where, `an offset points outside the message (byte ${pos}, ${size} bytes)`);
  }
  u8(pos: number): number {
    this.need(pos, 1);
    return this.view.getUint8(pos);
  }
  u16(pos: number): number {
    this.need(pos, 2);
    return this.view.getUint16(pos, true);
  }
  i32(pos: number): number {
    this.need(pos, 4);
    return this.view.getInt32(pos, true);
  }
  u32(pos: number): number {
    this.need(pos, 4);
    return this.view.getUint32(pos, true);
  }
  /** A 64-bit integer, refused beyond 2^53 (no length or offset in a file is that large). */
  i64(pos: number): number {
    this.need(pos, 8);
    const v = this.view.getBigInt64(pos, true);
    if (v > 9007199254740991n || v < -9007199254740991n) fail(this.where, `a 64-bit length or offset is ${v}`);
    return Number(v);
  }
  /** The table an offset at `pos` points to. */
  tableAt(pos: number): Table {
    return new Table(this, pos + this.u32(pos));
  }
}

/** A flatbuffer table whose vtable and inline fields are checked to lie in the buffer. */
class Table {
  private readonly vtable: number;
  private readonly vtableSize: number;
  private readonly size: number;
  constructor(
    readonly fb: Flatbuffer,
    readonly pos: number,
  ) {
    this.vtable = pos - fb.i32(pos);
    this.vtableSize = fb.u16(this.vtable);
    this.size = fb.u16(this.vtable + 2);
    if (this.vtableSize < 4 || this.vtableSize % 2 !== 0) fail(fb.where, `a table's vtable has ${this.vtableSize} bytes`);
    fb.need(this.vtable, this.vtableSize);
    fb.need(pos, Math.max(this.size, 4));
  }

  /** Where field `i` is, or 0 when absent; a field of `width` bytes must lie inside the table. */
  field(i: number, width: number): number {
    const slot = 4 + 2 * i;
    if (slot + 2 > this.vtableSize) return 0;
    const offset = this.fb.u16(this.vtable + slot);
    if (offset === 0) return 0;
    if (offset + width > this.size) fail(this.fb.where, `field ${i} of a table lies past its end`);
    return this.pos + offset;
  }
  u8(i: number): number {
    const p = this.field(i, 1);
    return p === 0 ? 0 : this.fb.u8(p);
  }
  i64(i: number): number {
    const p = this.field(i, 8);
    return p === 0 ? 0 : this.fb.i64(p);
  }
  table(i: number): Table | undefined {
    const p = this.field(i, 4);
    return p === 0 ? undefined : this.fb.tableAt(p);
  }
  /** The position of element 0 and the length of vector field `i` of `elementSize`-byte elements. */
  vector(i: number, elementSize: number): { start: number; length: number } {
    const p = this.field(i, 4);
    if (p === 0) return { start: 0, length: 0 };
    const at = p + this.fb.u32(p);
    const length = this.fb.u32(at);
    this.fb.need(at + 4, length * elementSize);
    return { start: at + 4, length };
  }
  /** The tables of vector field `i`. */
  tables(i: number): Table[] {
    const v = this.vector(i, 4);
    return Array.from({ length: v.length }, (_, k) => this.fb.tableAt(v.start + 4 * k));
  }
  string(i: number): void {
    this.vector(i, 1);
  }
}

function checkKeyValues(t: Table, i: number): void {
  for (const kv of t.tables(i)) {
    kv.string(0);
    kv.string(1);
  }
}

function checkField(field: Table, depth: number): void {
  if (depth > MAX_FIELD_DEPTH) fail(field.fb.where, `fields nested more than ${MAX_FIELD_DEPTH} deep`);
  field.string(0);
  const type = field.table(3);
  if (type !== undefined && field.u8(2) === TYPE_UNION) type.vector(1, 4);
  const dictionary = field.table(4);
  dictionary?.table(1);
  for (const child of field.tables(5)) checkField(child, depth + 1);
  checkKeyValues(field, 6);
}

function checkSchema(schema: Table): void {
  for (const field of schema.tables(1)) checkField(field, 0);
  checkKeyValues(schema, 2);
  schema.vector(3, 8);
}

function checkRecordBatch(batch: Table, bodyLength: number): void {
  const fb = batch.fb;
  const rows = batch.i64(0);
  const nodes = batch.vector(1, 16);
  for (let k = 0; k < nodes.length; k++) {
    const length = fb.i64(nodes.start + 16 * k);
    const nulls = fb.i64(nodes.start + 16 * k + 8);
    if (length < 0 || length > Math.max(rows, 8 * bodyLength) || nulls > length) fail(fb.where, `field node ${k} claims ${length} values (${nulls} null) in a body of ${bodyLength} bytes`);
  }
  const buffers = batch.vector(2, 16);
  for (let k = 0; k < buffers.length; k++) {
    const offset = fb.i64(buffers.start + 16 * k);
    const length = fb.i64(buffers.start + 16 * k + 8);
    if (offset < 0 || length < 0 || offset + length > bodyLength) fail(fb.where, `buffer ${k} (offset ${offset}, ${length} bytes) lies outside the message body of ${bodyLength} bytes`);
  }
  if (rows < 0 || rows > 8 * bodyLength) fail(fb.where, `${rows} rows in a body of ${bodyLength} bytes`);
  batch.table(3);
  batch.vector(4, 8);
}

/**
 * Checks the message whose length prefix is at `at` (see the module doc) and returns where its body ends;
 * `expected` lists the header types allowed; `limit` is where the message and its body must end by.
 */
function checkMessage(bytes: Uint8Array, at: number, limit: number, where: string, expected: readonly number[], bodyMayBeCut = false): number {
  const prefix = new Flatbuffer(bytes, at, limit, where);
  const first = prefix.i32(at);
  const length = first === -1 ? prefix.i32(at + 4) : first;
  const start = at + (first === -1 ? 8 : 4);
  if (length <= 0 || start + length > limit) fail(where, `its metadata length ${length} does not fit in the file`);
  const fb = new Flatbuffer(bytes, start, start + length, where);
  const message = fb.tableAt(start);
  const type = message.u8(1);
  if (!expected.includes(type)) fail(where, `the message is a ${HEADER_NAMES[type] ?? `message of type ${type}`}, not a ${expected.map((t) => HEADER_NAMES[t]).join(' or ')}`);
  const bodyLength = message.i64(3);
  if (bodyLength < 0 || (!bodyMayBeCut && start + length + bodyLength > limit)) fail(where, `its body of ${bodyLength} bytes does not fit in the file`);
  const header = message.table(2);
  if (header === undefined) fail(where, 'the message has no header');
  if (type === HEADER_SCHEMA) checkSchema(header);
  else if (type === HEADER_RECORD_BATCH) checkRecordBatch(header, bodyLength);
  else {
    const data = header.table(1);
    if (data !== undefined) checkRecordBatch(data, bodyLength);
  }
  checkKeyValues(message, 4);
  return start + length + bodyLength;
}

/** The blocks of a footer vector (Block: offset int64, metaDataLength int32, padding, bodyLength int64). */
function checkBlocks(bytes: Uint8Array, footer: Table, i: number, dataEnd: number, what: string, type: number): void {
  const fb = footer.fb;
  const blocks = footer.vector(i, 24);
  for (let k = 0; k < blocks.length; k++) {
    const at = blocks.start + 24 * k;
    const offset = fb.i64(at);
    const metaLength = fb.i32(at + 8);
    const bodyLength = fb.i64(at + 16);
    const where = `file, ${what} ${k}`;
    if (offset < 8 || metaLength <= 0 || bodyLength < 0 || offset + metaLength + bodyLength > dataEnd) {
      fail(where, `the footer's block (offset ${offset}, ${metaLength} + ${bodyLength} bytes) lies outside the file's ${dataEnd} bytes of messages`);
    }
    checkMessage(bytes, offset, dataEnd, where, [type]);
  }
}

/** Checks an Arrow IPC file ('ARROW1' at the start) before it is decoded; see the module doc. */
export function checkArrowFile(bytes: Uint8Array): void {
  const size = bytes.length;
  const tail = new Flatbuffer(bytes, 0, size, 'file');
  if (size < 18) fail('file', `${size} bytes are too few for the magic numbers and a footer`);
  const footerLength = tail.i32(size - 10);
  const footerStart = size - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) fail('file', `its footer length ${footerLength} does not fit in the file`);
  const footer = new Flatbuffer(bytes, footerStart, size - 10, 'file, footer').tableAt(footerStart);
  const schema = footer.table(1);
  if (schema === undefined) fail('file, footer', 'the footer has no schema');
  checkSchema(schema);
  checkBlocks(bytes, footer, 2, footerStart, 'dictionary batch', HEADER_DICTIONARY_BATCH);
  checkBlocks(bytes, footer, 3, footerStart, 'record batch', HEADER_RECORD_BATCH);
  checkKeyValues(footer, 4);
}

/**
 * Checks the messages of an Arrow IPC stream up to the end-of-stream marker (the first must be the schema);
 * a message whose metadata or body runs past the end is checked as far as it goes, and its truncation left
 * to apache-arrow, which reports it.
 */
export function checkArrowStream(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (let k = 0; at + 8 <= bytes.length; k++) {
    const first = view.getInt32(at, true);
    const length = first === -1 ? view.getInt32(at + 4, true) : first;
    const start = at + (first === -1 ? 8 : 4);
    if (length === 0 || start + length > bytes.length) return;
    const where = `stream, message ${k}`;
    if (length < 0) fail(where, `its metadata length is ${length}`);
    // apache-arrow decodes a message's metadata before it finds its body cut short: check the metadata.
    at = checkMessage(bytes, at, bytes.length, where, k === 0 ? [HEADER_SCHEMA] : [HEADER_SCHEMA, HEADER_DICTIONARY_BATCH, HEADER_RECORD_BATCH], true);
    if (at > bytes.length) return;
  }
}
