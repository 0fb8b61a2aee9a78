// An S3-compatible server for tests (s3rver, from npm: installs offline), in a folder of its
// own, with the product's bucket. Its credentials are s3rver's fixed ones.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export const TEST_S3 = { bucket: 'atelier-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export async function startS3Server() {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'atelier-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: TEST_S3.bucket, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    /** The environment that points the product's storage at this server. */
    env: {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: TEST_S3.bucket,
      S3_REGION: TEST_S3.region,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
