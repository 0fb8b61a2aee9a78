// Browser side of /api/v1/models/:id/directions: list, rename, delete, teach, discover, and the
// live preview (one PNG per request; while one is in flight only the latest change waits).
import { ApiFailure, postJson } from '../generate-client';

export type RangeName = 'coarse' | 'middle' | 'fine' | 'all' | 'custom';
export type LayerRange = { start: number; end: number };

export type Direction = {
  id: string;
  name: string;
  method: 'sefa' | 'ganspace' | 'taught';
  layers: LayerRange;
  range: RangeName;
  rank: number;
  value: number;
  named: boolean;
  vector: number[];
};

export type DirectionList = {
  checkpointId: string;
  canManage: boolean;
  directions: Direction[];
  discovery: { id: string; state: string; progress: number; error: string | null } | null;
};

/** One applied direction as the API takes it (and a saved edit stores it). */
export type EditSpec = { directionId: string; amount: number; layers: LayerRange };

async function json(res: Response) {
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(data?.error?.message ?? `Request failed (${res.status})`);
  return data;
}

export async function listDirections(modelId: string): Promise<DirectionList> {
  return json(await fetch(`/api/v1/models/${modelId}/directions`, { cache: 'no-store' }));
}

export async function renameDirection(modelId: string, id: string, name: string): Promise<Direction> {
  return (await postJson(`/api/v1/models/${modelId}/directions/${id}`, { name }, 'PATCH')).direction;
}

export async function deleteDirection(modelId: string, id: string): Promise<void> {
  await json(await fetch(`/api/v1/models/${modelId}/directions/${id}`, { method: 'DELETE' }));
}

export async function discover(modelId: string) {
  return (await postJson(`/api/v1/models/${modelId}/directions/discover`, {})).job as { id: string };
}

export async function teach(modelId: string, body: { name: string; layers: RangeName | LayerRange; positives: number[][]; negatives: number[][]; conditionOn: string[] }) {
  const { name, layers, ...examples } = body;
  return (await postJson(`/api/v1/models/${modelId}/directions`, { name, layers: layers === 'custom' ? undefined : layers, teach: examples })) as {
    direction: Direction;
    taught: { heldOutAccuracy: number; trainAccuracy: number; folds: number };
  };
}

export type Preview = { url: string; sha256: string; ms: number };

/** Renders base + edits as a PNG (object URL) and its SHA-256, measured from request to decoded bytes. */
export async function preview(modelId: string, body: { wplus: number[][]; edits: EditSpec[]; noiseMode: string }, signal?: AbortSignal): Promise<Preview> {
  const started = performance.now();
  const res = await fetch(`/api/v1/models/${modelId}/directions/preview`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!res.ok) await json(res);
  const bytes = await res.arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { url: URL.createObjectURL(new Blob([bytes], { type: 'image/png' })), sha256, ms: performance.now() - started };
}

/**
 * Keeps previews flowing while a slider moves: at most one request in flight; a change made
 * meanwhile replaces any waiting one, and is sent as soon as the current one returns.
 */
export function previewScheduler(onResult: (p: Preview) => void, onError: (message: string) => void, onBusy: (busy: boolean) => void = () => {}) {
  let inFlight = false;
  let waiting: (() => Promise<Preview>) | null = null;
  async function pump() {
    if (inFlight) return;
    if (!waiting) {
      onBusy(false);
      return;
    }
    const work = waiting;
    waiting = null;
    inFlight = true;
    try {
      onResult(await work());
    } catch (err) {
      onError(err instanceof ApiFailure ? err.message : 'Preview failed');
    } finally {
      inFlight = false;
      void pump();
    }
  }
  return (work: () => Promise<Preview>) => {
    waiting = work;
    onBusy(true);
    void pump();
  };
}
