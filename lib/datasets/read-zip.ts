// Reads a zip upload with yauzl: the central directory is checked as a whole before any
// entry is unpacked (entry count, declared unpacked size, names that escape the folder,
// nested archives), then entries stream one at a time with their actual bytes counted, so
// an entry that unpacks to more than it declared is cut off rather than trusted.
import path from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ApiError, badRequest } from '@/lib/api/errors';
import { ARCHIVE_EXTENSIONS, formatBytes, type UploadLimits } from '@/lib/datasets/limits';

/** Files and unpacked bytes used so far by one upload (across its zips and loose files). */
export type UploadBudget = { files: number; expandedBytes: number };

export type ZipListing = { zip: ZipFile; entries: Entry[]; ignored: { name: string; reason: string }[] };

/** Why a name may not be unpacked: absolute, a drive letter, or a `..` segment. */
export function unsafeEntryName(name: string): string | null {
  const normalised = name.replace(/\\/g, '/');
  if (normalised.startsWith('/') || /^[a-zA-Z]:/.test(normalised)) return 'is an absolute path';
  if (normalised.split('/').some((s) => s === '..')) return 'climbs out of the folder with ..';
  return null;
}

function isSystemFile(name: string) {
  const base = path.posix.basename(name);
  return name.startsWith('__MACOSX/') || name.includes('/__MACOSX/') || base === '.DS_Store' || base === 'Thumbs.db' || base.startsWith('._');
}

export async function listZip(file: string, zipName: string, limits: UploadLimits, budget: UploadBudget): Promise<ZipListing> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch (err) {
    throw badRequest(`${zipName} is not a readable zip file (${(err as Error).message})`);
  }
  try {
    const all: Entry[] = [];
    try {
      for await (const entry of zip.eachEntry()) all.push(entry);
    } catch (err) {
      const message = (err as Error).message;
      // yauzl validates every name (validateFileName) and stops at the first unsafe one.
      if (/invalid relative path|absolute path|invalid characters/i.test(message)) {
        throw badRequest(`${zipName}: an entry escapes the archive's folder (${message}); nothing was imported`);
      }
      throw badRequest(`${zipName} is not a readable zip file (${message})`);
    }
    const entries: Entry[] = [];
    const ignored: ZipListing['ignored'] = [];
    let declared = 0;
    for (const entry of all) {
      const unsafe = unsafeEntryName(entry.fileName);
      if (unsafe) throw badRequest(`${zipName}: entry "${entry.fileName}" ${unsafe} (path traversal); nothing was imported`);
      if (entry.fileName.endsWith('/')) continue; // a folder
      if (isSystemFile(entry.fileName)) {
        ignored.push({ name: entry.fileName, reason: 'system file (not an image)' });
        continue;
      }
      const ext = path.posix.extname(entry.fileName).toLowerCase();
      if (ARCHIVE_EXTENSIONS.includes(ext)) {
        throw badRequest(`${zipName}: entry "${entry.fileName}" is itself an archive; nested archives are not unpacked (upload them separately)`);
      }
      declared += entry.uncompressedSize;
      entries.push(entry);
    }
    budget.files += entries.length + ignored.length;
    if (budget.files > limits.maxFiles) {
      throw new ApiError('payload_too_large', `${zipName} holds too many files: ${budget.files} in this upload, the limit is ${limits.maxFiles}`);
    }
    if (budget.expandedBytes + declared > limits.maxExpandedBytes) {
      throw new ApiError(
        'payload_too_large',
        `${zipName} would unpack to ${formatBytes(declared)}, over the limit of ${formatBytes(limits.maxExpandedBytes)} (a zip bomb?); nothing was imported`,
      );
    }
    return { zip, entries, ignored };
  } catch (err) {
    zip.close();
    throw err;
  }
}

export class EntryError extends Error {
  constructor(
    readonly code: 'too_large' | 'size_mismatch' | 'encrypted' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Unpacks one entry into memory, counting actual bytes: more than the entry declared, more
 * than an image may be, or more than the upload's unpacked budget stops it at once.
 */
export async function readEntry(zip: ZipFile, entry: Entry, limits: UploadLimits, budget: UploadBudget): Promise<Buffer> {
  if (entry.isEncrypted()) throw new EntryError('encrypted', 'encrypted entry (cannot be read)');
  if (entry.uncompressedSize > limits.maxImageBytes) {
    throw new EntryError('too_large', `larger than the ${formatBytes(limits.maxImageBytes)} an image may be`);
  }
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (err) {
    throw new EntryError('unreadable', `cannot be unpacked (${(err as Error).message})`);
  }
  const chunks: Buffer[] = [];
  let actual = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      actual += chunk.length;
      budget.expandedBytes += chunk.length;
      if (actual > entry.uncompressedSize) {
        throw new EntryError('size_mismatch', `unpacks to more than the ${formatBytes(entry.uncompressedSize)} it declares (a zip bomb?)`);
      }
      if (budget.expandedBytes > limits.maxExpandedBytes) {
        throw new ApiError('payload_too_large', `The upload unpacks to more than ${formatBytes(limits.maxExpandedBytes)}; stopped at ${entry.fileName}`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof EntryError || err instanceof ApiError) throw err;
    const message = (err as Error).message;
    if (/too many bytes|too few bytes/i.test(message)) {
      throw new EntryError('size_mismatch', `unpacks to a different size than it declares (${message})`);
    }
    throw new EntryError('unreadable', `cannot be unpacked (${message})`);
  }
  return Buffer.concat(chunks, actual);
}
