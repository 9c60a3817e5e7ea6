/**
 * A minimal zip reader (PKWARE APPNOTE 6.3: end of central directory, central directory, local headers) for the
 * data download: lists entries and extracts one, stored or deflated (node:zlib inflateRawSync), checking its CRC-32.
 * No ZIP64, no encryption, no multi-disk archives: those raise a DataError.
 *
 * Complexity: O(archive size) to find the directory; O(entry size) to extract.
 */
import * as zlib from 'node:zlib';
import { DataError } from '../core/errors';
import { crc32 } from './checksum';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  /** Offset of the local file header. */
  offset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CEN = 0x02014b50;
const SIG_LOC = 0x04034b50;

/**
 * The entries of a zip archive held in memory.
 * @throws DataError when the bytes are not a (supported) zip archive
 */
export function listZipEntries(zip: Uint8Array, name = 'archive'): ZipEntry[] {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === SIG_EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new DataError(`${name} is not a zip archive (no end-of-central-directory record)`, name);
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new DataError(`${name} is a ZIP64 archive, which is not supported`, name);
  if (cdOffset + cdSize > b.length) throw new DataError(`${name} is truncated (central directory beyond the end)`, name);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== SIG_CEN) throw new DataError(`${name}: corrupt central directory at entry ${k}`, name);
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const compressedSize = b.readUInt32LE(p + 20);
    const size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const offset = b.readUInt32LE(p + 42);
    const entryName = b.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (flags & 1) throw new DataError(`${name}: entry "${entryName}" is encrypted`, name);
    entries.push({ name: entryName, method, compressedSize, size, crc32: crc, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry.
 * @throws DataError on an unsupported method, a corrupt header or a CRC mismatch
 */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry, name = 'archive'): Buffer {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const p = entry.offset;
  if (p + 30 > b.length || b.readUInt32LE(p) !== SIG_LOC) throw new DataError(`${name}: corrupt local header of "${entry.name}"`, name);
  const start = p + 30 + b.readUInt16LE(p + 26) + b.readUInt16LE(p + 28);
  const raw = b.subarray(start, start + entry.compressedSize);
  if (raw.length !== entry.compressedSize) throw new DataError(`${name}: entry "${entry.name}" is truncated`, name);
  let out: Buffer;
  if (entry.method === 0) out = Buffer.from(raw);
  else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(raw);
    } catch (e) {
      throw new DataError(`${name}: entry "${entry.name}" cannot be inflated: ${(e as Error).message}`, name);
    }
  } else throw new DataError(`${name}: entry "${entry.name}" uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`, name);
  if (out.length !== entry.size) throw new DataError(`${name}: entry "${entry.name}" has ${out.length} bytes, the directory says ${entry.size}`, name);
  const c = crc32(out);
  if (c !== entry.crc32) throw new DataError(`${name}: entry "${entry.name}" fails its CRC-32 check`, name);
  return out;
}

/**
 * Extract the first entry whose name ends with `suffix` (skipping `__MACOSX/` resource forks), or null.
 */
export function extractZipFile(zip: Uint8Array, suffix: string, name = 'archive'): Buffer | null {
  const e = listZipEntries(zip, name).find((x) => x.name.endsWith(suffix) && !x.name.startsWith('__MACOSX/'));
  return e ? readZipEntry(zip, e, name) : null;
}
