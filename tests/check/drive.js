// Opens the browser checker's page in Debian's Chromium, headless, and does
// what a job file asks: check files through the file picker, or open the page
// at an address (?url=), or take a screenshot. Prints a JSON array of what the
// page showed for each step. Run by test_checker.py:
//   node drive.js JOB.json      (NODE_PATH has playwright-core)
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const {chromium} = require("playwright-core");

async function answer(page, before) {
  await page.waitForFunction((n) => Number(document.getElementById("result").dataset.checks || 0) > n, before,
                             {timeout: 20000});
  return page.evaluate(() => {
    const result = document.getElementById("result");
    const title = result.querySelector("h2");
    return {
      title: title ? title.textContent : "",
      lines: Array.from(result.querySelectorAll("#lines li"), (li) => li.textContent),
      kinds: Array.from(result.querySelectorAll("#lines li"), (li) => li.className),
      text: result.innerText,
      focused: document.activeElement === title,
      live: result.getAttribute("aria-live"),
    };
  });
}

async function checks(page) {
  return page.evaluate(() => Number(document.getElementById("result").dataset.checks || 0));
}

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "placard-check-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: job.chromium, headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const out = [];
  try {
    for (const step of job.steps) {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      if (step.width) await page.setViewportSize({width: step.width, height: step.height || 900});
      await page.goto(step.page);
      if (step.files) {
        await page.waitForSelector("#result[data-ready='yes']", {timeout: 20000});
        for (const file of step.files) {
          const before = await checks(page);
          await page.setInputFiles("#file", file);
          out.push(Object.assign({file: file, errors: errors.slice()}, await answer(page, before)));
        }
      } else {
        out.push(Object.assign({page: step.page, errors: errors}, await answer(page, 0)));
      }
      if (step.screenshot) await page.screenshot({path: step.screenshot, fullPage: true});
      await page.close();
    }
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String(e.stack || e) + "\n");
  process.exit(1);
});
