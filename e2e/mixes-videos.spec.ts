import { expect, test } from '@playwright/test';
import { fixtureZip, signUpInBrowser } from './helpers';
import type { Page } from '@playwright/test';

/** No horizontal page overflow at phone and desktop width (screenshots in .data/screens). */
async function fitsAt(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width}px overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `.data/screens/${name}-${width}.png`, fullPage: true });
  }
}

test('compose a style mix and save it; render a 2-second video and watch it play', async ({ page }) => {
  await signUpInBrowser(page, 'Mix Er', 'mixer');

  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'Mix fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();
  // Thumbnails as the explorer saves them: images from a generate job.
  const gen = await (await page.request.post('/api/v1/generate', { data: { modelId: model.id, seeds: [1, 2] } })).json();
  let images: { assetId: string }[] = [];
  await expect
    .poll(async () => {
      const { job } = await (await page.request.get(`/api/v1/jobs/${gen.job.id}`)).json();
      images = job.result?.images ?? [];
      return job.state;
    }, { timeout: 60_000 })
    .toBe('COMPLETED');
  for (const [i, [name, seed]] of ([['Face A', 1], ['Face B', 2]] as const).entries()) {
    const res = await page.request.post('/api/v1/latents', { data: { name, modelId: model.id, seed, thumbnailAssetId: images[i]!.assetId } });
    expect(res.status()).toBe(201);
  }

  // Compose: coarse layers from Face A, middle from Face B; preview through the queue, then save.
  await page.goto('/mixes/new');
  await page.getByLabel('Source 1 latent').selectOption({ label: 'Face A' });
  await page.getByLabel('Source 2 latent').selectOption({ label: 'Face B' });

  // A refused mix is explained in words next to the field it is about, counted the way the form counts.
  await page.getByRole('button', { name: 'Add source' }).click();
  await page.getByLabel('Source 3 psi').fill('3');
  await page.getByRole('button', { name: 'Preview' }).click();
  const third = page.getByTestId('mix-source').nth(2);
  await expect(third.getByText('Source 3 layers: each source takes at least one layer range')).toBeVisible();
  await expect(third.getByText('Source 3 ψ must be at most 2')).toBeVisible();
  await expect(page.getByText(/sources\.\d/)).toHaveCount(0);
  await third.getByRole('button', { name: 'Remove' }).click();

  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('mix-preview')).toBeVisible({ timeout: 60_000 });
  expect(await page.getByTestId('mix-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(32);
  // Each source shows its thumbnail; the mixing grid names its rows and columns.
  await expect(page.getByTestId('mix-source-thumbnail')).toHaveCount(2);
  await page.getByRole('button', { name: 'Render grid' }).click();
  const grid = page.getByTestId('mix-grid');
  await expect(grid).toBeVisible({ timeout: 60_000 });
  await expect(grid.getByTestId('mix-grid-column')).toHaveText(['1. Face A', '2. Face B']);
  await expect(grid.getByTestId('mix-grid-row')).toHaveText(['1. Face A', '2. Face B']);
  await expect(grid.getByTestId('mix-grid-cell')).toHaveCount(4);
  await expect(grid.getByRole('img', { name: 'Column source: 1. Face A' })).toBeVisible();
  await expect(grid).toContainText('rows give coarse');
  await fitsAt(page, 'mix-grid');
  await page.getByLabel('Mix name').fill('A pose, B features');
  await page.getByRole('button', { name: 'Save mix' }).click();
  await expect(page).toHaveURL(/\/mixes\/[^/]+$/, { timeout: 60_000 });
  await expect(page.getByTestId('mix-name')).toHaveText('A pose, B features');
  await expect(page.getByTestId('mix-image')).toBeVisible();
  await expect(page.getByTestId('mix-latent')).toHaveText('A pose, B features');
  await expect(page.getByTestId('mix-sources')).toContainText('coarse');
  // Sources by name, linked; the result latent opens its own page; /mixes finds the mix again.
  await expect(page.getByTestId('mix-sources').getByRole('link', { name: 'Face A' })).toHaveAttribute('href', /^\/latents\/[^/]+$/);
  await expect(page.getByTestId('mix-latent')).toHaveAttribute('href', /^\/latents\/[^/]+$/);
  const mixPath = new URL(page.url()).pathname;
  await page.goto('/mixes');
  await expect(page.getByTestId('mix-list').getByRole('link', { name: 'A pose, B features' }).first()).toHaveAttribute('href', mixPath);
  await expect(page.getByTestId('mix-list').locator('img')).toHaveCount(1);
  await page.goto(mixPath);

  // Rename and share it from its page, then mark it for commercial use (CC-BY-4.0 allows it).
  const mixUrl = new URL(page.url()).pathname;
  await page.getByLabel('Mix name').fill('Final mix');
  await page.getByLabel('Visibility').selectOption('PUBLIC');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('mix-name')).toHaveText('Final mix');
  await expect(page.getByTestId('mix-visibility')).toHaveText('public');
  await expect(page.getByLabel('Visibility')).toHaveValue('PUBLIC');
  await expect(page.getByTestId('commercial-use-status')).toHaveText('Not marked');
  await page.getByRole('button', { name: 'Mark for commercial use' }).click();
  await expect(page.getByTestId('commercial-use-status')).toHaveText('Marked for commercial use');
  const saved = await (await page.request.get(`/api/v1${mixUrl}`)).json();
  expect(saved.mix).toMatchObject({ name: 'Final mix', visibility: 'PUBLIC', commercialUse: true });

  // Video: two keyframes, one 2-second transition at 12 fps.
  await page.goto('/videos/new');
  await page.getByRole('button', { name: 'Add Face A' }).click();
  await page.getByRole('button', { name: 'Add Face B' }).click();
  await expect(page.getByTestId('keyframes').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('keyframes').getByTestId('keyframe-thumbnail')).toHaveCount(2);
  await page.getByLabel('Name').fill('Two faces');
  await page.getByLabel('Frames per second').fill('12');
  await page.getByLabel('Seconds per transition').fill('2');
  // A few in-between frames before the full render.
  await page.getByRole('button', { name: 'Preview frames' }).click();
  const strip = page.getByTestId('video-preview-strip');
  await expect(strip).toBeVisible({ timeout: 60_000 });
  await expect(strip.getByTestId('video-preview-frame')).toHaveCount(6);
  await expect(strip).toContainText('6 of 24 frames');
  await expect(strip.getByTestId('video-preview-frame').last()).toContainText('1.92 s');
  await fitsAt(page, 'video-preview');
  await page.getByRole('button', { name: 'Render video' }).click();
  await expect(page).toHaveURL(/\/videos\/[^/]+$/);
  await expect(page.getByTestId('video-name')).toHaveText('Two faces');
  // The video page shows its keyframes, each opening its latent.
  await expect(page.getByTestId('video-keyframe')).toHaveCount(2);
  await expect(page.getByTestId('video-keyframes').getByRole('link', { name: '1. Face A' })).toHaveAttribute('href', /^\/latents\/[^/]+$/);
  const player = page.getByTestId('video-player');
  await expect(player).toBeVisible({ timeout: 90_000 });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.duration), { timeout: 30_000 }).toBeCloseTo(2, 1);
  await player.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0);
});

test('a latent of a non-commercial model cannot be marked for commercial use: the button is disabled and says why', async ({ page }) => {
  await signUpInBrowser(page, 'Non Commercial', 'noncommercial');

  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'NC fixture', license: 'CC-BY-NC-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();
  const created = await page.request.post('/api/v1/latents', { data: { name: 'NC face', modelId: model.id, seed: 3 } });
  expect(created.status()).toBe(201);
  const { latent } = await created.json();

  await page.goto(`/latents/${latent.id}`);
  await expect(page.getByTestId('latent-name')).toHaveText('NC face');
  await expect(page.getByTestId('commercial-use-status')).toHaveText('Not marked');
  const mark = page.getByRole('button', { name: 'Mark for commercial use' });
  await expect(mark).toBeDisabled();
  await expect(page.getByTestId('commercial-use-reason')).toContainText('non-commercial');
  await expect(page.getByTestId('commercial-use-reason')).toContainText('CC-BY-NC-4.0');
  const after = await (await page.request.get(`/api/v1/latents/${latent.id}`)).json();
  expect(after.latent.commercialUse).toBe(false);
});
