import { describe, expect, it } from 'vitest';
import { monthWindow, quotaExceededMessage, quotaStatus } from '@/lib/usage/gpu-quota';

describe('monthly GPU quota arithmetic', () => {
  it('uses UTC calendar months, resetting on the first of the next month (December rolls over the year)', () => {
    expect(monthWindow(new Date('2026-11-23T01:02:03Z'))).toEqual({ start: new Date('2026-11-01T00:00:00Z'), resetsAt: new Date('2026-12-01T00:00:00Z') });
    expect(monthWindow(new Date('2026-12-31T23:59:59Z')).resetsAt).toEqual(new Date('2027-01-01T00:00:00Z'));
  });

  it('is exceeded once usage reaches the quota; null or 0 means unlimited', () => {
    expect(quotaStatus(0.5, 1)).toEqual({ usedSeconds: 0.5, quotaSeconds: 1, remainingSeconds: 0.5, exceeded: false });
    expect(quotaStatus(1, 1).exceeded).toBe(true);
    expect(quotaStatus(3, 1)).toMatchObject({ remainingSeconds: 0, exceeded: true });
    expect(quotaStatus(1e9, null)).toMatchObject({ quotaSeconds: null, remainingSeconds: null, exceeded: false });
    expect(quotaStatus(1e9, 0)).toMatchObject({ quotaSeconds: null, exceeded: false });
  });

  it('says how much and until when', () => {
    expect(quotaExceededMessage('your', 3600, new Date('2026-12-01T00:00:00Z'))).toBe('Monthly GPU quota of 3600 s used up; resets on 2026-12-01');
  });
});
