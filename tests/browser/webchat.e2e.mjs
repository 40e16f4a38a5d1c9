// Drives the official Web Chat (botframework-webchat) in Debian's Chromium against a running bot.
// Usage: node webchat.e2e.mjs --url http://127.0.0.1:PORT/ [--chromium /usr/bin/chromium] [--screenshot out.png]
// Exit 0 when every step passed; otherwise prints the failed step and exits 1.
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const url = args.url;
const executablePath = args.chromium || '/usr/bin/chromium';
const step = (name) => console.log(`step: ${name}`);
if (!url) { console.error('missing --url'); process.exit(2); }

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // This machine has no network: keep Chromium from calling home. Playwright gives it a fresh profile.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let page;
try {
  page = await browser.newPage({ locale: 'ja-JP' });
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  step('open the chat page');
  await page.goto(url, { waitUntil: 'load' });

  const transcript = page.locator('[role="log"], .webchat__basic-transcript__transcript').first();
  step('the welcome appears');
  await page.getByText('スマイルのチャットです', { exact: false }).first().waitFor({ timeout: 30000 });

  const botMessages = () => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').count();
  const before = await botMessages();

  step('a suggested-action button works');
  // The welcome's menu buttons, in the suggested-actions bar (not the screen-reader live region, which
  // holds a hidden copy). They stay until the next message, so press one before typing.
  const button = page.locator('.webchat__suggested-actions button.webchat__suggested-action', { hasText: 'よくある質問' }).last();
  await button.waitFor({ timeout: 15000 });
  await button.click();
  await page.locator('.webchat__bubble--from-user').getByText('よくある質問').first().waitFor({ timeout: 15000 });
  await page.waitForFunction((n) => document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)').length > n, before, { timeout: 20000 });
  const afterButton = await botMessages();

  step('send a Japanese message');
  const input = page.locator('[data-id="webchat-sendbox-input"]').first();
  await input.waitFor({ timeout: 15000 });
  await input.fill('こんにちは、開所時間を知りたいです');
  await input.press('Enter');
  await page.locator('.webchat__bubble--from-user').getByText('開所時間を知りたいです').first().waitFor({ timeout: 15000 });

  step('the reply appears');
  await page.waitForFunction((n) => document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)').length > n, afterButton, { timeout: 20000 });
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').getByText('10:00').first().waitFor({ timeout: 5000 });

  step('the message is not marked failed');
  const failed = await page.getByText(/送信できませんでした|Send failed|再試行|Retry/).count();
  if (failed > 0) throw new Error('Web Chat marked the message as failed');

  if (args.screenshot) await page.screenshot({ path: args.screenshot, fullPage: true });
  console.log('webchat e2e: all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`webchat e2e failed: ${e.message}`);
  if (page && args.screenshot) { try { await page.screenshot({ path: args.screenshot, fullPage: true }); } catch {} }
  await browser.close();
  process.exit(1);
}
