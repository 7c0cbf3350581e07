// Headless-Chromium smoke test of Swagger UI: open it, authorise with an API key, execute ListUnits, check the
// answer, save a screenshot. Usage: node swagger-ui-smoke.mjs <base-url> <api-key> [screenshot.png]
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:5071', key, shot = 'swagger-ui.png'] = process.argv.slice(2);
if (!key) { console.error('usage: node swagger-ui-smoke.mjs <base-url> <api-key> [screenshot.png]'); process.exit(2); }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
  await page.goto(`${base}/swagger/index.html`);
  await page.locator('.auth-wrapper button.authorize').first().click();
  // The ApiKey scheme's form comes first in the dialog.
  const dialog = page.locator('.dialog-ux');
  await dialog.locator('input[type=text], input[type=password]').first().fill(key);
  await dialog.locator('button.authorize').first().click();
  await dialog.locator('button.btn-done').first().click();

  const operation = page.locator('#operations-Units-ListUnits');
  await operation.locator('.opblock-summary').click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table tbody tr.response .response-col_status').first();
  await status.waitFor({ timeout: 15000 });
  const code = (await status.innerText()).trim();
  const body = await operation.locator('.live-responses-table .microlight').first().innerText();
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot, fullPage: false });
  if (code !== '200' || !body.includes('"totalCount"')) {
    console.error(`Swagger UI executed ListUnits and got ${code}: ${body.slice(0, 300)}`);
    process.exit(1);
  }
  console.log(`Swagger UI: authorised, executed ListUnits (200), screenshot ${shot}`);
} finally {
  await browser.close();
}
