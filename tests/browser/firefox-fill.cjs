// The real-browser autofill test (docs/TESTING.md, "The real browser"): Firefox ESR with
// Debian's KeePassXC-Browser extension fills a login form on 127.0.0.1 from an Arcanum vault.
//
//   node firefox-fill.cjs ARCANUM ARCANUM_CLI ARCANUM_BROWSER_HOST EXTENSION_DIR [--break-url]
//
// Run inside tests/ui/display/with-display.sh x11 (a private Xvfb, HOME and XDG_RUNTIME_DIR) by
// run-firefox-test.sh, which also installs puppeteer-core; ARCANUM_NODE_MODULES names the folder
// that holds it. Steps: a vault with one entry for http://127.0.0.1:PORT (arcanum-cli); the real
// app (offscreen) on it, built with ARCANUM_TEST_HOOKS: unlocked with the master password from a
// descriptor (ARCANUM_TEST_PASSWORD_FD), its association and site questions answered by
// ARCANUM_TEST_ACCEPT_ASSOCIATIONS and ARCANUM_TEST_ANSWER_SITES=once instead of a person at its
// dialogs; the Firefox native-messaging manifest for arcanum-browser-host; Firefox
// through WebDriver BiDi (puppeteer-core) with the extension installed as a temporary add-on;
// the extension associated through its own background page ("associate", as its popup's Connect
// button does) and told to fill a single match on page load; then the page, and the fields must
// hold the vault's values. --break-url gives the entry another port: the fill must then fail
// (the check that this test can fail).
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const [arcanum, cli, host, extensionDir] = process.argv.slice(2, 6).map((p) => path.resolve(p));
const breakUrl = process.argv.includes('--break-url');
const puppeteer = require(path.join(process.env.ARCANUM_NODE_MODULES, 'puppeteer-core'));

const started = Date.now();
const extensionId = 'keepassxc-browser@keepassxc.org';
const extensionUuid = 'a7c3e1d0-4b5f-4e2a-9c8d-1f0e2d3c4b5a'; // fixed, so its pages have known URLs
const home = process.env.HOME;
const work = fs.mkdtempSync(path.join(process.env.XDG_RUNTIME_DIR || os.tmpdir(), 'browser-test-'));

function log(line) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
}

function fail(line) {
  throw new Error(line);
}

function letters(n) {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, seconds, probe) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value)
      return value;
    if (Date.now() > end)
      fail(`${what} (waited ${seconds} s)`);
    await sleep(100);
  }
}

// arcanum-cli with secrets on descriptors 3, 4, ... (never on the command line): each from an
// unlinked file in the private runtime folder.
function secretFd(secret, name) {
  const file = path.join(work, `secret-${name}`);
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  const fd = fs.openSync(file, 'r');
  fs.unlinkSync(file);
  return fd;
}

function cliWithSecrets(args, secrets) {
  const fds = secrets.map((secret, i) => secretFd(secret, String(i)));
  const result = childProcess.spawnSync(cli, args, {
    stdio: ['ignore', 'pipe', 'pipe', ...fds],
    encoding: 'utf8',
    timeout: 30000,
  });
  fds.forEach((fd) => fs.closeSync(fd));
  if (result.status !== 0)
    fail(`arcanum-cli ${args[0]}: exit ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function serveLoginPage() {
  const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in</h1>
<form method="post" action="/login">
  <label>User name <input type="text" id="username" name="username" autocomplete="username"></label>
  <label>Password <input type="password" id="password" name="password" autocomplete="current-password"></label>
  <button type="submit">Sign in</button>
</form></body></html>`;
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function writeNativeMessagingManifest() {
  const folder = path.join(home, '.mozilla', 'native-messaging-hosts');
  fs.mkdirSync(folder, { recursive: true });
  const manifest = {
    name: 'org.keepassxc.keepassxc_browser',
    description: 'Arcanum (test)',
    path: host,
    type: 'stdio',
    allowed_extensions: [extensionId],
  };
  fs.writeFileSync(path.join(folder, 'org.keepassxc.keepassxc_browser.json'),
                   JSON.stringify(manifest, null, 2));
}

function writeAppSettings() {
  const folder = path.join(home, '.config', 'Arcanum');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'Arcanum.conf'),
                   '[lock]\nidleMinutes=0\n[accessibility]\nscreenReaderAccess=false\n');
}

