// The live hand-off in two browser contexts of Debian's Chromium: a resident in the official Web Chat asks for a
// person, a staff member signs in to the console (possibly on another instance), takes the conversation, replies,
// the resident sees it, the console updates live, the staff member hands back and the bot resumes; a closure added
// in the console changes the bot's answer to 「今日はやってますか」.
// Usage: node staff.e2e.mjs --url http://127.0.0.1:A/ --staff-url http://127.0.0.1:B/ --user sato --password ... \
//        [--chromium /usr/bin/chromium] [--shots dir]
// Exit 0 when every step passed; otherwise prints the failed step and exits 1.
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const url = args.url;
const staffUrl = args['staff-url'] || url;
const executablePath = args.chromium || '/usr/bin/chromium';
const shots = args.shots;
let current = '';
const step = (name) => { current = name; console.log(`step: ${name}`); };
if (!url || !args.user || !args.password) { console.error('missing --url, --user or --password'); process.exit(2); }

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let resident, staff;
const shot = async (page, name) => { if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }); };
try {
  const residentContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 480, height: 860 } });
  const staffContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1100, height: 900 } });
  resident = await residentContext.newPage();
  staff = await staffContext.newPage();
  for (const p of [resident, staff]) p.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));

  const botSays = (text, timeout = 20000) =>
    resident.locator('.webchat__bubble:not(.webchat__bubble--from-user)').getByText(text, { exact: false }).first().waitFor({ timeout });
  const send = async (text) => {
    const input = resident.locator('[data-id="webchat-sendbox-input"]').first();
    await input.waitFor({ timeout: 15000 });
    await input.fill(text);
    await input.press('Enter');
    await resident.locator('.webchat__bubble--from-user').getByText(text).last().waitFor({ timeout: 15000 });
  };

  step('the resident opens the chat');
  await resident.goto(url, { waitUntil: 'load' });
  await botSays('スマイルのチャットです', 30000);

  step('the resident asks for a person and agrees to share the conversation');
  await send('スタッフと話したい');
  await botSays('おつなぎしましょうか');
  await send('はい');
  await botSays('やりとりをスタッフが読みます');
  await send('はい');
  await botSays('スタッフをお呼びしています。このままお待ちください');

  step('the staff member signs in');
  await staff.goto(new URL('staff/login', staffUrl).toString(), { waitUntil: 'load' });
  await shot(staff, 'staff-login');
  await staff.fill('#userName', args.user);
  await staff.fill('#password', args.password);
  await staff.press('#password', 'Enter');
  await staff.waitForURL(/\/staff$/, { timeout: 15000 });
  await staff.locator('#waiting-count', { hasText: '1' }).waitFor({ timeout: 10000 });
  await shot(staff, 'staff-today');

  step('the queue shows the resident waiting');
  await staff.goto(new URL('staff/handoff', staffUrl).toString());
  await staff.getByText('対応待ち').first().waitFor({ timeout: 10000 });
  await shot(staff, 'staff-handoff');

  step('the staff member takes the conversation');
  await staff.getByRole('link', { name: '開いて対応する' }).first().click();
  await staff.locator('#take').click();
  await staff.getByText('佐藤 さんが対応中').first().waitFor({ timeout: 10000 });
  await botSays('スタッフの佐藤です');

  step('the staff member replies and the resident sees it');
  await staff.fill('#reply', 'こんにちは、佐藤です。どうされましたか？');
  await staff.locator('#send').click();
  await botSays('佐藤：こんにちは、佐藤です。どうされましたか？');

  step('the resident answers and the console shows it live');
  await send('母のことで相談があります');
  await staff.locator('#lines').getByText('母のことで相談があります').waitFor({ timeout: 15000 });
  await shot(staff, 'staff-conversation');
  await shot(resident, 'webchat-handoff');

  step('the staff member hands back and the bot resumes');
  await staff.locator('#handback').click();
  await staff.waitForURL(/\/staff\/handoff$/, { timeout: 10000 });
  await botSays('佐藤とのお話は、ここまでです');
  await send('今日はやってますか');
  await botSays('開所しています');

  step('a closure added in the console changes the bot\'s answer at once');
  await staff.goto(new URL('staff/closures', staffUrl).toString());
  await staff.getByRole('button', { name: '追加する' }).click();
  await staff.getByRole('button', { name: '取り消す' }).first().waitFor({ timeout: 10000 });
  await shot(staff, 'staff-closures');
  await send('今日、開いてますか？');
  await botSays('臨時休所のため休所です');

  if (shots) {
    step('screenshots of the other pages');
    for (const [path, name] of [['staff/bookings?week=2026-12-07', 'staff-bookings'], ['staff/callbacks', 'staff-callbacks'], ['staff/crisis', 'staff-crisis'],
                                ['staff/meetups', 'staff-meetups'], ['staff/admin/accounts', 'staff-accounts'], ['staff/admin/audit', 'staff-audit']]) {
      await staff.goto(new URL(path, staffUrl).toString());
      await shot(staff, name);
    }
    await staff.setViewportSize({ width: 390, height: 844 });
    await staff.goto(new URL('staff', staffUrl).toString());
    await shot(staff, 'staff-today-phone');
  }

  console.log('staff e2e: all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`staff e2e failed at "${current}": ${e.message}`);
  if (shots) { try { await shot(resident, 'failed-resident'); await shot(staff, 'failed-staff'); } catch {} }
  await browser.close();
  process.exit(1);
}
