// The landing page as a visitor sees it after `npm run up`'s seed: real faces of the bundled
// model and the looping morph through them (rendered once by the worker), what you can do, the
// gallery, and a footer that reaches /verify and the API documentation.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { password } from './helpers';

test('landing: faces and a looping video from the bundled model, features, gallery, footer to /verify and the API docs', async ({ page }) => {
  test.setTimeout(240_000);
  const admin = `landing-admin-${Date.now()}@example.test`;
  execFileSync(process.execPath, ['--import', 'tsx', 'prisma/seed.ts'], { env: { ...process.env, ADMIN_EMAIL: admin, ADMIN_PASSWORD: password }, encoding: 'utf8', timeout: 120_000 });

  // The worker renders the demo video within a minute or two of the seed; until then the page
  // shows the faces and the static grid.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(async () => {
    await page.goto('/');
    await expect(page.getByTestId('landing-video')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 180_000, intervals: [3000] });
  const video = page.getByTestId('landing-video');
  expect(await video.evaluate((v: HTMLVideoElement) => [v.loop, v.muted, v.autoplay])).toEqual([true, true, true]);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.duration), { timeout: 30_000 }).toBeCloseTo(6, 0);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(64);

  const faces = page.getByTestId('landing-faces').locator('img');
  await expect(faces).toHaveCount(12);
  for (const img of await faces.all()) await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(64);

  await expect(page.getByTestId('landing-features').getByRole('heading')).toHaveText(['Explore', 'Mix', 'Animate', 'Fine-tune', 'Projects']);
  await expect(page.getByTestId('landing-gallery').getByRole('link', { name: 'Demo faces' }).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const footer = page.getByRole('navigation', { name: 'Footer' });
  // At phone width the signed-out header has no room for Quiz: the footer reaches it.
  await expect(footer.getByRole('link', { name: 'Which face is real? (quiz)' })).toHaveAttribute('href', '/quiz');
  await footer.getByRole('link', { name: 'Verify an image or video' }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await page.goBack();
  await footer.getByRole('link', { name: 'API documentation' }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Latent Atelier API (v1)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Style mixes' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '/mixes/preview' })).toBeVisible();
});
