import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { password, signUpInBrowser } from './helpers';

const newPassword = 'battery-staple-77';

async function signIn(page: Page, email: string, pw: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(pw);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The reset link the server printed for `email` (local mode prints mail to the web log). */
async function resetLinkFor(email: string): Promise<string> {
  const log = process.env.ATELIER_WEB_LOG;
  if (!log) throw new Error('ATELIER_WEB_LOG is not set: run through npm test');
  let link: string | undefined;
  await expect
    .poll(() => {
      const blocks = readFileSync(log, 'utf8').split('[mail] (local mode').filter((b) => b.includes(`to=${email} `));
      link = blocks.at(-1)?.match(/https?:\/\/\S+\/reset-password\?token=\S+/)?.[0];
      return Boolean(link);
    })
    .toBe(true);
  return link!;
}

test('account settings: change name and password; the old session ends', async ({ page, browser }) => {
  const email = await signUpInBrowser(page, 'Settings User', 'settings');
  // A second session (another browser) that the password change must end.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, password);
  await expect(otherPage).toHaveURL(/\/studio$/);

  await page.goto('/settings');
  const profile = page.getByTestId('profile-form');
  await profile.getByLabel('Display name').fill('Renamed User');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByRole('status')).toHaveText('Profile saved');
  await page.reload();
  await expect(page.getByTestId('profile-form').getByLabel('Display name')).toHaveValue('Renamed User');

  // Email change without the current password: the problem is shown next to that field.
  await page.getByTestId('profile-form').getByLabel('Email', { exact: true }).fill(`x${email}`);
  await page.getByTestId('profile-form').getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('[data-field-error="currentPassword"]')).toHaveText('Enter your current password to change your email');

  const pw = page.getByTestId('password-form');
  await pw.getByLabel('Current password').fill('not-my-password-1');
  await pw.getByLabel('New password').fill(newPassword);
  await pw.getByRole('button', { name: 'Change password' }).click();
  await expect(pw.locator('[data-field-error="currentPassword"]')).toHaveText('Current password is not right');
  await pw.getByLabel('Current password').fill(password);
  await pw.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/signin\?notice=changed$/);
  await expect(page.getByTestId('signin-notice')).toContainText('Your password was changed');

  // The other browser's session no longer works.
  await otherPage.goto('/settings');
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();

  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/studio$/);
});

test('forgot password: a link by mail (the server log here) sets a new password once', async ({ page, browser }) => {
  const email = await signUpInBrowser(page, 'Forgetful', 'forgot');
  const anon = await browser.newContext();
  const p = await anon.newPage();
  await p.goto('/signin');
  await p.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(p).toHaveURL(/\/forgot-password$/);
  await p.getByLabel('Email').fill(email);
  await p.getByRole('button', { name: 'Send reset link' }).click();
  await expect(p.getByRole('status')).toHaveText('If an account uses this email, a reset link is on its way.');

  const link = await resetLinkFor(email);
  await p.goto(new URL(link).pathname + new URL(link).search);
  await p.getByLabel('New password').fill('short');
  await p.getByRole('button', { name: 'Set password' }).click();
  await expect(p.locator('[data-field-error="password"]')).toHaveText('Password must be at least 10 characters');
  await p.getByLabel('New password').fill(newPassword);
  await p.getByRole('button', { name: 'Set password' }).click();
  await expect(p).toHaveURL(/\/signin\?notice=reset$/);
  await signIn(p, email, newPassword);
  await expect(p).toHaveURL(/\/studio$/);

  // The link works once; the first browser's session ended with the reset.
  await p.goto(new URL(link).pathname + new URL(link).search);
  await p.getByLabel('New password').fill('another-pass-99');
  await p.getByRole('button', { name: 'Set password' }).click();
  await expect(p.locator('[data-field-error="token"]')).toContainText('invalid, expired or already used');
  await anon.close();
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/signin/);
});

test('delete my account: confirm by typing the email; says what happens to public items', async ({ page }) => {
  const email = await signUpInBrowser(page, 'Leaving Soon', 'leaver');
  await page.goto('/settings');
  const zone = page.getByTestId('delete-account');
  await expect(zone).toContainText('public items included');
  await expect(zone).toContainText('stay available to others, without your name');
  const form = page.getByTestId('delete-account-form');
  await form.getByLabel(/Type your email/).fill('wrong@example.test');
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(form.locator('[data-field-error="confirm"]')).toHaveText('Type your email address exactly to confirm');
  await form.getByLabel(/Type your email/).fill(email);
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/signin\?notice=deleted$/);
  await expect(page.getByTestId('signin-notice')).toHaveText('Your account was deleted.');
  await signIn(page, email, password);
  await expect(page.getByTestId('form-error')).toHaveText('Wrong email or password.');
});

for (const width of [390, 1280]) {
  test(`settings and password pages fit at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signUpInBrowser(page, 'Wide Narrow', `fit${width}`);
    for (const path of ['/settings', '/studio']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `.data/screens/${path.slice(1)}-${width}.png`, fullPage: true });
    }
    await page.context().clearCookies();
    for (const path of ['/forgot-password', '/reset-password?token=abc']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `.data/screens/${path.slice(1, 15).replace(/\W/g, '')}-${width}.png`, fullPage: true });
    }
  });
}
