import type { Progress } from '@/lib/stylegan/train';

export type SnapshotPointer = { tick: number; kimg: number; state: string; network: string; optimizer: string; grid: string | null };

/** What the training thread tells the job thread. */
export type ThreadMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'log'; line: string }
  | { type: 'snapshot'; tick: number; kimg: number; latest: SnapshotPointer; files: Record<string, Uint8Array> }
  | { type: 'done'; result: { reason: 'finished' | 'cancelled'; kimg: number; tick: number; augmentP: number; backend: string } }
  | { type: 'error'; name: string; message: string };
