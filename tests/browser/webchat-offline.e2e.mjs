// The chat page on a machine without internet: every request to a host other than the bot is refused, and the
// page still loads Web Chat (the copy the bot ships, checked by its integrity hash), connects through the embedded
// Direct Line and shows the bot's greeting. Then the same page with the script's bytes altered on the way: the
// browser must refuse the script, and the page says it could not connect.
// Usage: node webchat-offline.e2e.mjs --url http://127.0.0.1:PORT/ [--chromium /usr/bin/chromium]
// Exit 0 when every step passed; otherwise prints the failed step and exits 1.
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const url = args.url;
const executablePath = args.chromium || '/usr/bin/chromium';
const step = (name) => console.log(`step: ${name}`);
if (!url) { console.error('missing --url'); process.exit(2); }
const bot = new URL(url);

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

/** A browser context in which only the bot's own origin answers; the rest fails as it would offline. */
async function offlineContext() {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const blocked = [];
  const served = [];
  await context.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (target.origin !== bot.origin) {
      blocked.push(target.href);
      return route.abort('internetdisconnected');
    }
    served.push(target.pathname);
    return route.continue();
  });
  return { context, blocked, served };
}

try {
  step('open the chat page with only the bot reachable');
  const { context, blocked, served } = await offlineContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
  const scriptResponse = page.waitForResponse((r) => /\/webchat\/[^/]+\/webchat[^/]*\.js$/.test(new URL(r.url()).pathname), { timeout: 30000 });
  scriptResponse.catch(() => {}); // a failed step below closes the browser; its own message is the one to read
  await page.goto(url, { waitUntil: 'load' });

  step('the script tag names the shipped copy with an integrity hash');
  const tag = await page.evaluate(() => {
    const s = [...document.scripts].find((e) => e.src);
    return { src: s.src, integrity: s.integrity, crossOrigin: s.crossOrigin };
  });
  console.log(`script: ${JSON.stringify(tag)}`);
  if (new URL(tag.src).origin !== bot.origin) throw new Error(`the script is not served by the bot: ${tag.src}`);
  if (!/^sha384-[A-Za-z0-9+/]+={0,2}$/.test(tag.integrity)) throw new Error(`the script has no sha384 integrity: '${tag.integrity}'`);
  const response = await scriptResponse;
  console.log(`script response: ${response.status()} ${response.headers()['content-type']} ${response.headers()['cache-control']} encoding=${response.headers()['content-encoding'] ?? 'none'}`);
  if (response.status() !== 200) throw new Error(`the script answered ${response.status()}`);

  step('the greeting appears through the embedded Direct Line');
  await page.getByText('スマイルのチャットです', { exact: false }).first().waitFor({ timeout: 30000 });
  const version = await page.evaluate(() => document.querySelector('meta[name="botframework-webchat:bundle:version"]')?.content);
  console.log(`web chat bundle: ${version}`);

  step('a message gets its reply');
  const input = page.locator('[data-id="webchat-sendbox-input"]').first();
  await input.fill('開所時間を知りたいです');
  await input.press('Enter');
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').getByText('10:00').first().waitFor({ timeout: 20000 });
  if (await page.locator('#status').isVisible()) throw new Error(`the page shows its error: ${await page.locator('#status').innerText()}`);

  step('another host is unreachable from this page (the block works)');
  const cdn = await page.evaluate(() => fetch('https://cdn.botframework.com/botframework-webchat/latest/webchat.js').then(() => 'reached', () => 'blocked'));
  if (cdn !== 'blocked') throw new Error('a request to another host was not blocked: the test would prove nothing');

  console.log(`served by the bot: ${[...new Set(served)].join(' ')}`);
  console.log(`blocked: ${blocked.length} ${blocked.slice(0, 5).join(' ')}`);
  if (!served.some((p) => p.startsWith('/v3/directline/'))) throw new Error('no request reached the embedded Direct Line');
  if (!blocked.includes('https://cdn.botframework.com/botframework-webchat/latest/webchat.js')) throw new Error('the blocked request was not seen');
  await context.close();

  step('altered script bytes are refused by the browser');
  const tampered = await offlineContext();
  await tampered.context.route(/\/webchat\/[^/]+\/webchat[^/]*\.js$/, async (route) => {
    const original = await route.fetch();
    const body = (await original.text()) + '\n;window.__tampered = true;';
    await route.fulfill({ response: original, body });
  });
  const bad = await tampered.context.newPage();
  await bad.goto(url, { waitUntil: 'load' });
  await bad.locator('#status').getByText('チャットにつながりませんでした', { exact: false }).waitFor({ timeout: 15000 });
  const ran = await bad.evaluate(() => ({ tampered: window.__tampered === true, webChat: typeof window.WebChat }));
  console.log(`altered script: ${JSON.stringify(ran)}`);
  if (ran.tampered || ran.webChat !== 'undefined') throw new Error('the browser ran a script whose hash does not match');
  await tampered.context.close();

  console.log('webchat offline e2e: all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`webchat offline e2e failed: ${e.message}`);
  await browser.close();
  process.exit(1);
}
