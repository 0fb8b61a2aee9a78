import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fixtureZip, signUpInBrowser } from './helpers';

/** A real photo of three people shipped inside @vladmandic/face-api (demo/sample1.jpg). */
const GROUP_PHOTO = path.resolve(process.cwd(), 'node_modules/@vladmandic/face-api/demo/sample1.jpg');

test('find your face: upload a group photo, pick a face, watch the search, open the result in the explorer, edit it and save', async ({ page }) => {
  test.setTimeout(420_000);
  await signUpInBrowser(page, 'Face Finder', 'projector');
  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip(['config.json', 'G.safetensors', 'D.safetensors']) }, name: 'Projection fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);

  await page.goto('/explore');
  await page.getByTestId('find-your-face').click();
  await expect(page).toHaveURL(/\/projections$/);
  await page.getByTestId('photo-input').setInputFiles(GROUP_PHOTO);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`upload-${width}.png`), fullPage: true });
  }
  await page.getByTestId('projection-steps').fill('40');
  await page.getByTestId('projection-start').click();

  // Three faces: the page asks which one, drawn over the photo.
  // (The first upload also loads the face detector into the web process: allow for a slow machine.)
  await expect(page.getByTestId('projection-error')).toContainText('3 faces were found', { timeout: 120_000 });
  await page.getByTestId('face-1').click();
  await expect(page).toHaveURL(/\/projections\/[^/]+$/, { timeout: 120_000 });

  // Live progress, then the result beside the target and the difference.
  await expect(page.getByTestId('img-target')).toBeVisible();
  await expect(page.getByTestId('projection-status')).toContainText(/Searching|Done/);
  await expect(page.getByTestId('projection-status')).toContainText('Done', { timeout: 180_000 });
  await expect(page.getByTestId('img-difference')).toBeVisible();
  await expect(page.getByTestId('loss-curve')).toBeVisible();
  await expect(page.getByTestId('projection-provenance')).toContainText('derived from an uploaded photo');
  // Phone and desktop widths: nothing spills sideways.
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`projection-${width}.png`), fullPage: true });
  }

  // Into the explorer: nudge the found latent, take a neighbour and save the edit as a new latent.
  await page.getByTestId('open-in-explorer').click();
  await expect(page.getByTestId('opened-latent')).toContainText('Projection of a photo');
  await expect(page.getByTestId('focus-image')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Nudge', exact: true }).click();
  await expect(page.getByTestId('nudge-tile').first().locator('img')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nudge-tile').first().click();
  await page.getByLabel('Latent name').fill('My face, steered');
  await page.getByRole('button', { name: 'Save latent' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “My face, steered”' })).toBeVisible({ timeout: 30_000 });
});
