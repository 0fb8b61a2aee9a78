// Latent and provenance pages in words: one truncation summary, and what a result was made from
// by name with links (the model, the source latents, the mix), never raw ids.
import { expect, test } from '@playwright/test';
import { modelWithLatents, pageOf, signUpApi } from './accounts';

test('latent and provenance pages name the truncation, the model and the sources', async ({ browser, request }) => {
  const user = await signUpApi(request, 'provnames');
  const { modelId, latents } = await modelWithLatents(request, user, 'Named');
  // The 32 px fixture has 8 w layers: no truncation on the first four, ψ 0.7 on the rest.
  const truncated = await request.post('/api/v1/latents', { headers: user.auth, data: { modelId, seed: 7, name: 'Half truncated', psiLayers: [1, 1, 1, 1, 0.7, 0.7, 0.7, 0.7] } });
  expect(truncated.status(), await truncated.text()).toBe(201);
  const truncatedId = (await truncated.json()).latent.id as string;

  const page = await pageOf(browser, user);
  await page.goto(`/latents/${truncatedId}`);
  await expect(page.getByTestId('latent-truncation')).toHaveText('ψ 1 (none) on layers 0–3, ψ 0.7 on layers 4–7');
  await page.getByText('How was this made?').click();
  await expect(page.getByTestId('provenance-inputs')).toContainText('ψ 1 (none) on layers 0–3, ψ 0.7 on layers 4–7');
  await expect(page.getByTestId('provenance-model').getByRole('link')).toHaveText('Named (model)');
  await expect(page.getByTestId('provenance-model').getByRole('link')).toHaveAttribute('href', `/models/${modelId}`);

  // A mix's result latent was made from the two source latents and the mix: by name, with links.
  const mix = await request.post('/api/v1/mixes', {
    headers: user.auth,
    data: { name: 'Named mix', modelId, sources: [{ latentId: latents[0], layers: ['coarse'] }, { latentId: latents[1], layers: [{ start: 3, end: 8 }] }] },
  });
  expect(mix.status(), await mix.text()).toBe(202);
  const mixId = (await mix.json()).mix.id as string;
  await expect(async () => {
    await page.goto(`/mixes/${mixId}`);
    await expect(page.getByTestId('mix-latent')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await page.getByTestId('mix-latent').click();
  // The mix page has its own "How was this made?": wait for the latent page before opening it.
  await expect(page).toHaveURL(/\/latents\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Named mix');
  await page.getByText('How was this made?').click();
  const parents = page.getByTestId('provenance-parents');
  await expect(parents.getByRole('link', { name: 'Named mix (mix)' })).toHaveAttribute('href', `/mixes/${mixId}`);
  await expect(parents.getByRole('link', { name: 'Named seed 1 (latent)' })).toHaveAttribute('href', `/latents/${latents[0]}`);
  await expect(parents.getByRole('link', { name: 'Named seed 2 (latent)' })).toHaveAttribute('href', `/latents/${latents[1]}`);
  await expect(parents).not.toContainText(latents[0]!);
});
