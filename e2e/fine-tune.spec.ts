import { expect, test } from '@playwright/test';
import { renderFace } from '../lib/faces/render-face';
import { fixtureZip, signUpInBrowser } from './helpers';

test('upload a dataset, declare its licence, fine-tune, watch it train and open the result in the explorer', async ({ page }) => {
  test.setTimeout(240_000);
  await signUpInBrowser(page, 'Tina Tuner', 'tuner');

  // A dataset at 32 px.
  await page.getByRole('link', { name: 'Datasets' }).click();
  await page.getByLabel('Dataset name').fill('E2E faces');
  await page.getByLabel('Resolution').selectOption('32');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/datasets\/[a-z0-9]+$/);
  await expect(page.getByTestId('not-usable')).toHaveText('Upload images first');

  // Upload six faces and a file that is not an image: the report names it, the rest is kept.
  const faces = await Promise.all(Array.from({ length: 6 }, async (_, i) => ({ name: `face-${i}.png`, mimeType: 'image/png', buffer: (await renderFace(500 + i, { size: 48 })).png })));
  await page.getByTestId('upload-input').setInputFiles([...faces, { name: 'readme.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') }]);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('upload-summary')).toContainText('6 accepted, 1 skipped');
  const report = page.getByTestId('upload-report');
  await expect(report).toContainText('6 accepted, 1 skipped');
  await expect(page.getByTestId('skipped-file')).toHaveCount(1); // the report is shown once, not in the panel and the list
  await expect(report.getByTestId('skipped-file')).toContainText('readme.txt');
  await expect(report.getByTestId('skipped-file')).toContainText('not an image');
  await expect(page.getByTestId('image-count')).toHaveText('6');
  await expect(page.getByAltText('Preview of the dataset')).toBeVisible();
  await expect(page.getByTestId('not-usable')).toContainText('licence');

  // Licence: CC0, with the rights statement.
  await page.getByLabel('Licence', { exact: true }).selectOption('CC0-1.0');
  await page.getByLabel('I hold the rights').check();
  await page.getByRole('button', { name: 'Declare licence' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await expect(page.getByTestId('licence-status')).toContainText('CC0-1.0');

  // A base model the user may use: the 32 px fixture, imported with its discriminator.
  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip(['config.json', 'G.safetensors', 'D.safetensors']) }, name: 'E2E base', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);

  await page.getByRole('link', { name: 'Fine-tune a model on it' }).click();
  await expect(page).toHaveURL(/\/training\/new\?dataset=/);
  await expect(page.getByLabel('Base model')).toContainText('E2E base');
  await page.getByLabel('kimg', { exact: true }).fill('0.012');
  await page.getByLabel('batch', { exact: true }).fill('4');
  await page.getByLabel('tick', { exact: true }).fill('0.004');
  await page.getByLabel('snap', { exact: true }).fill('1');
  await expect(page.getByTestId('estimate')).toContainText('compute-seconds'); // no GPU worker here: CPU time is not called GPU time
  await page.getByRole('button', { name: 'Start fine-tuning' }).click();

  // The run page follows the worker live until it finishes.
  await expect(page).toHaveURL(/\/training\/[a-z0-9]+$/);
  await expect(page.getByTestId('run-state')).toHaveText('COMPLETED', { timeout: 110_000 });
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('loss-chart').locator('polyline')).toHaveCount(3);
  await expect(page.getByTestId('sample-grid')).toBeVisible();
  await expect(page.getByTestId('run-log')).toContainText('finished at 0.012 kimg');

  await page.getByTestId('open-in-explorer').click();
  await expect(page).toHaveURL(/\/explore\?model=/);
  const modelId = new URL(page.url()).searchParams.get('model')!;
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue(modelId);
  await expect(page.getByTestId('seed-tile').first().locator('img')).toBeVisible({ timeout: 30_000 });
});
