import { expect, test } from '@playwright/test';
import { fixtureZip, signUpInBrowser } from './helpers';

test('studio home: empty states with a next step, then recent work that opens; a project lists what it holds', async ({ page }) => {
  await signUpInBrowser(page, 'Home Owner', 'home');
  await expect(page.getByRole('heading', { name: 'Studio' })).toBeVisible();
  for (const [shelf, action, href] of [
    ['recent-latents', 'Generate faces', '/explore'],
    ['recent-mixes', 'Compose a mix', '/mixes/new'],
    ['recent-videos', 'Make a video', '/videos/new'],
    ['recent-runs', 'Start a fine-tune', '/training/new'],
    ['recent-collections', 'Create a collection', '/collections'],
  ] as const) {
    await expect(page.getByTestId(shelf).getByRole('link', { name: action })).toHaveAttribute('href', href);
  }

  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'Home fixture', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();
  const projects = await (await page.request.get('/api/v1/projects')).json();
  const projectId = projects.projects[0].id as string;
  const saved = await page.request.post('/api/v1/latents', { data: { name: 'Home face', modelId: model.id, seed: 5, projectId } });
  expect(saved.status()).toBe(201);
  const { latent } = await saved.json();
  const collection = await page.request.post('/api/v1/collections', { data: { name: 'Home picks' } });
  expect(collection.status()).toBe(201);

  await page.goto('/studio');
  const latents = page.getByTestId('recent-latents');
  await expect(latents.getByTestId('work-item')).toHaveCount(1);
  await expect(latents.getByRole('link', { name: /Home face/ })).toHaveAttribute('href', `/latents/${latent.id}`);
  await expect(page.getByTestId('recent-collections').getByRole('link', { name: /Home picks/ })).toBeVisible();
  await expect(page.getByTestId('recent-mixes').getByTestId('empty-state')).toBeVisible();
  await latents.getByRole('link', { name: /Home face/ }).click();
  await expect(page).toHaveURL(new RegExp(`/latents/${latent.id}$`));

  // The first project opens on its own page and lists the latent saved into it.
  await page.goto('/studio');
  await page.getByTestId('project-row').first().getByTestId('open-project').click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await expect(page.getByTestId('project-name')).toHaveText('My first project');
  await expect(page.getByTestId('project-latents').getByRole('link', { name: /Home face/ })).toBeVisible();
  await expect(page.getByTestId('project-datasets').getByTestId('empty-state')).toBeVisible();

  // A latent moves to another project from its own page.
  const second = await page.request.post('/api/v1/projects', { data: { name: 'Second project' } });
  const secondId = (await second.json()).project.id as string;
  await page.goto(`/latents/${latent.id}`);
  const picker = page.getByTestId('latent-project');
  await expect(picker.getByLabel('Project')).toHaveValue(projectId);
  await picker.getByLabel('Project').selectOption({ label: 'Second project' });
  await picker.getByRole('button', { name: 'Move' }).click();
  await expect(picker.getByRole('status')).toHaveText('Kept in that project');
  await page.goto(`/projects/${secondId}`);
  await expect(page.getByTestId('project-latents').getByRole('link', { name: /Home face/ })).toBeVisible();
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByTestId('project-latents').getByTestId('empty-state')).toBeVisible();

  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/studio', `/projects/${projectId}`]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} at ${width}px overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `.data/screens/${path.split('/')[1]}-${width}.png`, fullPage: true });
    }
  }
});

test('a project of someone else is a 404', async ({ page, browser }) => {
  await signUpInBrowser(page, 'Project Owner', 'projowner');
  const projects = await (await page.request.get('/api/v1/projects')).json();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUpInBrowser(otherPage, 'Nosy', 'nosy');
  const res = await otherPage.goto(`/projects/${projects.projects[0].id}`);
  expect(res?.status()).toBe(404);
  await other.close();
});

test('uploads: drop a file on the drop zone, watch the progress bar, get the answer (verify page)', async ({ page }) => {
  await page.goto('/verify');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  // Drop it like a file dragged from the desktop.
  await page.getByTestId('verify-file-zone').locator('label').evaluate((zone, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...png]);
  await expect(page.getByTestId('verify-file-chosen')).toContainText('dropped.png');
  expect(await page.getByLabel('File to verify').evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe('dropped.png');

  // Hold the answer back so the bar can be seen: all bytes sent, the server still working.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/verify', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  const bar = page.getByTestId('upload-progress');
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^\d+$/);
  release();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'unknown');
  await expect(bar).toHaveCount(0);
});

test('uploads: the model import form sends the zip with a progress bar and opens the new model', async ({ page }) => {
  await signUpInBrowser(page, 'Importer', 'importer');
  await page.goto('/models');
  await page.getByLabel('Model zip').setInputFiles({ name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() });
  await expect(page.getByTestId('model-zip-chosen')).toContainText('fixture.zip');
  const form = page.locator('form', { has: page.getByLabel('Model zip') });
  await form.getByLabel('Name').fill('Dropped fixture');
  await form.getByLabel('Licence').selectOption('CC-BY-4.0');
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/models/import', async (route) => {
    await held;
    await route.continue();
  });
  await form.getByRole('button', { name: 'Import model' }).click();
  await expect(page.getByTestId('upload-progress')).toBeVisible();
  release();
  await expect(page).toHaveURL(/\/models\/[^/]+$/, { timeout: 60_000 });
});
