// What goes wrong, said well: one 404 page with the header in every route group, the licence
// review page without a hydration error, field problems next to their fields, a used-up quota
// on the explorer grid instead of spinning tiles, and a failed render with its error and a retry.
import { expect, test, type Page } from '@playwright/test';
import { fixtureZip } from './helpers';
import { modelWithLatents, newId, pageOf, signUpApi, sql } from './accounts';

function hydrationErrors(page: Page) {
  const errors: string[] = [];
  const hydration = /hydrat|Minified React error #41[89]|did not match/i;
  page.on('console', (msg) => {
    if (msg.type() === 'error' && hydration.test(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (err) => {
    if (hydration.test(err.message)) errors.push(err.message);
  });
  return errors;
}

test('one 404 page, with the site header, in every route group', async ({ page, browser, request }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByText('Nothing here')).toBeVisible();
  await expect(page.locator('header')).toHaveCount(1);
  await expect(page.locator('header').getByRole('link', { name: 'Sign in' })).toBeVisible();

  const user = await signUpApi(request, 'notfound');
  const signedIn = await pageOf(browser, user);
  for (const path of ['/latents/not-a-latent', '/models/not-a-model', '/collections/not-a-collection', '/videos/not-a-video', '/training/not-a-run', '/no-such-page']) {
    const r = await signedIn.goto(path);
    expect(r?.status(), path).toBe(404);
    await expect(signedIn.getByTestId('not-found'), path).toBeVisible();
    await expect(signedIn.locator('header'), path).toHaveCount(1);
    await expect(signedIn.getByTestId('signed-in-as'), path).toHaveText(user.email);
  }
  // The admin group's 403 has the header too.
  await signedIn.goto('/admin');
  await expect(signedIn.getByText('You can’t open this page')).toBeVisible();
  await expect(signedIn.locator('header')).toHaveCount(1);
});

test('the licence review page hydrates without errors, custom terms included', async ({ browser, request }) => {
  const admin = await signUpApi(request, 'reviewadmin', 'ADMIN');
  const member = await signUpApi(request, 'reviewmember');
  const licenseId = newId();
  const datasetId = newId();
  await sql(`INSERT INTO "License" (id, name, "customText", "commercialUse") VALUES ($1, 'E2E custom terms', 'Research use only, no redistribution of the images.', false)`, [licenseId]);
  await sql(`INSERT INTO "Dataset" (id, name, "ownerId", resolution, "reviewStatus", "licenseId", "updatedAt") VALUES ($1, 'E2E custom dataset', $2, 32, 'PENDING', $3, now())`, [datasetId, member.id, licenseId]);

  const page = await pageOf(browser, admin);
  const errors = hydrationErrors(page);
  await page.goto('/admin/reviews');
  const review = page.getByTestId(`review-${datasetId}`);
  await review.getByText('Custom terms').click();
  await expect(review.getByText('Research use only, no redistribution of the images.')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});

test('forms say what is wrong next to the field, in words', async ({ page, browser, request }) => {
  // Sign-up: each problem under its own field.
  await page.goto('/signup');
  await page.getByLabel('Email').fill('not an email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('[data-field-error="name"]')).toHaveText('Name is required');
  await expect(page.locator('[data-field-error="email"]')).toBeVisible();
  await expect(page.locator('[data-field-error="password"]')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('not an email');

  const user = await signUpApi(request, 'forms');
  const p = await pageOf(browser, user);

  // A server-action form (teams) and the API-backed forms (datasets, model import).
  await p.goto('/teams');
  await p.getByLabel('New team name').fill('x');
  await p.getByRole('button', { name: 'Create team' }).click();
  await expect(p.locator('[data-field-error="name"]')).toHaveText('Team name must be at least 2 characters');

  await p.goto('/datasets');
  await p.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(p.locator('[data-field-error="name"]')).toBeVisible();

  await p.goto('/models');
  await p.getByRole('button', { name: 'Import model', exact: true }).click();
  await expect(p.locator('[data-field-error="file"]')).toHaveText('Attach the model zip (config.json with G_ema/G/D .safetensors)');
  await expect(p.locator('[data-field-error="name"]')).toHaveText('Model name is required');
  await expect(p.locator('[data-field-error="license"]')).toHaveText('Choose a licence (e.g. CC-BY-4.0)');
});

test('over quota, the explorer grid says so and what to do, instead of spinning', async ({ browser, request }) => {
  const user = await signUpApi(request, 'overquota');
  const imported = await request.post('/api/v1/models/import', {
    headers: user.auth,
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'Quota fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const modelId = (await imported.json()).model.id as string;
  await sql(`UPDATE "User" SET "gpuQuotaSeconds" = 1 WHERE id = $1`, [user.id]);
  await sql(`INSERT INTO "Job" (id, type, state, payload, "gpuSeconds", "userId") VALUES ($1, 'ping', 'COMPLETED', '{}', 5, $2)`, [newId(), user.id]);

  const page = await pageOf(browser, user);
  await page.goto(`/explore?model=${modelId}`);
  await expect(page.getByTestId('grid-error')).toContainText('Monthly GPU quota of 1 s used up');
  await expect(page.getByTestId('grid-error').getByTestId('quota-help')).toContainText('Ask an administrator to raise the quota');
  await expect(page.getByTestId('tile-failed')).toHaveCount(await page.getByTestId('seed-tile').count());
  expect(await page.getByTestId('seed-tile').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('seed-grid').getByRole('status')).toHaveCount(0);
  await page.screenshot({ path: '.data/screens/explorer-over-quota-1280.png', fullPage: true });
});

test('a failed video render shows its error and renders again', async ({ browser, request }) => {
  const user = await signUpApi(request, 'failedvideo');
  const { latents } = await modelWithLatents(request, user, 'Failing');
  const created = await request.post('/api/v1/videos', { headers: user.auth, data: { name: 'Renders fine', keyframes: latents, secondsPerTransition: 0.5, fps: 4 } });
  expect(created.status(), await created.text()).toBe(202);
  const source = (await created.json()).video.id as string;
  // A copy of it whose render job failed.
  const videoId = newId();
  const jobId = newId();
  await sql(`INSERT INTO "Job" (id, type, state, payload, error, "userId", "finishedAt") VALUES ($1, 'render-video', 'FAILED', $2, 'E2E: ffmpeg exited with code 1', $3, now())`, [jobId, JSON.stringify({ videoId }), user.id]);
  await sql(
    `INSERT INTO "Video" (id, name, "modelId", "ownerId", settings, "keyframeIds", "jobId", "frameCount", "durationSec")
     SELECT $1, 'E2E failed render', "modelId", "ownerId", settings, "keyframeIds", $2, "frameCount", "durationSec" FROM "Video" WHERE id = $3`,
    [videoId, jobId, source],
  );

  const page = await pageOf(browser, user);
  await page.goto(`/videos/${videoId}`);
  await expect(page.getByTestId('video-failed')).toContainText('Rendering failed: E2E: ffmpeg exited with code 1');
  await page.screenshot({ path: '.data/screens/video-failed-1280.png', fullPage: true });
  await page.getByRole('button', { name: 'Render again' }).click();
  await expect(page.getByTestId('video-failed')).toHaveCount(0);
  expect((await sql(`SELECT state FROM "Job" WHERE id = $1`, [jobId]))[0].state).not.toBe('FAILED');
});
