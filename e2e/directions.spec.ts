import { expect, test } from '@playwright/test';
import { fixtureZip, signUpInBrowser, watchCsp } from './helpers';

test('discover directions, name one, drag it, save the edited face and reopen the identical image', async ({ page }) => {
  const noCspViolations = watchCsp(page);
  await signUpInBrowser(page, 'Dee Rection', 'directions');

  const imported = await page.request.post('/api/v1/models/import', {
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name: 'E2E directions', license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const { model } = await imported.json();

  await page.goto(`/explore?model=${model.id}`);
  const panel = page.getByTestId('directions-panel');
  await expect(panel).toBeVisible();
  // discovery runs by itself after the import; the panel shows the directions when it is done
  await expect(panel.getByTestId('direction-row').first()).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByTestId('direction-row')).toHaveCount(8);
  const preview = panel.getByTestId('direction-preview');
  await expect(preview).toBeVisible({ timeout: 30_000 });
  const unedited = await preview.getAttribute('data-sha256');

  // name the first direction
  const first = panel.getByTestId('direction-row').first();
  await first.getByRole('button', { name: 'Rename' }).click();
  await first.getByLabel('Direction name').fill('Head turn');
  await first.getByRole('button', { name: 'Save name' }).click();
  await expect(panel.getByTestId('direction-name').first()).toHaveText('Head turn');

  // the −3…+3 strip
  const row = panel.locator('[data-testid="direction-row"]', { hasText: 'Head turn' });
  await row.getByRole('button', { name: 'Show −3…+3' }).click();
  await expect(row.getByTestId('direction-strip').locator('img')).toHaveCount(7, { timeout: 30_000 });
  // screenshots for a person to look at (not compared): desktop and phone width
  await page.setViewportSize({ width: 1280, height: 900 });
  await panel.screenshot({ path: 'test-results/directions-1280.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.screenshot({ path: 'test-results/directions-390.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // drag it: every step shows a new image while the slider moves
  const slider = row.getByRole('slider', { name: 'Amount of Head turn' });
  await slider.focus();
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
  await expect(row.getByTestId('direction-amount')).toHaveText('2.5');
  await expect.poll(() => preview.getAttribute('data-sha256'), { timeout: 30_000 }).not.toBe(unedited);
  // and only coarse layers
  await row.getByLabel('Layers of Head turn').selectOption('coarse');
  await expect(panel.getByTestId('direction-preview-ms')).toHaveText(/^1 edit · \d+ ms$/);
  // the preview of the last change has arrived (none in flight, none waiting)
  await expect(panel.getByTestId('direction-preview-frame')).toHaveAttribute('data-busy', 'false', { timeout: 30_000 });
  const edited = await preview.getAttribute('data-sha256');
  expect(edited).not.toBe(unedited);

  // save the edit and reopen it
  await panel.getByLabel('Edited face name').fill('Turned');
  await panel.getByRole('button', { name: 'Save edited face' }).click();
  await expect(panel.getByTestId('edit-saved')).toContainText('Saved “Turned”');
  await panel.getByRole('link', { name: 'Reopen it' }).click();
  await expect(page.getByTestId('opened-latent')).toHaveText('Opened latent “Turned”.');
  const reopened = page.getByTestId('directions-panel');
  const again = reopened.locator('[data-testid="direction-row"]', { hasText: 'Head turn' });
  await expect(again.getByTestId('direction-amount')).toHaveText('2.5', { timeout: 90_000 });
  await expect(again.getByLabel('Layers of Head turn')).toHaveValue('coarse');
  await expect.poll(() => reopened.getByTestId('direction-preview').getAttribute('data-sha256'), { timeout: 30_000 }).toBe(edited);
  noCspViolations();
});
