// The admin console in Chromium: usage charts, quotas (set in the UI, enforced on the next
// job), users, licence review, moderation, audit log; non-admins get a 403; /verify reports
// a foreign file as unknown.
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import pg from 'pg';

const password = 'correct-horse-42';

async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

const id = () => `e2e${randomBytes(8).toString('hex')}`;

async function signUp(request: APIRequestContext, tag: string) {
  const email = `${tag}-${Date.now()}-${randomBytes(3).toString('hex')}@example.test`;
  const res = await request.post('/api/v1/signup', { data: { email, password, name: tag } });
  expect(res.status()).toBe(201);
  const userId = (await res.json()).user.id as string;
  const tok = await request.post('/api/v1/tokens', { data: { email, password, name: 'e2e' } });
  return { email, id: userId, token: (await tok.json()).token.token as string };
}

async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
}

test('admin console: usage, quotas, users, review, moderation, audit log', async ({ page, request, browser }) => {
  const admin = await signUp(request, 'e2eadmin');
  await sql(`UPDATE "User" SET role = 'ADMIN' WHERE id = $1`, [admin.id]);
  const member = await signUp(request, 'e2emember');

  // Some usage to show: 5 GPU-seconds today for the member, a public latent, a pending dataset.
  const modelId = id();
  const latentId = id();
  const datasetId = id();
  await sql(`INSERT INTO "Job" (id, type, state, payload, "gpuSeconds", "userId") VALUES ($1, 'ping', 'COMPLETED', '{}', 5, $2)`, [id(), member.id]);
  await sql(`INSERT INTO "Model" (id, name, "ownerId", visibility, config, "updatedAt") VALUES ($1, 'E2E model', $2, 'PUBLIC', '{}', now())`, [modelId, member.id]);
  await sql(`INSERT INTO "Latent" (id, name, tags, z, wplus, "psiLayers", "modelId", "ownerId", visibility, "updatedAt") VALUES ($1, 'E2E reported face', '{}', '{}', '{}', '{}', $2, $3, 'PUBLIC', now())`, [latentId, modelId, member.id]);
  await sql(`INSERT INTO "Dataset" (id, name, "ownerId", resolution, "reviewStatus", "updatedAt") VALUES ($1, 'E2E pending faces', $2, 32, 'PENDING', now())`, [datasetId, member.id]);
  const report = await request.post('/api/v1/reports', { headers: { authorization: `Bearer ${member.token}` }, data: { targetType: 'LATENT', targetId: latentId, reason: 'E2E: please look at this' } });
  expect(report.status()).toBe(201);

  await signIn(page, admin.email);
  await page.getByRole('navigation').getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

  // Usage: three daily charts and a per-user table with the member's GPU time.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('img', { name: 'GPU-seconds per day', exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Jobs per day', exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Storage added per day', exact: true })).toBeVisible();
  await expect(page.getByTestId('usage-users').getByRole('row').filter({ hasText: member.email })).toContainText('5.0 s');

  // Quotas: 2 s for the member; 5 s are used, so the next job is refused.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Quotas' }).click();
  const quotaRow = page.getByTestId('user-quotas').locator(`tr[data-email="${member.email}"]`);
  await quotaRow.getByLabel(`GPU quota for ${member.email}`).fill('2');
  await quotaRow.getByRole('button', { name: 'Save' }).click();
  await expect(quotaRow.locator('td').nth(2)).toHaveText('2.0 s');
  const refused = await request.post('/api/v1/jobs/ping', { headers: { authorization: `Bearer ${member.token}` }, data: { steps: 1, delayMs: 0 } });
  expect(refused.status()).toBe(429);
  expect((await refused.json()).error.message).toMatch(/Monthly GPU quota of 2 s used up; resets on/);

  // Users: promote, demote, disable, enable.
  await page.goto(`/admin/users?q=${encodeURIComponent(member.email)}`);
  const userRow = page.getByTestId('users').locator(`tr[data-email="${member.email}"]`);
  await userRow.getByRole('button', { name: 'Promote' }).click();
  await expect(userRow).toContainText('Administrator');
  await userRow.getByRole('button', { name: 'Demote' }).click();
  await expect(userRow).toContainText('Member');
  await userRow.getByRole('button', { name: 'Disable' }).click();
  await expect(userRow).toContainText('Disabled');
  await userRow.getByRole('button', { name: 'Enable' }).click();
  await expect(userRow).toContainText('Active');

  // Licence review: approve the pending dataset.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Licence review' }).click();
  const review = page.getByTestId(`review-${datasetId}`);
  await expect(review).toContainText('E2E pending faces');
  await review.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId(`review-${datasetId}`)).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: 'E2E pending faces' })).toContainText('APPROVED');

  // Moderation: hide the reported latent, then restore it.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Moderation' }).click();
  const reported = page.getByTestId(`report-${(await report.json()).report.id}`);
  await expect(reported).toContainText('E2E reported face');
  await reported.getByRole('button', { name: 'Hide item' }).click();
  await expect(page.getByTestId(`hidden-${latentId}`)).toBeVisible();
  expect((await sql(`SELECT hidden FROM "Latent" WHERE id = $1`, [latentId]))[0].hidden).toBe(true);
  await page.getByTestId(`hidden-${latentId}`).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId(`hidden-${latentId}`)).toHaveCount(0);

  // Audit log: every action above, newest first.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByTestId('audit-log');
  for (const action of ['quota.user.set', 'user.update', 'review.dataset.approved', 'moderation.hide', 'moderation.restore']) {
    await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }

  // The member sees their quota on the settings page, and a 403 on the admin console.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member.email);
  await memberPage.goto('/settings');
  await expect(memberPage.getByTestId('gpu-quota-user')).toHaveText(/^5 s used of 2 s — used up$/);
  const forbidden = await memberPage.goto('/admin/usage');
  expect(forbidden?.status()).toBe(403);
  await memberContext.close();
});

test('verify page reports a file not made here as unknown', async ({ page }) => {
  await page.goto('/verify');
  // A valid 1×1 PNG that this platform never produced.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('File to verify').setInputFiles({ name: 'foreign.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-status', 'unknown');
  await expect(result).toContainText('No provenance found');
});
