import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

const globalForDb = globalThis as unknown as { atelierDb?: PrismaClient };

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
}

/** The one Prisma client of this process (kept across hot reloads in development). */
export const db: PrismaClient = globalForDb.atelierDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.atelierDb = db;

/**
 * JSON for a jsonb parameter of a raw query (rows written many at a time with
 * jsonb_to_recordset). Prisma writes a fractional number with 16 significant digits (Json and
 * Float columns alike); a raw write does the same, so a value reads back identical whichever way
 * it was written — a job's result w+ equals the latent saved from it.
 */
export function dbJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(16)) : v));
}
