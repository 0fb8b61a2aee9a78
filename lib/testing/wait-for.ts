// Polls until `fn` gives a truthy value (returned), or fails after `timeoutMs` naming what it
// waited for, with the tail of `out()` (a process's output) when given. For tests only.
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | false | undefined>,
  timeoutMs: number,
  opts: { out?: () => string; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${opts.out ? `\n${opts.out().slice(-4000)}` : ''}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}
