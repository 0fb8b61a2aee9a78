// Shared steps of the end-to-end specs: a new account through the sign-up form, and the official
// StyleGAN2-ADA 32 px fixture as an import zip.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { expect, type Page } from '@playwright/test';

export const password = 'correct-horse-42';

const fixture = path.resolve(process.cwd(), '../shared/fixtures/stylegan2-ada-32');

/** The fixture's config and weights as a zip for POST /api/v1/models/import. */
export function fixtureZip(files: string[] = ['config.json', 'G.safetensors']): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(files.map((f) => [f, new Uint8Array(fs.readFileSync(path.join(fixture, f)))])), { level: 0 }));
}

/** Creates an account through the sign-up form; the page is signed in on /studio. Returns the email. */
export async function signUpInBrowser(page: Page, name: string, tag: string): Promise<string> {
  const email = `${tag}-${Date.now()}@example.test`;
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/studio$/);
  return email;
}

/**
 * Collects what Chromium reports about the Content-Security-Policy on this page (console
 * messages and `securitypolicyviolation` events); call the returned check at the end.
 */
export function watchCsp(page: Page): () => void {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('pageerror', (err) => {
    if (/Content Security Policy/i.test(err.message)) violations.push(err.message);
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => expect(violations, violations.join('\n')).toEqual([]);
}
