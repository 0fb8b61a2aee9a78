// Typed configuration: every environment variable the product reads, parsed once.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (npm run up sets it for the local instance)'),
  REDIS_URL: z.string().min(1, 'REDIS_URL is required (npm run up sets it for the local instance)'),
  AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters'),
  APP_URL: z.string().url().default('http://localhost:3000'),
  DATA_DIR: z.string().default(path.resolve(process.cwd(), '.data')),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool,
  QUEUE_PREFIX: z.string().default('atelier'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  // Read by the StyleGAN core (lib/stylegan/backend); listed here so a typo fails at start.
  TFJS_BACKEND: z.enum(['webgpu', 'node-gpu', 'node', 'wasm', 'cpu']).optional(),
  // Fine-tuning on a CPU backend (wasm, one core per thread): threads per training job.
  TRAINING_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  // Videos: most frames one video may have (a bad request beyond), frames per render batch.
  VIDEO_MAX_FRAMES: z.coerce.number().int().min(2).default(1800),
  VIDEO_BATCH_SIZE: z.coerce.number().int().min(1).max(64).default(8),
  // Dataset uploads: bytes received per request, files per upload (zip entries included),
  // bytes after unzipping (declared and actual), and bytes of one image file.
  DATASET_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024 * 1024),
  DATASET_UPLOAD_MAX_FILES: z.coerce.number().int().positive().default(20_000),
  DATASET_UPLOAD_MAX_EXPANDED_BYTES: z.coerce.number().int().positive().default(4 * 1024 * 1024 * 1024),
  DATASET_IMAGE_MAX_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),
  // Monthly GPU-seconds quotas (defaults; admins override per user and per team). 0 = unlimited.
  GPU_QUOTA_USER_SECONDS: z.coerce.number().int().min(0).default(36_000),
  GPU_QUOTA_TEAM_SECONDS: z.coerce.number().int().min(0).default(360_000),
  // A job whose worker died is picked up again after this long without a lock renewal.
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(15_000),
  // Postgres is the source of truth for jobs: this often (and on start and each Redis
  // reconnect) a worker re-queues job rows whose queue entry was lost.
  JOB_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(500).default(60_000),
  // Video encoding: the ffmpeg binary (a worker without one does not take video jobs).
  FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  // Synthesis workers: concurrent jobs (drained into shared forward passes), images per
  // forward pass, and the LRU cache of loaded generators (by count and by weight size).
  SYNTH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  SYNTH_BATCH_MAX: z.coerce.number().int().min(1).max(256).default(16),
  // While a synthesis worker is busy, how long a forward pass may wait after its oldest request
  // for more to share it (fewer, larger passes: less CPU per image); 0 turns it off.
  SYNTH_GATHER_MS: z.coerce.number().int().min(0).max(1000).default(50),
  SYNTH_CACHE_MODELS: z.coerce.number().int().min(1).max(100).default(4),
  SYNTH_CACHE_MB: z.coerce.number().min(1).default(2048),
  // Generators a synthesis worker loads and renders once at start (newest public models first).
  SYNTH_WARM_MODELS: z.coerce.number().int().min(0).max(100).default(1),
  // API limits: images per generate request, size of a model upload.
  GENERATE_MAX_IMAGES: z.coerce.number().int().min(1).max(1024).default(64),
  MODEL_UPLOAD_MAX_MB: z.coerce.number().min(1).default(1024),
  // Throttling (Redis): failed sign-ins and token requests per account and per client address
  // in a sliding window, sign-ups per address and per email in an hour. 429 with Retry-After.
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  SIGNIN_THROTTLE_WINDOW_S: z.coerce.number().int().min(1).default(900),
  SIGNUP_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  SIGNUP_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  // The client address is this entry of X-Forwarded-For counted from the right (1 = the last,
  // added by the nearest proxy or by Next.js itself when there is none).
  CLIENT_ADDRESS_HOP: z.coerce.number().int().min(1).default(1),
  // Model zips: entries, and bytes after unzipping (checked before anything is inflated).
  MODEL_UPLOAD_MAX_ENTRIES: z.coerce.number().int().min(4).default(64),
  MODEL_UPLOAD_MAX_EXPANDED_MB: z.coerce.number().min(1).default(2048),
  // Uploads read as they arrive: bytes of one /verify upload.
  VERIFY_UPLOAD_MAX_MB: z.coerce.number().min(1).default(200),
  // Account emails (password reset). Without SMTP_URL (local mode) the message is printed to the
  // server log instead. smtp://user:pass@host:587 (STARTTLS when offered) or smtps://… (TLS).
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Latent Atelier <no-reply@atelier.local>'),
  // How long a password-reset link works, and reset requests per email and per address an hour.
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  PASSWORD_RESET_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(3),
  PASSWORD_RESET_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  // Find your face: bytes of one uploaded photo, and the most optimisation steps one projection may ask for.
  PROJECTION_PHOTO_MAX_MB: z.coerce.number().min(0.01).default(20),
  PROJECTION_MAX_STEPS: z.coerce.number().int().min(1).default(2000),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The parsed environment. Throws one readable error listing every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (parsed.data.STORAGE_DRIVER === 's3' && !parsed.data.S3_BUCKET) {
    throw new Error('Invalid environment:\n  S3_BUCKET: required when STORAGE_DRIVER=s3');
  }
  cached = parsed.data;
  return cached;
}
