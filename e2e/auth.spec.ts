import { expect, test } from '@playwright/test';
import { watchCsp } from './helpers';

const password = 'correct-horse-42';

test('sign up, sign out, wrong password, sign in, and manage projects', async ({ page }) => {
  const noCspViolations = watchCsp(page);
  const email = `e2e-${Date.now()}@example.test`;

  await page.goto('/');
  await page.getByRole('link', { name: 'Sign up' }).first().click();
  await page.getByLabel('Name').fill('Eve Tester');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
  await expect(page.getByTestId('workspace-name')).toHaveText('Personal');

  // Projects: create, rename, archive.
  await page.getByLabel('New project name').fill('Moodboard');
  await page.getByRole('button', { name: 'Create project' }).click();
  const row = page.getByTestId('project-row').filter({ has: page.locator('input[value="Moodboard"]') });
  await expect(row).toHaveCount(1);
  await row.getByRole('textbox').fill('Moodboard 2');
  await row.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByText('Renamed')).toBeVisible();
  const renamed = page.getByTestId('project-row').filter({ has: page.locator('input[value="Moodboard 2"]') });
  await renamed.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByTestId('project-row').filter({ has: page.locator('input[value="Moodboard 2"]') })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong-password-9');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/studio$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
  noCspViolations();
});

test('sign-up form explains a weak password and a duplicate email', async ({ page, request }) => {
  const email = `dup-${Date.now()}@example.test`;
  await request.post('/api/v1/signup', { data: { email, password, name: 'First' } });
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Second');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('weak');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Password must be at least 10 characters')).toBeVisible();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('form-error')).toHaveText('An account with this email already exists');
});

test('a non-admin sees 403 at /admin', async ({ page, request }) => {
  const email = `plain-${Date.now()}@example.test`;
  await request.post('/api/v1/signup', { data: { email, password, name: 'Plain' } });
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/studio$/);
  const res = await page.goto('/admin');
  expect(res?.status()).toBe(403);
  await expect(page.getByText('This area is for administrators only.')).toBeVisible();
});
