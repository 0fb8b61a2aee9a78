// Accounts, SQL and API shortcuts for specs that set up several users at once.
import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { fixtureZip, password } from './helpers';

export async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

export const newId = () => `e2e${randomBytes(8).toString('hex')}`;

export type Account = { email: string; id: string; token: string; auth: { authorization: string } };

export async function signUpApi(request: APIRequestContext, tag: string, role: 'USER' | 'ADMIN' = 'USER'): Promise<Account> {
  const email = `${tag}-${Date.now()}-${randomBytes(3).toString('hex')}@example.test`;
  const res = await request.post('/api/v1/signup', { data: { email, password, name: tag } });
  expect(res.status()).toBe(201);
  const id = (await res.json()).user.id as string;
  if (role === 'ADMIN') await sql(`UPDATE "User" SET role = 'ADMIN' WHERE id = $1`, [id]);
  const tok = await request.post('/api/v1/tokens', { data: { email, password, name: 'e2e' } });
  const token = (await tok.json()).token.token as string;
  return { email, id, token, auth: { authorization: `Bearer ${token}` } };
}

/** A signed-in page of its own (own cookies) for this account. */
export async function pageOf(browser: Browser, account: Account): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(account.email);
  return page;
}

/** The 32 px fixture imported through the API, with two latents saved from seeds. */
export async function modelWithLatents(request: APIRequestContext, account: Account, name = 'E2E fixture') {
  const imported = await request.post('/api/v1/models/import', {
    headers: account.auth,
    multipart: { file: { name: 'fixture.zip', mimeType: 'application/zip', buffer: fixtureZip() }, name, license: 'CC-BY-4.0' },
  });
  expect(imported.status()).toBe(201);
  const modelId = (await imported.json()).model.id as string;
  const latents: string[] = [];
  for (const seed of [1, 2]) {
    const res = await request.post('/api/v1/latents', { headers: account.auth, data: { modelId, seed, name: `${name} seed ${seed}` } });
    expect(res.status(), await res.text()).toBe(201);
    latents.push((await res.json()).latent.id);
  }
  return { modelId, latents };
}
