// Runs once when the web server starts: registers every job definition with the queue
// machinery (cancel and retry read a job's queue, schema and hooks from its definition).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('@/worker/job-registry');
}
