// The header at phone and desktop width: one row at 390 px with a Menu that opens the links,
// and on admin pages at 1280 px every link plus "Sign out" on one line.
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { password } from './helpers';

async function signUpAndSignIn(page: import('@playwright/test').Page, tag: string, admin = false) {
  const email = `${tag}-${Date.now()}@example.test`;
  const res = await page.request.post('/api/v1/signup', { data: { email, password, name: tag } });
  expect(res.status()).toBe(201);
  if (admin) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`UPDATE "User" SET role = 'ADMIN' WHERE id = $1`, [(await res.json()).user.id]);
    await client.end();
  }
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/studio$/);
}

test('at 390 px the header is one row and its Menu opens the site links', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpAndSignIn(page, 'phone-nav');
  const header = page.locator('header').first();
  expect((await header.boundingBox())!.height).toBeLessThan(70);
  await expect(page.getByRole('link', { name: 'Explore' })).toHaveCount(0); // folded away
  await page.getByTestId('nav-menu').locator('summary').click();
  const menu = page.getByRole('navigation', { name: 'Site' });
  await expect(menu.getByRole('link')).toHaveText(['Studio', 'Explore', 'Quiz', 'Latents', 'Datasets', 'Training', 'Mixes', 'Videos', 'Collections', 'Teams', 'Settings']);
  const box = (await menu.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await menu.getByRole('link', { name: 'Collections' }).click();
  await expect(page).toHaveURL(/\/collections$/);
  await expect(menu).toBeHidden(); // closed again after following a link
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('at 1280 px an admin page shows every link and "Sign out" on one line', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUpAndSignIn(page, 'wide-admin', true);
  await page.goto('/admin/users');
  const main = page.getByRole('navigation', { name: 'Main' });
  await expect(main.getByRole('link')).toHaveCount(12);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  const logo = (await page.getByRole('link', { name: /Latent Atelier/ }).boundingBox())!;
  const button = (await signOut.boundingBox())!;
  expect(button.height).toBeLessThan(40); // one line of text
  expect(Math.abs(button.y + button.height / 2 - (logo.y + logo.height / 2))).toBeLessThan(6); // the logo's row
  const email = (await page.getByTestId('signed-in-as').boundingBox())!;
  for (const link of await main.getByRole('link').all()) {
    const b = (await link.boundingBox())!;
    expect(Math.abs(b.y + b.height / 2 - (logo.y + logo.height / 2))).toBeLessThan(6);
    expect(b.x + b.width).toBeLessThanOrEqual(email.x); // nothing overlaps the email or the button
  }
  expect(email.x + email.width).toBeLessThanOrEqual(button.x);
});
