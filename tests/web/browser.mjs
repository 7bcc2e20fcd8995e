// The browser client in headless Chromium (puppeteer-core), against a chatd
// of the test's own, with a chatui in tmux in the same #lobby (browser.sh
// starts both and restarts chatd when asked). Each step asserts what a
// person would see; screenshots go to ARTEFACTS.
//
// Environment: HTTP_URL, CHROMIUM, TMUX_SOCK, ARTEFACTS, TEST_DIR, WEB_DIR.

import puppeteer from 'puppeteer-core';
import { existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const url = process.env.HTTP_URL;
const { catalogues } = await import(process.env.WEB_DIR + '/catalogue.js');
const en = catalogues.en.texts, ru = catalogues.ru.texts;
const fill = (fmt, ...a) => { let k = 0; return fmt.replace(/%[sd]/g, () => String(a[k++])); };
const TIME = '\\[[0-2][0-9]:[0-5][0-9]\\]';
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let failed = 0, step = 0;
const errors = [];

function ok(what) { console.log('ok ' + ++step + ' - ' + what); }
function fail(what, detail) {
  console.log('not ok ' + ++step + ' - ' + what + (detail ? '\n# ' + String(detail).replace(/\n/g, '\n# ') : ''));
  failed++;
}

// The lines of the page's current window, as text.
const lines = (page) => page.$$eval('.pane:not([hidden]) .line', (ls) => ls.map((l) => l.textContent));

async function sees(page, who, re, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let last = [];
  while (Date.now() < end) {
    last = await lines(page).catch(() => []);
    if (last.some((l) => re.test(l))) { ok(who + ' sees ' + what); return true; }
    await sleep(100);
  }
  fail(who + ' sees ' + what, 'wanted ' + re + '; the window has:\n' + last.slice(-15).join('\n'));
  await shot(page, 'failed-' + step);
  return false;
}

const tmux = (...a) => execFileSync('tmux', ['-L', process.env.TMUX_SOCK, '-f', '/dev/null', ...a]).toString();

async function chatuiSees(re, what) {
  const end = Date.now() + 15000;
  let screen = '';
  while (Date.now() < end) {
    screen = tmux('capture-pane', '-p');
    if (screen.split('\n').some((l) => re.test(l))) { ok('chatui sees ' + what); return; }
    await sleep(100);
  }
  fail('chatui sees ' + what, 'wanted ' + re + '; the screen:\n' + screen);
}

async function shot(page, name) {
  await page.screenshot({ path: process.env.ARTEFACTS + '/' + name + '.png' }).catch(() => {});
}

async function type(page, text) {
  await page.focus('#input');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function open(browser, nick, { languages, password } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1100, height: 700 });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(nick + ': ' + m.text()); });
  page.on('pageerror', (e) => errors.push(nick + ': ' + e.message));
  if (languages)
    await page.evaluateOnNewDocument((l) => {
      Object.defineProperty(navigator, 'languages', { get: () => l });
      Object.defineProperty(navigator, 'language', { get: () => l[0] });
    }, languages);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#nick', { visible: true });
  await page.type('#nick', nick);
  if (password) await page.type('#password', password);
  await page.click('#connect');
  return page;
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update',
    '--disable-domain-reliability', '--disable-sync', '--metrics-recording-only'],
});
try {
  // The page itself: its policy forbids inline script.
  const res = await fetch(url);
  const csp = res.headers.get('content-security-policy') ?? '';
  if (/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp)) ok('the page has a CSP without inline script');
  else fail('the page has a CSP without inline script', csp);

  // A wrong password is told on the form, and nothing else happens.
  const mallory = await open(browser, 'mallory', { password: 'guess' });
  await mallory.waitForFunction((p) => document.getElementById('login-error').textContent.startsWith(p),
    { timeout: 15000 }, en.WEB_LOGIN_FAILED.replace('%s', ''))
    .then(() => ok('a wrong password is refused on the form'), (e) => fail('a wrong password is refused on the form', e));
  await mallory.close();

  // alice logs in to her account.
  const alice = await open(browser, 'alice', { password: 'wonderland' });
  await sees(alice, 'alice', new RegExp('^' + TIME + ' ' + esc(fill(en.JOINED, 'alice', 'alice!', '#lobby')).replace('alice!', 'alice![^ ]*')), 'her own join');
  await chatuiSees(/alice \(alice!.*\) has joined #lobby/, 'alice join');
  const loggedIn = await alice.$$eval('.pane .line', (ls, text) => ls.some((l) => l.textContent.includes(text)),
    fill(en.LOGGED_IN, 'alice'));
  if (loggedIn) ok('alice is logged in to her account');
  else fail('alice is logged in to her account');
  const bob = await open(browser, 'bob');
  await sees(alice, 'alice', new RegExp('^' + TIME + ' bob \\(bob![^)]*\\) has joined #lobby$'), "bob's join with the time");
  await sees(bob, 'bob', /has joined #lobby/, 'the join');

  // Messages, with the time and the sender's name, both ways and to chatui.
  await type(alice, 'hello from alice');
  await sees(bob, 'bob', new RegExp('^' + TIME + ' <alice> hello from alice$'), "alice's message with the time");
  await chatuiSees(new RegExp('^' + TIME + ' <alice> hello from alice'), "alice's message");
  tmux('send-keys', '-l', 'carol here, from a terminal');
  tmux('send-keys', 'Enter');
  await sees(alice, 'alice', new RegExp('^' + TIME + ' <carol> carol here, from a terminal$'), "carol's message from chatui");
  await sees(bob, 'bob', /<carol> carol here, from a terminal$/, "carol's message from chatui");
  await type(bob, '/me waves');
  await sees(alice, 'alice', new RegExp('^' + TIME + ' \\* bob waves$'), "bob's /me");
  await chatuiSees(/\* bob waves/, "bob's /me");

  // Shift-Enter breaks the line: one multiline message (draft/multiline),
  // one line of the page with its break, two rows in chatui; chatui's own
  // (Alt-Enter) is one message in the page too.
  await alice.focus('#input');
  await alice.keyboard.type('first line');
  await alice.keyboard.down('Shift');
  await alice.keyboard.press('Enter');
  await alice.keyboard.up('Shift');
  await alice.keyboard.type('second line');
  const rows = await alice.$eval('#input', (i) => i.rows);
  if (rows === 2) ok('the input grows a row for the second line');
  else fail('the input grows a row for the second line', rows);
  await alice.keyboard.press('Enter');
  await sees(bob, 'bob', new RegExp('^' + TIME + ' <alice> first line\nsecond line$'), 'a message of two lines as one');
  await chatuiSees(/<alice> first line/, 'the first line of the multiline message');
  await chatuiSees(/^ {16}second line/, 'its second line under the text');
  tmux('send-keys', '-l', 'two from');
  tmux('send-keys', 'M-Enter');
  tmux('send-keys', '-l', 'the terminal');
  tmux('send-keys', 'Enter');
  await sees(alice, 'alice', new RegExp('^' + TIME + ' <carol> two from\nthe terminal$'), "chatui's two lines as one message");

  // The nick list has everyone, with the own nick marked.
  const members = await alice.$$eval('#members .member', (ms) => ms.map((m) => m.textContent + (m.classList.contains('self') ? '*' : '')));
  if (['alice*', 'bob', 'carol'].every((n) => members.includes(n))) ok('the nick list has alice (marked), bob and carol');
  else fail('the nick list has alice (marked), bob and carol', members.join(' '));

  // Text from the network is text: HTML and script stay words on the screen.
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold</b>';
  await type(alice, evil);
  await sees(bob, 'bob', new RegExp('<alice> ' + esc(evil) + '$'), 'HTML as text');
  const pwned = await bob.evaluate(() => [typeof window.pwned, document.querySelectorAll('.pane img, .pane script, .pane b').length]);
  if (pwned[0] === 'undefined' && pwned[1] === 0) ok('no script ran and no element was made from the message');
  else fail('no script ran and no element was made from the message', JSON.stringify(pwned));
  await type(alice, 'see https://example.org/a?b=1 for more');
  await sees(bob, 'bob', /see https:\/\/example.org\/a\?b=1 for more$/, 'a message with a link');
  const link = await bob.$$eval('.pane:not([hidden]) .line a', (as) => as.map((a) => [a.getAttribute('href'), a.rel, a.target]).pop());
  if (link && link[0] === 'https://example.org/a?b=1' && link[1] === 'noopener noreferrer') ok('the link is clickable, with rel="noopener noreferrer"');
  else fail('the link is clickable, with rel="noopener noreferrer"', JSON.stringify(link));

  // A file: alice (an account) picks one; its link is posted with its name
  // and size, an image shows as a thumbnail; bob (no account) is told why
  // he cannot.
  const pixel = process.env.TEST_DIR + '/pixel.png';
  writeFileSync(pixel, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  await (await alice.$('#file')).uploadFile(pixel);
  await sees(bob, 'bob', /<alice> pixel\.png \(70 B\) http:\/\/127\.0\.0\.1:\d+\/f\/[a-z2-7]{26}\/pixel\.png$/, 'the link of an uploaded file');
  await chatuiSees(/<alice> pixel\.png \(70 B\)/, 'the link of an uploaded file');
  await bob.waitForFunction(() => [...document.querySelectorAll('.pane:not([hidden]) img.thumb')]
    .some((i) => i.complete && i.naturalWidth === 1), { timeout: 15000 })
    .then(() => ok('the image shows as a thumbnail'), (e) => fail('the image shows as a thumbnail', e));
  await (await bob.$('#file')).uploadFile(pixel);
  await sees(bob, 'bob', new RegExp(esc(en.WEB_UPLOAD_LOGIN) + '$'), 'an upload without an account refused');

  await shot(alice, 'alice-lobby');

  // Tab completes a nick; /help lists every command of the shared table.
  await alice.focus('#input');
  await alice.keyboard.type('bo');
  await alice.keyboard.press('Tab');
  const completed = await alice.$eval('#input', (i) => i.value);
  if (completed === 'bob: ') ok('Tab completes "bo" to "bob: "');
  else fail('Tab completes "bo" to "bob: "', JSON.stringify(completed));
  await alice.$eval('#input', (i) => { i.value = ''; });
  await type(alice, '/help');
  await sees(alice, 'alice', /^\S+ \/join CHANNEL\[,CHANNEL\.\.\.\] \[KEY\[,KEY\.\.\.\]\] — Join channels/, '/help with /join from the table');
  const helpLines = (await lines(alice)).filter((l) => /^\S+ \/[a-z]+/.test(l)).length;
  if (helpLines === catalogues.en.commands.length) ok('/help lists the ' + helpLines + ' commands of the table');
  else fail('/help lists every command of the table', helpLines + ' of ' + catalogues.en.commands.length);
  await type(alice, '/frobnicate');
  await sees(alice, 'alice', new RegExp(esc(fill(en.UNKNOWN_COMMAND, 'frobnicate')) + '$'), 'an unknown command refused');

  // /ignore hides what carol says, /unignore shows it again; /lastlog finds.
  await type(alice, '/ignore carol');
  await sees(alice, 'alice', new RegExp(esc(fill(en.IGNORING, 'carol!*@*')) + '$'), '/ignore');
  tmux('send-keys', '-l', 'unseen by alice');
  tmux('send-keys', 'Enter');
  await sees(bob, 'bob', /<carol> unseen by alice$/, "carol's line");
  await type(alice, '/unignore carol');
  tmux('send-keys', '-l', 'seen by alice');
  tmux('send-keys', 'Enter');
  await sees(alice, 'alice', /<carol> seen by alice$/, 'carol again after /unignore');
  if (!(await lines(alice)).some((l) => /unseen by alice/.test(l))) ok('the line said while ignored is not shown');
  else fail('the line said while ignored is not shown');
  await type(alice, '/lastlog HELLO FROM');
  await sees(alice, 'alice', new RegExp('^' + TIME + ' ' + esc(fill(en.LASTLOG, 'HELLO FROM', 1)) + '$'), '/lastlog counting one line');

  // carol goes away in chatui: dimmed in the page's nick list, and back.
  tmux('send-keys', '-l', '/away brb');
  tmux('send-keys', 'Enter');
  await alice.waitForFunction(() => [...document.querySelectorAll('#members .member.away')]
    .some((m) => m.textContent === 'carol'), { timeout: 15000 })
    .then(() => ok('carol away is dimmed in the nick list'), (e) => fail('carol away is dimmed in the nick list', e));
  tmux('send-keys', '-l', '/back');
  tmux('send-keys', 'Enter');
  await alice.waitForFunction(() => ![...document.querySelectorAll('#members .member.away')]
    .some((m) => m.textContent === 'carol'), { timeout: 15000 })
    .then(() => ok('carol back is not dimmed'), (e) => fail('carol back is not dimmed', e));

  // Another window: a private conversation, and an unread count.
  await type(bob, '/msg alice a word in private');
  await alice.waitForSelector('#windows .win[data-name="bob"] .count', { timeout: 15000 }).catch(() => {});
  const wins = await alice.$$eval('#windows .win', (bs) => bs.map((b) => b.textContent));
  if (wins.some((w) => /bob1$/.test(w))) ok('the private window has an unread count: ' + wins.join(', '));
  else fail('the private window has an unread count', wins.join(', '));
  await alice.click('#windows .win[data-name="bob"]');
  await sees(alice, 'alice', new RegExp('^' + TIME + ' <bob> a word in private$'), 'the private message in its window');
  await alice.click('#windows .win[data-name="#lobby"]');

  // /rename: the window takes the new name, for the operator who renamed
  // the room and for the others, its lines kept.
  await type(alice, '/join #old');
  await type(bob, '/join #old');
  // /join shows the room joined, without a click.
  for (const [page, who] of [[alice, 'alice'], [bob, 'bob']])
    await sees(page, who, /bob \(bob![^)]*\) has joined #old$/, "bob's join in #old, shown after /join");
  await type(alice, '/rename new a better name');
  const renamed = new RegExp('^' + TIME + ' ' + esc(fill(en.RENAMED, 'alice', '#old', '#new', 'a better name')) + '$');
  await sees(alice, 'alice', renamed, 'her rename');
  await sees(bob, 'bob', renamed, "alice's rename");
  const names = await bob.$$eval('#windows .win', (bs) => bs.map((b) => b.dataset.name));
  if (names.includes('#new') && !names.includes('#old')) ok('the window is #new now: ' + names.join(', '));
  else fail('the window is #new now', names.join(', '));
  await sees(bob, 'bob', /bob \(bob![^)]*\) has joined #old$/, 'the lines from before the rename');
  await alice.click('#windows .win[data-name="#lobby"]');
  await bob.click('#windows .win[data-name="#lobby"]');

  // /nick, seen by all.
  await type(bob, '/nick robert');
  await sees(alice, 'alice', new RegExp('^' + TIME + ' ' + esc(fill(en.NICK, 'bob', 'robert')) + '$'), 'the nick change');
  await chatuiSees(/bob is now known as robert/, 'the nick change');

  // Russian, when the browser prefers it.
  const dasha = await open(browser, 'dasha', { languages: ['ru-RU', 'ru'] });
  await sees(dasha, 'dasha', new RegExp('^' + TIME + ' ' + esc(fill(ru.JOINED, 'dasha', 'X', '#lobby')).replace('X', 'dasha![^)]*') + '$'), 'her join in Russian');
  const button = await dasha.evaluate(() => [document.documentElement.lang, document.getElementById('input').placeholder]);
  if (button[0] === 'ru' && button[1] === ru.WEB_INPUT) ok('the page is in Russian: ' + button[1]);
  else fail('the page is in Russian', JSON.stringify(button));
  await sees(dasha, 'dasha', /<alice> hello from alice$/, 'the history of #lobby');
  await sees(dasha, 'dasha', new RegExp('^' + esc(ru.HISTORY) + '$'), 'the history mark, in Russian');
  await shot(dasha, 'dasha-russian');

  // Scrolling up fetches older messages (CHATHISTORY BEFORE), once.
  await alice.evaluate(() => {
    const input = document.getElementById('input'), form = document.getElementById('send');
    for (let k = 1; k <= 60; k++) { input.value = 'older ' + k; form.requestSubmit(); }
  });
  await sees(alice, 'alice', /<alice> older 60$/, 'her 60th line');
  const erin = await open(browser, 'erin');
  await sees(erin, 'erin', /<alice> older 60$/, 'the latest lines on joining');
  if (!(await lines(erin)).some((l) => /<alice> (hello from alice|older 1)$/.test(l))) ok('the oldest are not loaded yet');
  else fail('the oldest are not loaded yet');
  await erin.$eval('.pane:not([hidden])', (p) => { p.scrollTop = 0; });
  await sees(erin, 'erin', /<alice> hello from alice$/, 'the oldest message after scrolling up');
  const all = (await lines(erin)).filter((l) => /<alice> older \d+$/.test(l)).map((l) => Number(/\d+$/.exec(l)[0]));
  if (all.length === 60 && all.every((n, k) => n === k + 1)) ok('erin has the 60 lines once each, in order');
  else fail('erin has the 60 lines once each, in order', all.join(' '));
  await shot(erin, 'erin-history');
  await erin.close();

  // A departure: robert closes his page.
  await bob.close();
  await sees(alice, 'alice', new RegExp('^' + TIME + ' robert has quit \\(.*\\)$'), 'robert leave');
  await chatuiSees(/robert has quit/, 'robert leave');

  // The server restarts: the page reconnects and rejoins by itself.
  writeFileSync(process.env.TEST_DIR + '/restart-now', '');
  await sees(alice, 'alice', new RegExp(esc(fill(en.DISCONNECTED, '')).slice(0, 10)), 'the disconnection');
  const end = Date.now() + 20000;
  while (!existsSync(process.env.TEST_DIR + '/restarted') && Date.now() < end) await sleep(100);
  await alice.waitForFunction(() => [...document.querySelectorAll('.pane:not([hidden]) .line')]
    .filter((l) => / alice \(alice!.*\) has joined #lobby$/.test(l.textContent)).length >= 2, { timeout: 20000 })
    .then(() => ok('alice is back in #lobby after the restart'), (e) => fail('alice is back in #lobby after the restart', e));
  await type(alice, 'still here after the restart');
  await sees(dasha, 'dasha', /<alice> still here after the restart$/, "alice's message after the restart");
  await shot(alice, 'alice-after-restart');

  if (errors.length === 0) ok('no error in any page console');
  else fail('no error in any page console', errors.join('\n'));
} catch (e) {
  fail('the run ended early', e.stack);
} finally {
  await browser.close();
}
console.log('1..' + step);
process.exit(failed ? 1 : 0);