async function main() {
  const server = await serveLoginPage();
  const port = server.address().port;
  const pageUrl = `http://127.0.0.1:${port}/login.html`;
  log(`login page on ${pageUrl}`);

  // The vault: one entry for this page (or, with --break-url, for another port).
  const master = letters(20);
  const username = 'u' + letters(15);
  const password = 'P' + letters(23);
  const vault = path.join(work, 'browser.arcanum');
  cliWithSecrets(['init', vault, '--kdf-memory', '8', '--kdf-iterations', '1', '--kdf-lanes', '1',
                  '--password-fd', '3'], [master]);
  const entryUrl = `http://127.0.0.1:${breakUrl ? port + 1 : port}`;
  cliWithSecrets(['add', vault, '--title', 'Test site', '--username', username, '--url', entryUrl,
                  '--password-fd', '3', '--entry-password-fd', '4'], [master, password]);
  log(`vault with an entry for ${entryUrl}`);

  // The app (a test build: ARCANUM_TEST_HOOKS), unlocked with the master password from
  // descriptor 3, its association and site questions answered by the test hooks instead of its
  // dialogs (the dialogs have their own tests: TestAssociationDialog, TestSiteAccessDialog).
  writeAppSettings();
  writeNativeMessagingManifest();
  const appLog = fs.openSync(path.join(work, 'arcanum.log'), 'w');
  const passwordFd = secretFd(master, 'master');
  const app = childProcess.spawn(arcanum, [vault], {
    stdio: ['ignore', appLog, appLog, passwordFd],
    env: {
      ...process.env,
      QT_QPA_PLATFORM: 'offscreen',
      ARCANUM_TEST_PASSWORD_FD: '3',
      ARCANUM_TEST_ACCEPT_ASSOCIATIONS: 'firefox-test',
      ARCANUM_TEST_ANSWER_SITES: 'once',
    },
  });
  fs.closeSync(passwordFd);
  const socket = path.join(process.env.XDG_RUNTIME_DIR, 'app', 'org.arcanum.Arcanum',
                           'autofill.socket');
  let browser;
  try {
    await until('the app listens for browsers', 20, () => fs.existsSync(socket));
    log('app started');

    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.ARCANUM_FIREFOX || '/usr/bin/firefox-esr',
      headless: false, // a real window on the private Xvfb
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: extensionUuid }),
        'xpinstall.signatures.required': false,
        'extensions.autoDisableScopes': 0,
      },
    });
    log(`Firefox ${await browser.version()} started`);
    const installed = await browser.installExtension(extensionDir);
    log(`extension ${installed} installed from ${extensionDir}`);

    // The extension's own page: settings, then the association (its popup's "Connect"). BiDi
    // may not navigate to moz-extension: URLs, so the tab is opened from the browser's chrome
    // window (--remote-allow-system-access); scripts then run in the page's realm as usual.
    const bidi = async (method, params) => (await browser.connection.send(method, params)).result;
    const chrome = (await bidi('browsingContext.getTree', { 'moz:scope': 'chrome' })).contexts[0];
    const optionsUrl = `moz-extension://${extensionUuid}/options/options.html`;
    await bidi('script.evaluate', {
      expression: `gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(optionsUrl)},
        { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); true`,
      target: { context: chrome.context }, awaitPromise: false,
    });
    const optionsContext = await until('the extension\'s options page opens', 10, async () => {
      const tree = await bidi('browsingContext.getTree', {});
      const found = tree.contexts.find((c) => c.url === optionsUrl);
      return found && found.context;
    });
    const inExtension = async (source) => {
      const reply = await bidi('script.evaluate', {
        // A JSON string back: BiDi describes objects in its own remote-value form.
        expression: `(async () => JSON.stringify(await (${source})()))()`,
        target: { context: optionsContext }, awaitPromise: true,
      });
      if (reply.type !== 'success')
        fail(`script in the extension's page: ${JSON.stringify(reply.exceptionDetails)}`);
      return reply.result.value === undefined ? undefined : JSON.parse(reply.result.value);
    };
    await until('the extension\'s page is ready', 10, () =>
      inExtension(`async () => typeof browser === 'object' && document.readyState === 'complete'`)
        .catch(() => false));
    const autoFill = await inExtension(`async () => {
      const item = await browser.storage.local.get({ settings: {} });
      const settings = Object.assign(item.settings, {
        autoFillSingleEntry: true,
        autoRetrieveCredentials: true,
        showGettingStartedGuideAlert: false,
        showTroubleshootingGuideAlert: false,
        showLoginNotifications: false,
      });
      await browser.storage.local.set({ settings });
      await browser.runtime.sendMessage({ action: 'load_settings' });
      return settings.autoFillSingleEntry;
    }`);
    log(`extension settings: autoFillSingleEntry=${autoFill}`);
    // associate answers 0: not associated (the app may still be unlocking), 1: a new
    // association, 2: associated already.
    await until('the extension associates with Arcanum', 30, async () => {
      const result = await inExtension(`async () => {
        await browser.runtime.sendMessage({ action: 'reconnect' }).catch(() => {});
        return browser.runtime.sendMessage({ action: 'associate' });
      }`);
      return result === 1 || result === 2;
    });
    // The extension stores the association's name without waiting for it to be written.
    const keyRing = await until('the extension stores the association', 5, () => inExtension(
      `async () => { const ring = Object.values((await browser.storage.local.get({ keyRing: {} }))
                                   .keyRing); return ring.length ? ring : null; }`));
    log(`associated as ${keyRing.map((k) => JSON.stringify(k.id)).join(', ')}`);
    if (!keyRing.some((k) => k.id === 'firefox-test'))
      fail('the extension stored no association named "firefox-test"');

    // The page: the extension fills it on load (one match, autoFillSingleEntry).
    const page = await browser.newPage();
    await page.goto(pageUrl);
    const fields = (p) => p.evaluate(() => {
      const u = document.getElementById('username').value;
      const p = document.getElementById('password').value;
      return u || p ? { u, p } : null;
    });
    // The extension fills one field after the other: wait for both (a half-filled form seen
    // between the two is not a result), then compare whatever is there.
    await until('the extension fills the login form', 20, () => fields(page));
    let filled = await fields(page);
    for (const end = Date.now() + 5000; !(filled.u && filled.p) && Date.now() < end;) {
      await sleep(100);
      filled = await fields(page);
    }
    if (filled.u !== username || filled.p !== password)
      fail(`the form holds other values than the vault's (user name ${filled.u === username
            ? 'right' : 'wrong'}, password ${filled.p === password ? 'right' : 'wrong'})`);
    log('the form holds the vault\'s user name and password');

    // The same page on another port has no entry: it stays empty (the extension has asked and
    // been told "no logins" by then: it fills within a second of asking, as above).
    const other = await serveLoginPage();
    const otherPage = await browser.newPage();
    await otherPage.goto(`http://127.0.0.1:${other.address().port}/login.html`);
    await sleep(3000);
    const leaked = await fields(otherPage);
    other.close();
    if (leaked)
      fail('a page on another port was filled from an entry for ' + entryUrl);
    log('the same form on another port stays empty');
  } catch (error) {
    console.error(`FAIL: ${error.message}`);
    process.exitCode = 1;
  } finally {
    if (browser)
      await browser.close().catch(() => {});
    app.kill('SIGTERM');
    await new Promise((resolve) => app.exitCode !== null ? resolve() : app.once('exit', resolve));
    server.close();
    if (process.exitCode)
      console.error(fs.readFileSync(path.join(work, 'arcanum.log'), 'utf8'));
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (!process.exitCode)
    log(`PASS in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  if (!process.exitCode)
    console.error(`FAIL: ${error && error.stack || error}`);
  process.exitCode = 1;
});
