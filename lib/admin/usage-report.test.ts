import { describe, expect, it } from 'vitest';
import { dailySeries, dayRange } from '@/lib/admin/usage-report';

describe('usage report series', () => {
  it('lists the last N UTC days, oldest first, ending today', () => {
    expect(dayRange(3, new Date('2026-03-01T05:00:00Z'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('zero-fills days, sums per key and into the overall series, and ignores rows outside the range', () => {
    const days = ['2026-11-21', '2026-11-22', '2026-11-23'];
    const series = dailySeries(
      days,
      [
        { key: 'u1', day: '2026-11-21', gpu: 10, jobs: 2 },
        { key: 'u2', day: '2026-11-23', gpu: 5, jobs: 1 },
        { key: 'u1', day: '2026-10-01', gpu: 99, jobs: 9 },
      ],
      [{ key: 'u2', day: '2026-11-22', bytes: 2048 }],
    );
    expect(series.get('u1')!.map((p) => p.gpuSeconds)).toEqual([10, 0, 0]);
    expect(series.get('u2')!).toEqual([
      { day: '2026-11-21', gpuSeconds: 0, jobs: 0, storageBytes: 0 },
      { day: '2026-11-22', gpuSeconds: 0, jobs: 0, storageBytes: 2048 },
      { day: '2026-11-23', gpuSeconds: 5, jobs: 1, storageBytes: 0 },
    ]);
    expect(series.get('*')!.map((p) => [p.gpuSeconds, p.jobs, p.storageBytes])).toEqual([[10, 2, 0], [0, 0, 2048], [5, 1, 0]]);
    expect(dailySeries(days, [], []).get('*')).toHaveLength(3);
  });
});
