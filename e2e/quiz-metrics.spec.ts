import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { password, signUpInBrowser, watchCsp } from './helpers';

// The bundled model comes from the real seed (prisma/seed.ts), as on a fresh install: its
// real images are the procedural faces it was trained on.
function runSeed(adminEmail: string) {
  execFileSync(process.execPath, ['--import', 'tsx', 'prisma/seed.ts'], { env: { ...process.env, ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: password }, encoding: 'utf8', timeout: 120_000 });
}

const shots = process.env.ATELIER_SCREENSHOTS;
async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.beforeAll(() => runSeed(`quiz-admin-${Date.now()}@example.test`));

test('play five rounds of “Which face is real?” and see the score', async ({ page }) => {
  const noCspViolations = watchCsp(page);
  await signUpInBrowser(page, 'Quiz Player', 'quiz');
  await page.getByRole('link', { name: 'Quiz' }).click();
  await expect(page).toHaveURL(/\/quiz$/);
  await expect(page.getByTestId('quiz-model').locator('option').first()).toHaveText(/\(bundled\)/);

  let previous = '';
  for (let i = 0; i < 5; i++) {
    const round = page.getByTestId('quiz-round');
    await expect(round).toBeVisible({ timeout: 120_000 });
    await expect(round).not.toHaveAttribute('data-round-id', previous);
    previous = (await round.getAttribute('data-round-id'))!;
    // Both images load, at the same displayed size.
    const [a, b] = [page.getByTestId('pick-a').locator('img'), page.getByTestId('pick-b').locator('img')];
    await expect.poll(() => a.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => b.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
    expect(boxA?.width).toBeCloseTo(boxB!.width, 0);
    if (i === 0) await shoot(page, 'quiz-round');
    await page.getByTestId(i % 2 ? 'pick-b' : 'pick-a').click();
    await expect(page.getByTestId('quiz-verdict')).toBeVisible();
    await expect(page.getByTestId('reveal-a')).toHaveText(/Real|Generated/);
    await expect(page.getByTestId('score-answered')).toHaveText(String(i + 1));
    if (i === 0) {
      await page.getByTestId('cue-teeth').check();
      await page.getByTestId('save-cues').click();
      await expect(page.getByText('Cues saved.')).toBeVisible();
      await shoot(page, 'quiz-reveal');
    }
    if (i < 4) await page.getByTestId('next-round').click();
  }
  await expect(page.getByTestId('score-accuracy')).toHaveText(/^\d+ %$/);
  await expect(page.getByTestId('quiz-history').locator('li')).toHaveCount(5);
  // The score is kept: a reload shows it again, and the leaderboard counts the votes.
  await page.reload();
  await expect(page.getByTestId('score-answered')).toHaveText('5');
  await expect(page.getByTestId('quiz-leaderboard')).toContainText(/votes/);
  noCspViolations();
});

test('start a metrics job on the bundled model and see the table', async ({ page }) => {
  await signUpInBrowser(page, 'Metrics Viewer', 'metrics');
  const models = await (await page.request.get('/api/v1/quiz/models')).json();
  const bundled = models.models.find((m: { bundled: boolean }) => m.bundled);
  await page.goto(`/models/${bundled.id}`);
  const quality = page.getByTestId('quality');
  await expect(quality).toContainText('not comparable with published FIDs');
  await quality.getByLabel('Images per side').fill('8');
  await quality.getByLabel('Input px').selectOption('75');
  await quality.getByRole('button', { name: 'Measure quality' }).click();
  const row = page.getByTestId('metrics-row').first();
  await expect(row).toHaveAttribute('data-state', 'COMPLETED', { timeout: 240_000 });
  await expect(row.getByTestId('metric-fid')).toHaveText(/^\d+\.\d\d$/);
  await expect(row.getByTestId('metric-kid')).toHaveText(/^-?\d+\.\d\d$/);
  await expect(row.getByTestId('metric-pr')).toHaveText(/^\d\.\d{3} \/ \d\.\d{3}$/);
  await expect(row.getByTestId('metric-ppl')).toHaveText(/^\d+\.\d$/);
  await expect(page.getByTestId('quiz-stats')).toContainText('Fool rate');
  await shoot(page, 'model-quality');
});
