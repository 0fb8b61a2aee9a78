// Moderation from the item's own page: other signed-in users report every kind of public item
// (collection, latent, mix, video, model), the owner does not; an administrator hides the item
// there (a banner for the admin and the owner, a 404 for everyone else) and restores it.
import { expect, test } from '@playwright/test';
import { modelWithLatents, pageOf, signUpApi, sql } from './accounts';

test('report, hide and restore from the item page', async ({ browser, request }) => {
  const owner = await signUpApi(request, 'modowner');
  const viewer = await signUpApi(request, 'modviewer');
  const admin = await signUpApi(request, 'modadmin', 'ADMIN');

  const { modelId, latents } = await modelWithLatents(request, owner, 'Moderated');
  const mix = await request.post('/api/v1/mixes', {
    headers: owner.auth,
    data: { name: 'Moderated mix', modelId, sources: [{ latentId: latents[0], layers: ['coarse'] }, { latentId: latents[1], layers: [{ start: 3, end: 8 }] }] },
  });
  expect(mix.status(), await mix.text()).toBe(202);
  const mixId = (await mix.json()).mix.id as string;
  const video = await request.post('/api/v1/videos', { headers: owner.auth, data: { name: 'Moderated video', keyframes: latents, secondsPerTransition: 0.5, fps: 4 } });
  expect(video.status(), await video.text()).toBe(202);
  const videoId = (await video.json()).video.id as string;
  const collection = await request.post('/api/v1/collections', { headers: owner.auth, data: { name: 'Moderated collection' } });
  expect(collection.status()).toBe(201);
  const collectionId = (await collection.json()).collection.id as string;
  for (const [table, id] of [['Model', modelId], ['Latent', latents[0]], ['Latent', latents[1]], ['Mix', mixId], ['Video', videoId], ['Collection', collectionId]]) {
    await sql(`UPDATE "${table}" SET visibility = 'PUBLIC' WHERE id = $1`, [id]);
  }
  const latentPage = `/latents/${latents[0]}`;

  // Another user may report each kind of item from its page.
  const other = await pageOf(browser, viewer);
  for (const path of [`/collections/${collectionId}`, latentPage, `/mixes/${mixId}`, `/videos/${videoId}`, `/models/${modelId}`]) {
    await other.goto(path);
    await expect(other.getByTestId('report-item'), path).toBeVisible();
  }
  await other.goto(latentPage);
  await other.getByTestId('report-item').getByText('Report', { exact: true }).click();
  for (const width of [1280, 390]) {
    await other.setViewportSize({ width, height: 800 });
    await other.screenshot({ path: `.data/screens/report-open-${width}.png`, fullPage: true });
    expect(await other.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await other.getByRole('button', { name: 'Send report' }).click();
  await expect(other.locator('[data-field-error="reason"]')).toHaveText('Reason: say what is wrong (3 characters or more)');
  await other.getByLabel('What is wrong with this latent?').fill('E2E: not a face at all');
  await other.getByRole('button', { name: 'Send report' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Reported. An administrator will look at it.' })).toBeVisible();
  expect(await sql(`SELECT reason FROM "ModerationReport" WHERE "reporterId" = $1 AND "targetId" = $2 AND resolved = false`, [viewer.id, latents[0]])).toEqual([{ reason: 'E2E: not a face at all' }]);

  // The owner is not offered Report, and sees no banner while the item is not hidden.
  const mine = await pageOf(browser, owner);
  await mine.goto(latentPage);
  await expect(mine.getByTestId('latent-name')).toBeVisible();
  await expect(mine.getByTestId('report-item')).toHaveCount(0);
  await expect(mine.getByTestId('hidden-banner')).toHaveCount(0);

  // The administrator hides it from the page itself: a banner with the reason, and Restore.
  const adminPage = await pageOf(browser, admin);
  await adminPage.goto(latentPage);
  await adminPage.getByLabel('Reason for hiding').fill('E2E: off-topic');
  await adminPage.getByRole('button', { name: 'Hide latent' }).click();
  await expect(adminPage.getByTestId('hidden-banner')).toContainText('E2E: off-topic');
  await expect(adminPage.getByRole('button', { name: 'Restore latent' })).toBeVisible();
  expect(await sql(`SELECT resolved FROM "ModerationReport" WHERE "targetId" = $1`, [latents[0]])).toEqual([{ resolved: true }]);

  // For looking at (not compared): the admin's view of a hidden item at both widths.
  for (const width of [1280, 390]) {
    await adminPage.setViewportSize({ width, height: 800 });
    await adminPage.screenshot({ path: `.data/screens/hidden-item-admin-${width}.png`, fullPage: true });
    expect(await adminPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }

  // Everyone else: gone (the 404, with the header); the owner: the banner.
  await other.goto(latentPage);
  await expect(other.getByText('Nothing here')).toBeVisible();
  await expect(other.getByTestId('latent-name')).toHaveCount(0);
  await mine.goto(latentPage);
  await expect(mine.getByTestId('hidden-banner')).toContainText('Hidden by moderation');
  await expect(mine.getByTestId('latent-name')).toBeVisible();

  // Restored from the same page: visible to others again.
  await adminPage.reload();
  await adminPage.getByRole('button', { name: 'Restore latent' }).click();
  await expect(adminPage.getByTestId('hidden-banner')).toHaveCount(0);
  await other.goto(latentPage);
  await expect(other.getByTestId('latent-name')).toBeVisible();
});
