// The explorer's view lives in the URL (model, seed page, grid size, ψ per layer, noise, focused
// seed): a reload or a shared link restores it, without a history entry per change. Images are
// scaled smoothly with the native size stated, and a tile's ☆ saves that face to the library.
import { expect, test } from '@playwright/test';
import { fixtureZip, signUpInBrowser } from './helpers';

test('a view in the URL survives a reload, grid sizes, smooth scaling and favourites from a tile', async ({ page }) => {
  await signUpInBrowser(page, 'View Keeper', 'view');
  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'View fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();

  await page.goto(`/explore?model=${model.id}`);
  const tiles = page.getByTestId('seed-tile');
  await expect(tiles.first().locator('img')).toBeVisible({ timeout: 30_000 });
  // Smoothly scaled, not nearest-neighbour blocks; the native size is said.
  expect(await tiles.first().locator('img').evaluate((img) => getComputedStyle(img).imageRendering)).toBe('auto');
  await expect(page.getByTestId('native-size')).toContainText('Native size 32×32 px');
  await expect(page.getByTestId('focus-image')).toBeVisible({ timeout: 30_000 });
  expect(await page.getByTestId('focus-image').evaluate((img) => getComputedStyle(img).imageRendering)).toBe('auto');

  const historyLength = await page.evaluate(() => history.length);
  await page.getByLabel('Grid size').selectOption('3');
  await expect(tiles).toHaveCount(9);
  await page.getByRole('button', { name: 'More seeds →' }).click();
  await expect(page.getByText('Seeds 9–17')).toBeVisible();
  await tiles.nth(1).click();
  await expect(page.getByTestId('focus-label')).toHaveText('Seed 10');
  const coarse = page.getByRole('slider', { name: 'Coarse ψ' });
  await coarse.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await page.getByLabel('Noise mode').selectOption('random');
  await expect(page).toHaveURL(/[?&]noise=random/);
  await expect(page).toHaveURL(/[?&]grid=3(&|$)/);
  await expect(page).toHaveURL(/[?&]page=1(&|$)/);
  await expect(page).toHaveURL(/[?&]seed=10(&|$)/);
  await expect(page).toHaveURL(/[?&]psi=0\.5%2C0\.5%2C0\.5%2C0\.7%2C/); // the three coarse layers (4–8 px) 0.5, the rest 0.7
  expect(await page.evaluate(() => history.length)).toBe(historyLength); // replaced, not pushed
  await expect(page.getByRole('status', { name: 'Rendering focus' })).toHaveCount(0, { timeout: 30_000 });
  const focusSha = await page.getByTestId('focus-image').getAttribute('data-sha256');

  // A reload (or the same link elsewhere) opens the same view and the same image.
  const shared = page.url();
  await page.goto('/studio');
  await page.goto(shared);
  await expect(page.getByLabel('Grid size')).toHaveValue('3');
  await expect(tiles).toHaveCount(9);
  await expect(page.getByText('Seeds 9–17')).toBeVisible();
  await expect(page.getByTestId('focus-label')).toHaveText('Seed 10');
  await expect(page.getByLabel('Noise mode')).toHaveValue('random');
  await expect(coarse).toHaveValue('0.5');
  await expect(page.getByTestId('psi-value')).toHaveText('mixed');
  await expect.poll(() => page.getByTestId('focus-image').getAttribute('data-sha256'), { timeout: 30_000 }).toBe(focusSha);

  // ☆ on a tile saves that face (its seed, ψ and noise) to the library, tagged favourite.
  await expect(page.getByRole('status', { name: 'Rendering seeds' })).toHaveCount(0, { timeout: 30_000 });
  const star = tiles.nth(0).getByTestId('favourite');
  await star.click();
  await expect(star).toHaveAttribute('data-state', 'saved');
  const list = await (await page.request.get('/api/v1/latents?tag=favourite')).json();
  expect(list.latents.map((l: { name: string; seed: number }) => [l.name, l.seed])).toEqual([['Seed 9', 9]]);
  await page.goto('/latents');
  await expect(page.getByTestId('latent-card').filter({ hasText: 'Seed 9' })).toHaveCount(1);
});
