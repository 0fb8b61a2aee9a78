// Drains concurrent synthesis requests for the same checkpoint and noise mode into shared
// forward passes. The worker takes several jobs at once (SYNTH_CONCURRENCY); each submits
// here and waits. One group runs at a time (the tfjs backend is single-threaded), so
// requests that arrive meanwhile are batched into the next pass. A pass of one image costs about
// twice per image what a pass of several does, so while the worker is busy (its last pass was
// shared, or requests arrived during it) a pass waits up to `busyGatherMs` after its oldest
// request for more to arrive; an idle worker (one client at a time) never waits.

export type BatchRequest<G, R> = {
  /** requests with the same key may share a forward pass */
  key: string;
  images: number;
  load: () => Promise<G>;
};

export type GroupRunner<G, Req, R> = (generator: G, requests: Req[]) => Promise<R[]>;

type Pending<G, Req, R> = { req: Req & BatchRequest<G, R>; resolve: (r: R & { batchImages: number }) => void; reject: (e: unknown) => void; since: number };

export class Batcher<G, Req, R> {
  private pending: Pending<G, Req, R>[] = [];
  private running = false;
  /** jobs that have started and will submit soon (their DB/storage reads are in flight) */
  private expected = 0;
  /** the last pass was shared or requests arrived while it ran: more are likely to come */
  private busy = false;
  /** wakes a pass that waits for more requests */
  private arrived: (() => void) | null = null;

  constructor(
    private readonly maxImages: number,
    private readonly runGroup: GroupRunner<G, Req, R>,
    /** how long a pass may wait for expected requests to join it */
    private readonly gatherMs = 15,
    /** while busy: how long after its oldest request a pass may wait for more (0: never) */
    private readonly busyGatherMs = 0,
    /** while busy: a pass with this many images waits no longer */
    private readonly busyTargetImages = maxImages,
  ) {}

  /** Announces a request that will be submitted shortly; returns a function to call if it will not be. */
  expect(): () => void {
    this.expected++;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        this.expected--;
      }
    };
  }

  submit(req: Req & BatchRequest<G, R>, expectation?: () => void): Promise<R & { batchImages: number }> {
    expectation?.();
    return new Promise((resolve, reject) => {
      this.pending.push({ req, resolve, reject, since: Date.now() });
      this.arrived?.();
      void this.drain();
    });
  }

  /** With other jobs about to submit, wait a moment so they share this pass (never when idle). */
  private async gather() {
    const until = Date.now() + this.gatherMs;
    while (this.expected > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 1));
  }

  /** While busy, wait (up to busyGatherMs after the oldest request) until a full pass is in hand. */
  private async gatherWhileBusy() {
    if (!this.busy || this.busyGatherMs <= 0) return;
    const until = this.pending[0].since + this.busyGatherMs;
    const target = Math.min(this.maxImages, this.busyTargetImages);
    for (;;) {
      const key = this.pending[0].req.key;
      const images = this.pending.reduce((n, p) => n + (p.req.key === key ? p.req.images : 0), 0);
      const left = until - Date.now();
      if (images >= target || left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.arrived = done;
      });
      this.arrived = null;
    }
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      // Let jobs that BullMQ handed us in the same tick join the first group.
      await new Promise((r) => setImmediate(r));
      while (this.pending.length) {
        await this.gather();
        await this.gatherWhileBusy();
        const key = this.pending[0].req.key;
        const group: Pending<G, Req, R>[] = [];
        let images = 0;
        for (const p of [...this.pending]) {
          if (p.req.key !== key) continue;
          if (group.length && images + p.req.images > this.maxImages) break;
          group.push(p);
          images += p.req.images;
        }
        this.pending = this.pending.filter((p) => !group.includes(p));
        try {
          const generator = await group[0].req.load();
          const results = await this.runGroup(
            generator,
            group.map((p) => p.req),
          );
          group.forEach((p, i) => p.resolve({ ...results[i], batchImages: images }));
        } catch (err) {
          group.forEach((p) => p.reject(err));
        }
        this.busy = group.length > 1 || this.pending.length > 0;
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }
}
