import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { listZipEntries, readZipEntry, extractZipFile } from '../../src/data/zip';
import { crc32 } from '../../src/data/checksum';
import { DataError } from '../../src/core/errors';
import { extractBankAdditionalFull } from '../../src/data/download';

/** A minimal zip writer written for the test from the APPNOTE layout (local headers, central directory, EOCD). */
function buildZip(files: Array<{ name: string; data: Buffer; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const body = f.deflate ? zlib.deflateRawSync(f.data) : f.data;
    const crc = zlib.crc32 ? zlib.crc32(f.data) : crc32(f.data);
    const loc = Buffer.alloc(30);
    loc.writeUInt32LE(0x04034b50, 0); loc.writeUInt16LE(20, 4); loc.writeUInt16LE(0x800, 6);
    loc.writeUInt16LE(f.deflate ? 8 : 0, 8); loc.writeUInt32LE(crc, 14);
    loc.writeUInt32LE(body.length, 18); loc.writeUInt32LE(f.data.length, 22); loc.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0); cen.writeUInt16LE(20, 4); cen.writeUInt16LE(20, 6); cen.writeUInt16LE(0x800, 8);
    cen.writeUInt16LE(f.deflate ? 8 : 0, 10); cen.writeUInt32LE(crc, 16); cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(f.data.length, 24); cen.writeUInt16LE(name.length, 28); cen.writeUInt32LE(offset, 42);
    locals.push(loc, name, body);
    centrals.push(cen, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(files.length, 8); eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

test('crc32 gives the published check value 0xCBF43926 for "123456789"', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('listZipEntries and readZipEntry read stored and deflated entries of a zip built in the test', () => {
  const text = Buffer.from('a;b\r\n1;2\r\n'.repeat(500));
  const zip = buildZip([
    { name: 'dir/stored.txt', data: Buffer.from('hello'), deflate: false },
    { name: 'dir/data.csv', data: text, deflate: true },
  ]);
  const entries = listZipEntries(zip);
  assert.deepEqual(entries.map((e) => [e.name, e.method, e.size]), [['dir/stored.txt', 0, 5], ['dir/data.csv', 8, text.length]]);
  assert.equal(readZipEntry(zip, entries[0]).toString(), 'hello');
  assert.ok(readZipEntry(zip, entries[1]).equals(text));
});

test('extractBankAdditionalFull finds the CSV inside the nested zip and skips __MACOSX copies', () => {
  const csv = Buffer.from('"age";"y"\r\n30;"no"\r\n');
  const inner = buildZip([
    { name: '__MACOSX/bank-additional/._bank-additional-full.csv', data: Buffer.from('junk'), deflate: false },
    { name: 'bank-additional/bank-additional-full.csv', data: csv, deflate: true },
  ]);
  const outer = buildZip([
    { name: 'bank.zip', data: Buffer.from('not used'), deflate: true },
    { name: 'bank-additional.zip', data: inner, deflate: false },
  ]);
  assert.ok(extractBankAdditionalFull(outer).equals(csv));
  assert.equal(extractZipFile(outer, 'absent.csv'), null);
});

test('a corrupted entry fails its CRC check and non-zip bytes are DataErrors', () => {
  const zip = buildZip([{ name: 'x.txt', data: Buffer.from('abcdef'), deflate: false }]);
  const bad = Buffer.from(zip);
  bad[30 + 'x.txt'.length] ^= 0xff; // flip the first data byte
  assert.throws(() => readZipEntry(bad, listZipEntries(bad)[0]), (e: unknown) => e instanceof DataError && /CRC-32/.test((e as Error).message));
  assert.throws(() => listZipEntries(Buffer.from('plain text, not a zip')), DataError);
});
