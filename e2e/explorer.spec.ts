import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { fixtureZip, password, signUpInBrowser, watchCsp } from './helpers';

async function focusHash(page: Page) {
  const img = page.getByTestId('focus-image');
  await expect(img).toBeVisible();
  await expect(page.getByRole('status', { name: 'Rendering focus' })).toHaveCount(0);
  const src = (await img.getAttribute('src'))!;
  const res = await page.request.get(src);
  expect(res.status()).toBe(200);
  const bytes = await res.body();
  const sha = createHash('sha256').update(bytes).digest('hex');
  expect(sha).toBe(await img.getAttribute('data-sha256'));
  return sha;
}

test('explore a model, steer ψ, save a latent, find it in the library and reopen the identical image', async ({ page }) => {
  const noCspViolations = watchCsp(page);
  await signUpInBrowser(page, 'Ex Plorer', 'explorer');

  await page.getByRole('link', { name: 'Explore' }).click();
  await expect(page).toHaveURL(/\/explore(\?|$)/); // the view's state follows in the query

  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'E2E fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();

  // Someone else's private model (or a wrong id) is said, not silently replaced.
  await page.goto('/explore?model=not-a-model-of-yours');
  await expect(page.getByTestId('model-notice')).toHaveText(/^That model is private or does not exist: showing “.+” instead\.$/);

  await page.goto(`/explore?model=${model.id}`);
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue(model.id);
  await expect(page.getByTestId('seed-tile').first().locator('img')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('seed-tile')).toHaveCount(16);
  await expect(page.getByTestId('focus-label')).toHaveText('Seed 0');
  const seed0 = await focusHash(page);

  // Focus a seed from the grid, page on, and steer coarse ψ.
  await page.getByRole('button', { name: 'More seeds →' }).click();
  await expect(page.getByText('Seeds 16–31')).toBeVisible();
  await page.getByTestId('seed-tile').nth(2).click();
  await expect(page.getByTestId('focus-label')).toHaveText('Seed 18');
  await expect.poll(() => page.getByTestId('focus-image').getAttribute('data-sha256'), { timeout: 30_000 }).not.toBe(seed0);
  const before = await focusHash(page);
  const coarse = page.getByRole('slider', { name: 'Coarse ψ' });
  await coarse.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('psi-value')).toHaveText('mixed');
  await expect.poll(() => page.getByTestId('focus-image').getAttribute('data-sha256'), { timeout: 30_000 }).not.toBe(before);
  const steered = await focusHash(page);

  // Nudge shows neighbours around the focus.
  await page.getByRole('button', { name: 'Nudge', exact: true }).click();
  await expect(page.getByTestId('nudge-tile').first().locator('img')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('nudge-tile')).toHaveCount(8);

  // Save it.
  await page.getByLabel('Latent name').fill('E2E steered face');
  await page.getByLabel('Tags', { exact: true }).fill('e2e, Steered');
  await page.getByRole('button', { name: 'Save latent' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “E2E steered face”' })).toBeVisible();

  // Find it in the library by tag, then reopen it.
  await page.getByRole('link', { name: 'Latents' }).first().click();
  await expect(page).toHaveURL(/\/latents/);
  await page.getByLabel('Search latents').fill('steered');
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.getByTestId('latent-card').filter({ hasText: 'E2E steered face' });
  await expect(card).toHaveCount(1);
  await expect(card.locator('img')).toBeVisible();
  await card.getByRole('link', { name: 'Open in explorer' }).click();
  await expect(page.getByTestId('opened-latent')).toContainText('E2E steered face');
  await expect(page.getByTestId('focus-label')).toHaveText('E2E steered face');
  const reopened = await focusHash(page);
  expect(reopened).toBe(steered);

  // Rename in the library.
  await page.goto('/latents');
  const row = page.getByTestId('latent-card').filter({ hasText: 'E2E steered face' });
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByLabel('New name').fill('E2E renamed');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('latent-name')).toContainText(['E2E renamed']);
  noCspViolations();
});

test('in a team workspace the explorer renders on the team and saves latents to it', async ({ page }) => {
  const email = `team-explorer-${Date.now()}@example.test`;
  expect((await page.request.post('/api/v1/signup', { data: { email, password, name: 'Team Explorer' } })).status()).toBe(201);
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/studio$/);

  const team = await page.request.post('/api/v1/teams', { data: { name: 'Portrait desk' } });
  expect(team.status()).toBe(201);
  const teamId = (await team.json()).team.id as string;
  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'Team fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();

  await page.reload();
  await page.getByLabel('Switch to').selectOption(teamId);
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Portrait desk');
  await expect(page.getByLabel('Switch to')).toHaveValue(teamId); // the switcher shows where you are

  const jobIds: string[] = [];
  page.on('response', async (res) => {
    // POST /generate?wait=20: 200 with the finished job, or 202 with one still running
    if (new URL(res.url()).pathname === '/api/v1/generate' && [200, 202].includes(res.status())) jobIds.push((await res.json()).job.id);
  });
  await page.goto(`/explore?model=${model.id}&seed=3`);
  await expect(page.getByTestId('explorer-workspace')).toContainText('Portrait desk');
  await focusHash(page);

  // With random noise, a tile picked from the grid opens with the very noise it was drawn with.
  const tile = page.getByTestId('seed-tile').nth(4);
  const constSha = await tile.locator('img').getAttribute('data-sha256');
  await page.getByLabel('Noise mode').selectOption('random');
  await expect.poll(() => tile.locator('img').getAttribute('data-sha256'), { timeout: 30_000 }).not.toBe(constSha);
  await expect(page.getByRole('status', { name: 'Rendering seeds' })).toHaveCount(0, { timeout: 30_000 });
  await tile.click();
  await expect(page.getByTestId('focus-label')).toHaveText('Seed 4');
  const tileSha = await tile.locator('img').getAttribute('data-sha256');
  await expect.poll(() => page.getByTestId('focus-image').getAttribute('data-sha256'), { timeout: 30_000 }).toBe(tileSha);

  await page.getByLabel('Latent name').fill('Team face');
  await page.getByRole('button', { name: 'Save latent' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved “Team face”' });
  await expect(saved).toBeVisible();
  await saved.getByRole('link', { name: 'Open it' }).click();
  await expect(page.getByTestId('latent-name')).toHaveText('Team face');
  const latentId = page.url().split('/').at(-1)!;
  const latent = await (await page.request.get(`/api/v1/latents/${latentId}`)).json();
  expect(latent.latent.teamId).toBe(teamId);
  // The renders were team jobs too (they count against the team's GPU quota).
  expect(jobIds.length).toBeGreaterThan(0);
  for (const id of jobIds) expect((await (await page.request.get(`/api/v1/jobs/${id}`)).json()).job.teamId).toBe(teamId);
});
