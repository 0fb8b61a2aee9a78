// Prisma CLI configuration. Prisma's classic schema engine downloads a native binary,
// which fails offline, so migrations run on the JavaScript schema engine through the
// pg driver adapter (see ../shared/ENVIRONMENT.md, "Prisma: the one trap").
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

// The adapter cannot decode Postgres `name` and `"char"` columns, which the schema
// engine reads from the catalogue; both are plain text on the wire.
class CatalogFriendlyClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last];
      args[last] = (err: Error | null, res: pg.QueryResult) => callback(err, err ? res : asText(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    return result && typeof result.then === 'function' ? result.then(asText) : result;
  }
}

function asText(res: pg.QueryResult): pg.QueryResult {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return res;
}

function poolConfig(): pg.PoolConfig {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run scripts/services.sh start, or export it');
  // Discrete fields rather than a connection string, so that the shadow database's
  // `database` override takes effect.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
    Client: CatalogFriendlyClient,
    allowExitOnIdle: true,
  };
}

class MigrationAdapterFactory extends PrismaPg {
  // The stock shadow-database cleanup drops the database while its pool is still
  // connected; FORCE ends those sessions first.
  async connectToShadowDb() {
    const conn = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
    await conn.executeScript(`CREATE DATABASE "${database}"`);
    const shadowFactory = new PrismaPg({ ...poolConfig(), database });
    const shadow = await shadowFactory.connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await conn.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await conn.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'tsx prisma/seed.ts' },
  async adapter() {
    return new MigrationAdapterFactory(poolConfig());
  },
});
