#!/usr/bin/env node
// check.js PAGE.html EXPORT.jsonld [...]: opens each page from a file:// URL in Debian's
// chromium (headless, via playwright-core, fresh profile, no network features) and checks it
// as a reader on a phone would see it. Prints one line per page; exit 1 on any failure.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { isDeepStrictEqual } = require('util');
const { chromium } = require('playwright-core');

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function checkPage(context, htmlFile, jsonFile) {
  const problems = [];
  const url = pathToFileURL(path.resolve(htmlFile)).href;
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => { problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on('request', (r) => { if (r.url() !== url) problems.push(`requested ${r.url()}: the page must load nothing else`); });
  const resp = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  if (!resp || !resp.ok()) problems.push(`loading failed: ${resp && resp.status()}`);

  const expected = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  const info = await page.evaluate(() => {
    const scripts = [...document.querySelectorAll('script')];
    const ld = [...document.querySelectorAll('head > script[type="application/ld+json"]')];
    return {
      scripts: scripts.length,
      ld: ld.map((s) => s.textContent),
      lang: document.documentElement.lang,
      title: document.title,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      h2: [...document.querySelectorAll('h2')].map((h) => ({ id: h.id, text: h.textContent })),
    };
  });
  if (info.scripts !== 1) problems.push(`${info.scripts} <script> elements, expected 1 (content must not create any)`);
  if (info.ld.length !== 1) problems.push(`${info.ld.length} JSON-LD scripts in <head>, expected 1`);
  else {
    let embedded;
    try { embedded = JSON.parse(info.ld[0]); } catch (e) { problems.push(`embedded JSON-LD does not parse: ${e.message}`); }
    if (embedded && !isDeepStrictEqual(embedded, expected)) problems.push('embedded JSON-LD differs from the jsonld export');
  }
  if (info.scrollWidth > info.innerWidth) problems.push(`wider than the phone's screen: ${info.scrollWidth}px > ${info.innerWidth}px`);

  const questions = expected.mainEntity || [];
  for (const q of questions) {
    const id = String(q['@id']).replace(/^[^#]*#/, '');
    const h = page.locator(`h2[id="${id.replace(/["\\]/g, '\\$&')}"]`);
    if ((await h.count()) !== 1) { problems.push(`question #${id}: no single <h2 id>`); continue; }
    const text = await h.textContent();
    if (text !== q.name) problems.push(`question #${id}: heading ${JSON.stringify(text)} != name ${JSON.stringify(q.name)}`);
    const box = await h.boundingBox();
    if (!(await h.isVisible()) || !box || box.width <= 0 || box.height <= 0) problems.push(`question #${id} is not visible`);
    // Its answer is visible too: the first element after the heading.
    const ans = page.locator(`h2[id="${id.replace(/["\\]/g, '\\$&')}"] + *`);
    if ((await ans.count()) !== 1 || !(await ans.isVisible())) problems.push(`the answer to #${id} is not visible`);
  }
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, path.basename(htmlFile) + '.png'), fullPage: true });
  await page.close();
  return { problems, nq: questions.length };
}

(async () => {
  const files = process.argv.slice(2);
  if (!files.length || files.length % 2) {
    process.stderr.write('usage: check.js PAGE.html EXPORT.jsonld [...]\n');
    process.exit(2);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-chromium-'));
  let context;
  let failed = 0;
  try {
    // launchPersistentContext gives chromium a fresh --user-data-dir of ours.
    context = await chromium.launchPersistentContext(profile, {
      executablePath, headless: true, args, chromiumSandbox: false, offline: true,
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
      timeout: 60000,
    });
    for (let i = 0; i < files.length; i += 2) {
      const { problems, nq } = await checkPage(context, files[i], files[i + 1]);
      const name = path.basename(files[i]);
      if (problems.length) {
        failed++;
        for (const p of problems) console.log(`${name}: ${p}`);
      } else console.log(`${name}: ok (${nq} questions visible, JSON-LD identical)`);
    }
  } catch (e) {
    console.log(`browser test could not run: ${e.message}`);
    failed++;
  } finally {
    if (context) await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
})();
