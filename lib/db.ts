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
