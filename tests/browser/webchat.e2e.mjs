// Drives the official Web Chat (botframework-webchat) in Debian's Chromium against a running bot.
// Usage: node webchat.e2e.mjs --url http://127.0.0.1:PORT/ [--chromium /usr/bin/chromium] [--screenshot out.png]
//        [--screenshot-easy out-easy.png]
// Exit 0 when every step passed; otherwise prints the failed step and exits 1.
// Besides the conversation: the page passes an axe-core audit (no serious or critical violation) in both registers,
// the SOS button is visible and works in the middle of a question, the text follows the browser's font size, and the
// plain page (?locale=ja-JP-x-easy) shows kanji with readings (<ruby>).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

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
  page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
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

  step('the transcript is a live region for screen readers');
  const live = await page.locator('[aria-live]').count();
  if (live === 0) throw new Error('no aria-live region: a screen reader would not hear new messages');

  step('the SOS button is visible and works in the middle of a question');
  const sos = page.locator('#sos');
  if (!(await sos.isVisible())) throw new Error('the SOS button is not visible');
  await input.fill('相談の予約をしたい');
  await input.press('Enter');
  await page.getByText('初回相談（面談）のご予約ですね', { exact: false }).first().waitFor({ timeout: 20000 });
  await sos.click();
  await page.getByText('緊急のときの連絡先です', { exact: false }).first().waitFor({ timeout: 20000 });
  const sosLines = (await page.locator('.webchat__bubble__content', { hasText: '緊急のときの連絡先です' }).last().innerText()).split('\n').filter((l) => l.trim()).length;
  if (sosLines < 4) throw new Error(`the emergency numbers are not one per line (${sosLines} lines)`);

  step('axe-core: no serious or critical violation (standard page)');
  await audit(page, 'standard');

  if (args.screenshot) await page.screenshot({ path: args.screenshot, fullPage: true });

  step('the text follows the browser font size');
  const sizes = [];
  for (const standard of [16, 24]) {
    const p = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard } });
    await p.goto(url, { waitUntil: 'load' });
    await p.getByText('スマイルのチャットです', { exact: false }).first().waitFor({ timeout: 30000 });
    sizes.push(await p.evaluate(() => {
      const bubble = document.querySelector('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
      return [bubble, document.querySelector('#sos')].map((e) => parseFloat(getComputedStyle(e).fontSize));
    }));
    await p.close();
  }
  console.log(`font sizes at 16px and 24px: ${JSON.stringify(sizes)}`);
  if (!(sizes[1][0] >= sizes[0][0] * 1.4 && sizes[1][1] >= sizes[0][1] * 1.4)) throw new Error(`the text does not follow the browser font size: ${JSON.stringify(sizes)}`);

  step('the plain page: plain words, kanji with readings');
  const easy = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  easy.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  await easy.goto(new URL('?locale=ja-JP-x-easy', url).href, { waitUntil: 'load' });
  await easy.getByText('てつだいます', { exact: false }).first().waitFor({ timeout: 30000 });
  const rubies = await easy.locator('.webchat__bubble ruby rt').count();
  if (rubies === 0) throw new Error('no <ruby> readings in the plain welcome');
  const sosEasy = await easy.locator('#sos').innerText();
  if (!sosEasy.includes('いそぐ')) throw new Error(`the SOS button is not in plain words: ${sosEasy}`);
  const easyInput = easy.locator('[data-id="webchat-sendbox-input"]').first();
  await easyInput.fill('開所時間は？');
  await easyInput.press('Enter');
  await easy.getByText('あいて いる じかんは', { exact: false }).first().waitFor({ timeout: 20000 });

  step('axe-core: no serious or critical violation (plain page)');
  await audit(easy, 'plain');
  if (args['screenshot-easy']) await easy.screenshot({ path: args['screenshot-easy'], fullPage: true });
  await easy.close();
  console.log('webchat e2e: all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`webchat e2e failed: ${e.message}`);
  if (page && args.screenshot) { try { await page.screenshot({ path: args.screenshot, fullPage: true }); } catch {} }
  await browser.close();
  process.exit(1);
}

/** Runs axe-core in the page; fails on any serious or critical violation, prints the rest. */
async function audit(p, name) {
  await p.addScriptTag({ path: axePath });
  const result = await p.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  for (const v of result) console.log(`axe ${name}: ${v.impact} ${v.id}: ${v.help} ${JSON.stringify(v.nodes)}`);
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe ${name}: ${result.length} violations, ${serious.length} serious or critical`);
  if (serious.length > 0) throw new Error(`axe-core (${name}): ${serious.map((v) => v.id).join(', ')}`);
}
