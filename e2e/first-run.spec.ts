import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

const password = 'correct-horse-42';

// The real seed of `npm run up` (prisma/seed.ts), run against the test database with an
// administrator of its own; then what a brand-new user sees.
function runSeed(adminEmail: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'prisma/seed.ts'], {
    env: { ...process.env, ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: password },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test('first run: a new user finds the demo collection in the gallery, with faces and a sample video that plays', async ({ page }) => {
  const admin = `first-run-admin-${Date.now()}@example.test`;
  expect(runSeed(admin)).toMatch(/demo collection created/);
  expect(runSeed(admin)).toMatch(/demo collection is in place/); // a second run adds nothing

  const email = `newcomer-${Date.now()}@example.test`;
  expect((await page.request.post('/api/v1/signup', { data: { email, password, name: 'Newcomer' } })).status()).toBe(201);
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/studio$/);

  await page.goto('/gallery');
  await page.getByTestId('gallery').getByRole('link', { name: 'Demo faces' }).first().click();
  await expect(page.getByTestId('collection-name')).toHaveText('Demo faces');
  await expect(page.getByTestId('collection-visibility')).toHaveText('public');
  const items = page.getByTestId('collection-item');
  await expect(items).toHaveCount(13);
  const face = items.nth(1).locator('img');
  await expect(face).toBeVisible();
  await expect.poll(() => face.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);

  await items.first().getByRole('link').click();
  await expect(page.getByTestId('video-name')).toHaveText('Demo faces: a morph through four faces');
  const player = page.getByTestId('video-player');
  await expect(player).toBeVisible({ timeout: 90_000 });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.duration), { timeout: 30_000 }).toBeCloseTo(6, 0);
});
