// The HTML minutes through axe-core in headless Chromium, at a desktop width and at 320 px
// (WCAG 1.4.10 reflow): prints the violations, and whether the page scrolls sideways; exits 1 on
// any. Needs Node with axe-core and puppeteer-core (NODE_PATH) and Chromium (its full path in CHROMIUM):
//   npm install --prefix ~/axe axe-core puppeteer-core
//   CHROMIUM=/usr/bin/chromium NODE_PATH=~/axe/node_modules node tools/axe_check.js minutes.html
// tests/core/test_html_export.py runs it where these are installed.
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

(async () => {
  const browser = await puppeteer.launch({executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
                                          args: ['--no-sandbox', '--disable-gpu']});
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const width of [1280, 320]) {
      const page = await browser.newPage();
      await page.setViewport({width, height: 800});
      await page.goto('file://' + path.resolve(file));
      await page.evaluate(axeSource);
      const result = await page.evaluate(async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}}),
                                         RULES);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      console.log(`${path.basename(file)} at ${width} px: ${result.violations.length} violations, ` +
                  `${result.passes.length} rules passed${sideways ? ', the page scrolls sideways' : ''}`);
      for (const v of result.violations) console.log(`  ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} places`);
      problems += result.violations.length + (sideways ? 1 : 0);
      await page.close();
    }
  }
  await browser.close();
  process.exit(problems ? 1 : 0);
})().catch((e) => { console.error(String(e)); process.exit(2); });
