import { expect, test, type Browser, type Page } from '@playwright/test';
import { fixtureZip } from './helpers';

const password = 'correct-horse-42';

async function signedInPage(browser: Browser, tag: string): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  const res = await page.request.post('/api/v1/signup', { data: { email, password, name: tag } });
  expect(res.status()).toBe(201);
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/studio$/);
  return { page, email };
}

test('share a collection by link and open it signed out; a private one is 404 to another account', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'sharer');

  await page.goto('/collections');
  await page.getByLabel('New collection name').fill('Shared board');
  await page.getByRole('button', { name: 'Create collection' }).click();
  await expect(page).toHaveURL(/\/collections\/[^/]+$/);
  await expect(page.getByTestId('collection-name')).toHaveText('Shared board');
  await expect(page.getByTestId('share-link')).toHaveCount(0); // private: nothing to share yet

  // A refused save says what is wrong next to the field, once.
  await page.getByLabel('Collection name').fill('   ');
  await page.getByRole('button', { name: 'Save collection' }).click();
  await expect(page.locator('[data-field-error="name"]')).toHaveText('Collection name is required');
  await expect(page.getByText('Collection name is required')).toHaveCount(1);
  await page.getByLabel('Collection name').fill('Shared board');
  await page.getByLabel('Description').fill('Faces for the spring issue');
  await page.getByLabel('Visibility').selectOption('UNLISTED');
  await page.getByRole('button', { name: 'Save collection' }).click();
  await expect(page.getByText('Saved')).toBeVisible();
  // The select keeps the saved choice (it used to snap back to Private, so a second save made it private).
  await expect(page.getByLabel('Visibility')).toHaveValue('UNLISTED');
  await expect(page.getByLabel('Description')).toHaveValue('Faces for the spring issue');
  await page.reload();
  await expect(page.getByTestId('collection-visibility')).toHaveText('unlisted');
  await expect(page.getByLabel('Visibility')).toHaveValue('UNLISTED');
  const link = (await page.getByTestId('share-link').textContent())!;
  expect(link).toMatch(/\/collections\/[^/]+$/);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);
  await expect(visitor.getByTestId('collection-name')).toHaveText('Shared board');
  await expect(visitor.getByText('Faces for the spring issue')).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'Save collection' })).toHaveCount(0);
  await expect(visitor.getByRole('link', { name: 'Sign in' })).toBeVisible();

  // Unlisted is not listed: the gallery does not show it.
  await visitor.goto('/gallery');
  await expect(visitor.getByRole('link', { name: 'Shared board' })).toHaveCount(0);

  await page.goto('/collections');
  await page.getByLabel('New collection name').fill('Private board');
  await page.getByRole('button', { name: 'Create collection' }).click();
  await expect(page.getByTestId('collection-name')).toHaveText('Private board');
  const privateUrl = page.url();

  const { page: other } = await signedInPage(browser, 'other');
  const res = await other.goto(privateUrl);
  expect(res?.status()).toBe(404);
  await expect(other.getByText('Nothing here')).toBeVisible();
  const anon = await (await browser.newContext()).newPage();
  expect((await anon.goto(privateUrl))?.status()).toBe(404);
});

test('a private latent added to a public collection is shared with it (and says so); a visitor opens it from the collection', async ({ browser }) => {
  const { page } = await signedInPage(browser, 'curator');
  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'Collection fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();
  const saved = await page.request.post('/api/v1/latents', { data: { name: 'Quiet face', modelId: model.id, seed: 4 } });
  expect(saved.status()).toBe(201);
  const { latent } = await saved.json();
  const created = await page.request.post('/api/v1/collections', { data: { name: 'Open board', visibility: 'PUBLIC' } });
  const { collection } = await created.json();

  await page.goto(`/latents/${latent.id}`);
  await page.getByLabel('Collection').selectOption({ label: 'Open board' });
  await page.getByRole('button', { name: 'Add to collection' }).click();
  await expect(page.getByText('Added to the collection. “Quiet face” was private and is now unlisted, so everyone who can open this collection can open it too.')).toBeVisible();

  const { page: visitor } = await signedInPage(browser, 'visitor');
  await visitor.goto(`/collections/${collection.id}`);
  await visitor.getByRole('link', { name: 'Quiet face' }).click();
  await expect(visitor).toHaveURL(new RegExp(`/latents/${latent.id}$`));
  await expect(visitor.getByTestId('latent-name')).toHaveText('Quiet face');

  await visitor.goto(`/collections/${collection.id}`);
  await visitor.getByRole('button', { name: 'Fork into my workspace' }).click();
  await expect(visitor).not.toHaveURL(new RegExp(`/collections/${collection.id}$`));
  await page.goto(`/collections/${collection.id}`);
  await expect(page.getByText(/· 1 fork$/)).toBeVisible();
});
