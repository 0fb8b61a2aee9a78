// One upload into a dataset: receive (streamed, byte-limited), list every zip's central
// directory (all archive-level limits are checked before anything is imported), then check
// and preprocess each file on its own. A bad file is skipped with its reason in the report;
// it never fails the upload, and every image accepted before it stays.
import { mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { ApiError } from '@/lib/api/errors';
import { storeAsset } from '@/lib/assets/store-asset';
import { findAccessibleDataset } from '@/lib/datasets/datasets';
import { formatBytes, uploadLimits, type UploadLimits } from '@/lib/datasets/limits';
import { refreshDataset } from '@/lib/datasets/manifest';
import { prepareImage, type Fit, type SkipCode } from '@/lib/datasets/prepare-image';
import { EntryError, listZip, readEntry, type UploadBudget } from '@/lib/datasets/read-zip';
import { receiveUpload, type ReceivedFile } from '@/lib/datasets/receive-upload';

export type ReportItem =
  | { name: string; status: 'accepted'; sha256: string; width: number; height: number }
  | { name: string; status: 'skipped'; code: SkipCode; reason: string };

export type UploadReport = { accepted: number; skipped: number; bytes: number; files: ReportItem[] };

export type UploadRequest = {
  body: ReadableStream<Uint8Array> | Readable | null;
  contentType: string | null;
  contentLength: string | null;
  filename?: string | null;
};

async function isZip(file: ReceivedFile): Promise<boolean> {
  if (file.name.toLowerCase().endsWith('.zip')) return true;
  const fh = await open(file.path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    return head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

export async function addUpload(userId: string, datasetId: string, request: UploadRequest, limits: UploadLimits = uploadLimits()) {
  const dataset = await findAccessibleDataset(userId, datasetId);
  const root = path.join(env().DATA_DIR, 'tmp', 'uploads');
  await mkdir(root, { recursive: true });
  const dir = await mkdtemp(path.join(root, 'u-'));
  const zips: { name: string; zip: ZipFile; entries: Entry[] }[] = [];
  try {
    const received = await receiveUpload(request.body, request, dir, limits);
    const budget: UploadBudget = { files: 0, expandedBytes: 0 };
    const report: UploadReport = { accepted: 0, skipped: 0, bytes: received.reduce((n, f) => n + f.bytes, 0), files: [] };
    const loose: ReceivedFile[] = [];

    // Phase 1: archive-level checks for every zip before a single image is imported.
    for (const file of received) {
      if (await isZip(file)) {
        const listing = await listZip(file.path, file.name, limits, budget);
        zips.push({ name: file.name, zip: listing.zip, entries: listing.entries });
        for (const i of listing.ignored) report.files.push({ name: `${file.name}:${i.name}`, status: 'skipped', code: 'system_file', reason: i.reason });
      } else {
        loose.push(file);
        budget.files += 1;
      }
    }
    if (budget.files > limits.maxFiles) throw new ApiError('payload_too_large', `Too many files in one upload: ${budget.files}, the limit is ${limits.maxFiles}`);

    // Phase 2: each file on its own.
    const known = new Map<string, string>(); // original sha256 → first name (this upload)
    const existing = new Set((await db.datasetImage.findMany({ where: { datasetId }, select: { sha256: true } })).map((r) => r.sha256));
    const owner = { userId, teamId: dataset.teamId };
    const add = async (name: string, bytes: Buffer) => {
      const item = await importImage(datasetId, { resolution: dataset.resolution, fit: dataset.fit as Fit }, name, bytes, known, existing, owner);
      report.files.push(item);
    };
    for (const file of loose) {
      if (file.bytes > limits.maxImageBytes) {
        report.files.push({ name: file.name, status: 'skipped', code: 'too_large', reason: `larger than the ${formatBytes(limits.maxImageBytes)} an image may be` });
        continue;
      }
      await add(file.name, await readFile(file.path));
    }
    for (const { name, zip, entries } of zips) {
      for (const entry of entries) {
        const entryName = `${name}:${entry.fileName}`;
        let bytes: Buffer;
        try {
          bytes = await readEntry(zip, entry, limits, budget);
        } catch (err) {
          if (err instanceof EntryError) {
            report.files.push({ name: entryName, status: 'skipped', code: err.code, reason: err.message });
            continue;
          }
          if (err instanceof ApiError) {
            // The unpacked budget ran out mid-archive: keep what was accepted, skip the rest.
            report.files.push({ name: entryName, status: 'skipped', code: 'too_large', reason: err.message });
            break;
          }
          throw err;
        }
        await add(entryName, bytes);
      }
    }

    report.accepted = report.files.filter((f) => f.status === 'accepted').length;
    report.skipped = report.files.length - report.accepted;
    const upload = await db.datasetUpload.create({
      data: { datasetId, report: report as object, accepted: report.accepted, skipped: report.skipped },
      select: { id: true, accepted: true, skipped: true, createdAt: true },
    });
    const refreshed = report.accepted > 0 ? await refreshDataset(datasetId) : null;
    return { upload: { ...upload, bytes: report.bytes, files: report.files }, dataset: { id: datasetId, imageCount: refreshed?.imageCount ?? dataset.imageCount, manifestHash: refreshed?.manifestHash ?? dataset.manifestHash } };
  } finally {
    for (const z of zips) z.zip.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function importImage(
  datasetId: string,
  opts: { resolution: number; fit: Fit },
  name: string,
  bytes: Buffer,
  known: Map<string, string>,
  existing: Set<string>,
  owner: { userId: string; teamId: string | null },
): Promise<ReportItem> {
  const prepared = await prepareImage(bytes, opts);
  if (!prepared.ok) return { name, status: 'skipped', code: prepared.code, reason: prepared.reason };
  const first = known.get(prepared.sha256);
  if (first) return { name, status: 'skipped', code: 'duplicate', reason: `duplicate of ${first} (same content)` };
  if (existing.has(prepared.sha256)) return { name, status: 'skipped', code: 'duplicate', reason: 'duplicate of an image already in the dataset (same content)' };
  known.set(prepared.sha256, name);
  const asset = await storeAsset(prepared.png, 'image/png', owner);
  try {
    await db.datasetImage.create({
      data: { datasetId, assetId: asset.id, sha256: prepared.sha256, originalName: name.slice(0, 500), width: prepared.width, height: prepared.height },
    });
  } catch (err) {
    // A concurrent upload of the same file won the unique (datasetId, sha256).
    if ((err as { code?: string }).code === 'P2002') {
      await db.asset.delete({ where: { id: asset.id } });
      return { name, status: 'skipped', code: 'duplicate', reason: 'duplicate of an image already in the dataset (same content)' };
    }
    throw err;
  }
  existing.add(prepared.sha256);
  return { name, status: 'accepted', sha256: prepared.sha256, width: prepared.width, height: prepared.height };
}
