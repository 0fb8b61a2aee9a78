/** Sends one server-sent event. */
export type SendEvent = (event: string, data: unknown) => void;

/**
 * A server-sent event stream fed by polling: `poll` runs every `intervalMs` until it returns
 * true (finished) or the client goes away. A thrown error is sent as an `error` event and
 * ends the stream. Rows updated by workers on any host are read this way, so the stream
 * works without a pub/sub channel between web and workers.
 */
export function pollEventStream(signal: AbortSignal, intervalMs: number, poll: (send: SendEvent) => Promise<boolean>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      const send: SendEvent = (event, data) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      try {
        while (!signal.aborted) {
          if (await poll(send)) break;
          await new Promise((r) => setTimeout(r, intervalMs));
        }
      } catch (err) {
        send('error', { message: (err as Error).message });
      } finally {
        controller.close();
      }
    },
  });
}
