// A backstop behind the edge validation in with-auth: database errors that can only come from
// the request's own values (a number out of a column's range, text too long, malformed text)
// are the caller's mistake, so they answer 400, never 500.
import { ApiError } from '@/lib/api/errors';

// Prisma error codes for values the database cannot take.
const PRISMA_INPUT_CODES = new Set(['P2000', 'P2005', 'P2006', 'P2007', 'P2009', 'P2012', 'P2019', 'P2020', 'P2023', 'P2033']);
// PostgreSQL SQLSTATEs of class 22 (data exception) that input can cause.
const PG_INPUT_STATES = new Set(['22001', '22003', '22007', '22008', '22021', '22023', '22P02', '22P05', '2200D', '22019', '22025']);

function collectCodes(err: unknown, out: string[] = [], depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return out;
  const e = err as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: unknown };
  if (typeof e.code === 'string') out.push(e.code);
  if (typeof e.originalCode === 'string') out.push(e.originalCode);
  collectCodes(e.cause, out, depth + 1);
  collectCodes(e.meta, out, depth + 1);
  return out;
}

/** The 400 this error should have been, or null when it is a real server fault. */
export function inputErrorFromDatabase(err: unknown): ApiError | null {
  const codes = collectCodes(err);
  const message = err instanceof Error ? err.message : '';
  if (codes.some((c) => PRISMA_INPUT_CODES.has(c) || PG_INPUT_STATES.has(c)) || /invalid byte sequence|out of range for type|value too long for type|invalid input syntax/i.test(message)) {
    return new ApiError('validation_error', 'A value in the request cannot be stored (out of range, too long or malformed text)');
  }
  return null;
}
