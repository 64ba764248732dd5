// What a person sees: Djinn in the classic Notebook (Debian's jupyter-notebook 6) in Debian's Chromium, driven by
// puppeteer-core. A notebook server on a free loopback port is started and stopped here; the kernelspec is the
// project's installer's, in a private prefix. Screenshots go to kernel/target/browser/ (CI artifacts): look at them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SHOTS = path.join(ROOT, 'kernel/target/browser');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'djinn-browser-'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let server;
let browser;
let base;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, deadline) {
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the notebook server exited (${server.exitCode}): see ${SHOTS}/notebook-server.log`);
    try {
      const reply = await fetch(url);
      if (reply.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the notebook server did not answer at ${url}`);
}

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const prefix = path.join(WORK, 'prefix');
  const notebooks = path.join(WORK, 'notebooks');
  fs.mkdirSync(notebooks);
  fs.copyFileSync(path.join(ROOT, 'notebooks/01-quickstart.ipynb'), path.join(notebooks, '01-quickstart.ipynb'));
  execFileSync('bash', [path.join(ROOT, 'install/install.sh'), '--no-build', '--no-deps', '--prefix', prefix, '--name', 'djinn',
    '--env', `DJINN_HISTORY_FILE=${path.join(WORK, 'history.jsonl')}`, '--jvm-opt=-Xmx2g'], { stdio: 'ignore' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(prefix, 'share/jupyter'),
    JUPYTER_CONFIG_DIR: path.join(WORK, 'config'),
    JUPYTER_RUNTIME_DIR: path.join(WORK, 'runtime'),
    DJINN_QUICK: '1', // the tutorial's short version, as in the nbclient tests
  };
  server = spawn('/usr/bin/python3', ['-m', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
    '--NotebookApp.token=', '--NotebookApp.password=', `--notebook-dir=${notebooks}`,
    ...(process.getuid?.() === 0 ? ['--allow-root'] : [])], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  server.once('exit', (code) => { server.exitCode ??= code; });
  const log = fs.createWriteStream(path.join(SHOTS, 'notebook-server.log'));
  server.stderr.pipe(log);
  await waitForServer(`${base}/api`, Date.now() + 60_000);
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: path.join(WORK, 'chromium'),
    defaultViewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  fs.rmSync(WORK, { recursive: true, force: true });
});

/** A screenshot; whole: the whole notebook (it scrolls inside #site, so the window is made as tall as it). */
async function shot(page, name, whole = false) {
  const file = path.join(SHOTS, `${name}.png`);
  if (!whole) return page.screenshot({ path: file });
  const height = await page.evaluate(() => (document.querySelector('#notebook')?.scrollHeight ?? 800) + 150);
  await page.setViewport({ width: 1280, height: Math.min(height, 16_000) });
  await new Promise((r) => setTimeout(r, 300));
  await page.screenshot({ path: file });
  await page.setViewport({ width: 1280, height: 900 });
}

const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms)); // animations (tooltip fade, pager slide)

async function kernelIdle(page, timeout = 120_000) {
  await page.waitForFunction(
    () => window.Jupyter?.notebook?.kernel?.is_connected() && document.querySelector('#kernel_indicator_icon.kernel_idle_icon'),
    { timeout, polling: 100 });
}

/** Types into a new cell at the end, as a person does, and presses Shift-Enter; returns the cell's index. */
async function typeAndRun(page, code, { wait = true, timeout = 120_000 } = {}) {
  const index = await newCell(page);
  await page.keyboard.type(code);
  await page.keyboard.down('Shift');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Shift');
  if (wait) await finished(page, index, timeout);
  return index;
}

/** Selects a fresh empty cell at the end of the notebook and puts the cursor in it. */
async function newCell(page) {
  const index = await page.evaluate(() => {
    const nb = Jupyter.notebook;
    let last = nb.get_cell(nb.ncells() - 1);
    if (last.get_text() !== '' || last.cell_type !== 'code') {
      last = nb.insert_cell_below('code', nb.ncells() - 1);
    }
    return nb.find_cell_index(last);
  });
  await page.click(`#notebook-container .cell:nth-child(${index + 1}) .CodeMirror`);
  return index;
}

async function finished(page, index, timeout = 120_000) {
  await page.waitForFunction((i) => {
    const cell = Jupyter.notebook.get_cell(i);
    return typeof cell.input_prompt_number === 'number' && document.querySelector('#kernel_indicator_icon.kernel_idle_icon');
  }, { timeout, polling: 100 }, index);
}

// the outputs' text without the Out[n] prompt
const outputText = (page, index) => page.evaluate((i) => [...Jupyter.notebook.get_cell(i).output_area.element[0]
  .querySelectorAll('.output_subarea')].map((o) => o.innerText).join('\n'), index);
const outputCount = (page, index) => page.evaluate((i) => Jupyter.notebook.get_cell(i).output_area.outputs.length, index);
const hasError = (page, index) => page.evaluate((i) => Jupyter.notebook.get_cell(i).output_area.outputs.some((o) => o.output_type === 'error'), index);

/** The size of every image in a cell's output, once it has loaded (0×0 means it did not). */
async function images(page, index) {
  await page.waitForFunction((i) => [...Jupyter.notebook.get_cell(i).output_area.element[0].querySelectorAll('img')].every((img) => img.complete),
    { timeout: 20_000 }, index);
  return page.evaluate((i) => [...Jupyter.notebook.get_cell(i).output_area.element[0].querySelectorAll('img')]
    .map((img) => [img.naturalWidth, img.naturalHeight]), index);
}

/** The page's console errors and uncaught exceptions, kept beside the screenshots. */
function recordConsole(page, name) {
  const log = fs.createWriteStream(path.join(SHOTS, `console-${name}.log`));
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') log.write(`${message.type()}: ${message.text()}\n`); });
  page.on('pageerror', (error) => log.write(`pageerror: ${error.message}\n`));
}

async function openNewDjinnNotebook() {
  const tree = await browser.newPage();
  await tree.goto(`${base}/tree`, { waitUntil: 'networkidle2' });
  await tree.click('#new-dropdown-button');
  await tree.waitForSelector('#kernel-djinn a', { visible: true });
  await shot(tree, '00-new-menu');
  const opened = browser.waitForTarget((t) => t.url().includes('/notebooks/Untitled'), { timeout: 30_000 });
  await tree.click('#kernel-djinn a');
  const page = await (await opened).page();
  recordConsole(page, 'new-notebook');
  await page.setViewport({ width: 1280, height: 900 });
  await kernelIdle(page);
  await tree.close();
  return page;
}

test('a new Djinn notebook: cells, live output, completion, tooltip, help, errors, interrupt, training, pictures, restart',
  { timeout: 300_000 }, async (t) => {
    const page = await openNewDjinnNotebook();

    await t.test('a cell runs and shows its value', async () => {
      const cell = await typeAndRun(page, '1 + 1');
      assert.equal((await outputText(page, cell)).trim(), '2');
    });

    await t.test('stdout appears while the cell still runs', async () => {
      const cell = await typeAndRun(page, 'for (int i = 0; i < 4; i++) { System.out.println("tick " + i); Thread.sleep(700); }', { wait: false });
      await page.waitForFunction((i) => Jupyter.notebook.get_cell(i).output_area.element[0].innerText.includes('tick 0'), { timeout: 30_000 }, cell);
      const stillRunning = await page.evaluate((i) => Jupyter.notebook.get_cell(i).input_prompt_number === '*', cell);
      assert.ok(stillRunning, 'the first line showed before the cell ended');
      await finished(page, cell);
      assert.match(await outputText(page, cell), /tick 0\s+tick 1\s+tick 2\s+tick 3/);
    });

    await t.test('Tab opens the completion list with the methods of Math', async () => {
      await newCell(page);
      await page.keyboard.type('Math.m'); // several matches (max, min, multiplyExact, …): Notebook 6 lists them
      await page.keyboard.press('Tab');
      await page.waitForSelector('#complete select option', { visible: true, timeout: 20_000 });
      const options = await page.$$eval('#complete select option', (os) => os.map((o) => o.textContent));
      assert.ok(options.includes('max('), options.join(' '));
      assert.equal(new Set(options).size, options.length, 'no entry twice');
      await shot(page, '01-completion');
      await page.keyboard.press('Escape');
    });

    await t.test('Shift-Tab shows Math.max\'s documentation as text, not javadoc tags', async () => {
      await page.evaluate(() => Jupyter.notebook.get_selected_cell().set_text(''));
      await page.keyboard.type('Math.max(');
      await page.keyboard.down('Shift');
      await page.keyboard.press('Tab');
      await page.keyboard.up('Shift');
      await page.waitForSelector('#tooltip', { visible: true, timeout: 20_000 });
      await page.waitForFunction(() => document.querySelector('#tooltip').innerText.includes('Math.max'), { timeout: 20_000 });
      const tooltip = await page.$eval('#tooltip', (e) => e.innerText);
      assert.match(tooltip, /Returns the greater of two int values/);
      assert.doesNotMatch(tooltip, /\{@code|\{@link|@param/);
      await settle();
      await shot(page, '02-tooltip');
      await page.keyboard.press('Escape');
      await page.evaluate(() => Jupyter.notebook.get_selected_cell().set_text(''));
    });

    await t.test('Math.max? opens the pager with rendered documentation', async () => {
      await typeAndRun(page, 'Math.max?');
      await page.waitForSelector('#pager', { visible: true, timeout: 20_000 });
      const pager = await page.$eval('#pager', (e) => e.innerText);
      assert.match(pager, /Returns the greater of two int values/);
      assert.doesNotMatch(pager, /\{@code|\{@link|@param/);
      await page.waitForSelector('#pager code', { timeout: 5_000 });
      await settle();
      await shot(page, '03-pager');
      await page.evaluate(() => Jupyter.pager.collapse());
    });

    await t.test('the Help menu links a Djinn page that opens', async () => {
      await page.evaluate(() => document.querySelector('#help_menu').closest('li').querySelector('a.dropdown-toggle').click());
      await page.waitForSelector('#help_menu', { visible: true });
      await shot(page, '04-help-menu');
      const href = await page.evaluate(() => [...document.querySelectorAll('#help_menu a')].find((a) => a.textContent.trim() === 'Djinn')?.href);
      assert.ok(href && href.startsWith(base), `the Djinn help link is on the notebook server: ${href}`);
      const help = await browser.newPage();
      const response = await help.goto(href);
      assert.equal(response.status(), 200);
      assert.match(await help.$eval('h1', (h) => h.textContent), /Djinn/);
      assert.ok((await help.$$eval('img', (is) => is.map((i) => i.naturalWidth))).every((w) => w > 0), 'the README\'s pictures load');
      await shot(help, '04-help-page');
      await help.close();
      await page.bringToFront();
      await page.keyboard.press('Escape');
    });

    await t.test('a syntax error on line 2 runs nothing of the cell', async () => {
      const cell = await typeAndRun(page, 'int fine = 1;\nint broken = ;');
      assert.ok(await hasError(page, cell));
      const check = await typeAndRun(page, 'fine');
      assert.ok(await hasError(page, check), 'fine was not defined');
      assert.match(await outputText(page, check), /cannot find symbol/);
    });

    await t.test('the stop button interrupts a running cell and keeps the variables', async () => {
      await typeAndRun(page, 'int kept = 41;');
      const cell = await typeAndRun(page, 'Thread.sleep(600_000);', { wait: false });
      await page.waitForFunction(() => document.querySelector('#kernel_indicator_icon.kernel_busy_icon'), { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 500));
      await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
      await finished(page, cell, 30_000);
      // the reply (shell) and the error output (iopub) travel on different sockets: the text may land a moment later
      await page.waitForFunction((i) => /Interrupted/.test(Jupyter.notebook.get_cell(i).output_area.element[0].innerText),
        { timeout: 10_000, polling: 50 }, cell).catch(() => {});
      assert.match(await outputText(page, cell), /Interrupted/);
      const after = await typeAndRun(page, 'kept + 1');
      assert.equal((await outputText(page, after)).trim(), '42');
    });

    await t.test('training shows one display at once and updates it in place, then the History chart', async () => {
      await typeAndRun(page, 'var data = mnist().limit(8000, 500);\nvar net = model().dense(64).relu().dense(10);');
      // every frame the page shows, recorded as it changes: a small model trains in about a second, so a frame may be
      // on screen for only a moment (polling for one missed them in CI)
      await page.evaluate(() => {
        window.trainingFrames = [];
        window.trainingObserver = new MutationObserver(() => {
          const outputs = [...document.querySelectorAll('.output_subarea')].map((o) => o.innerText);
          const frame = outputs.find((text) => /Epoch \d\/4|Training done: 4 epochs/.test(text));
          if (frame && frame !== window.trainingFrames.at(-1)) window.trainingFrames.push(frame);
        });
        window.trainingObserver.observe(document.querySelector('#notebook-container'), { childList: true, subtree: true, characterData: true });
      });
      const cell = await typeAndRun(page, 'var h = net.train(data, epochs(4));', { wait: false });
      await page.waitForFunction((i) => /Epoch 1\/4/.test(Jupyter.notebook.get_cell(i).output_area.element[0].innerText), { timeout: 30_000, polling: 50 }, cell);
      await shot(page, '05-training-live');
      await finished(page, cell);
      // stop recording: the observer reads every output's text on each change of the page, later tests included
      const frames = await page.evaluate(() => { window.trainingObserver.disconnect(); return window.trainingFrames; });
      assert.match(frames[0], /Epoch 1\/4 — starting/, 'shown at once, before the first batch');
      assert.ok(frames.some((f) => /Epoch \d\/4\s+[\d,]+\/[\d,]+/.test(f)), `a progress frame while training: ${JSON.stringify(frames)}`);
      assert.match(frames.at(-1), /Training done: 4 epochs/);
      assert.equal(await outputCount(page, cell), 1, 'one display, updated in place');
      const chart = await images(page, cell);
      assert.ok(chart.length >= 1 && chart.every(([w, h]) => w > 100 && h > 100), `the History chart: ${JSON.stringify(chart)}`);
      await shot(page, '06-training-done');
    });

    await t.test('%plot and %tensor show pictures; image batches show no value dump', async () => {
      const plot = await typeAndRun(page, '%plot h');
      const plotted = await images(page, plot);
      assert.ok(plotted.length === 1 && plotted[0][0] > 200, JSON.stringify(plotted));
      const tensor = await typeAndRun(page, '%tensor data.train()');
      const pictures = await images(page, tensor);
      assert.ok(pictures.length >= 1 && pictures.every(([w, h]) => w > 50 && h > 50), JSON.stringify(pictures));
      assert.doesNotMatch(await outputText(page, tensor), /Exceed max print size/);
      await page.evaluate((i) => Jupyter.notebook.get_cell(i).element[0].scrollIntoView(), plot);
      await shot(page, '07-plot-and-tensor');
    });

    await t.test('a Tablesaw Plotly figure draws, plotly.js coming from the kernelspec (no internet)', async () => {
      const cell = await typeAndRun(page, 'new tech.tablesaw.plotly.components.Figure(tech.tablesaw.plotly.traces.ScatterTrace'
        + '.builder(new double[] {1, 2, 3}, new double[] {3, 1, 2}).build())');
      await page.waitForFunction((i) => Jupyter.notebook.get_cell(i).output_area.element[0].querySelector('svg.main-svg'),
        { timeout: 30_000 }, cell);
      const points = await page.evaluate((i) => Jupyter.notebook.get_cell(i).output_area.element[0].querySelectorAll('path.point').length, cell);
      assert.equal(points, 3, 'three markers drawn');
      await page.evaluate((i) => Jupyter.notebook.get_cell(i).element[0].scrollIntoView(), cell);
      await settle();
      await shot(page, '08-plotly-figure');
    });

    await t.test('the model summary aligns names and shapes left, numbers right', async () => {
      const cell = await typeAndRun(page, 'net.summary()');
      const columns = await page.evaluate((i) => {
        const rows = [...Jupyter.notebook.get_cell(i).output_area.element[0].querySelectorAll('tr')];
        return rows.slice(0, 2).map((r) => [...r.children].map((c) => getComputedStyle(c).textAlign));
      }, cell);
      // header and first layer row: #, layer, output shape, parameters
      assert.deepEqual(columns, [['right', 'left', 'left', 'right'], ['right', 'left', 'left', 'right']]);
      await page.evaluate((i) => Jupyter.notebook.get_cell(i).element[0].scrollIntoView(), cell);
      await shot(page, '08-summary-aligned');
    });

    await t.test('a ! line, %%markdown and %%html show what IPython shows', async () => {
      const shell = await typeAndRun(page, '!echo "from the shell: $((6 * 7))"');
      assert.match(await outputText(page, shell), /from the shell: 42/);
      const markdown = await typeAndRun(page, '%%markdown\n## A heading\nSome **bold** words');
      const rendered = await page.evaluate((i) => {
        const area = Jupyter.notebook.get_cell(i).output_area.element[0];
        return [area.querySelector('h2')?.innerText ?? '', area.querySelector('strong')?.innerText ?? ''];
      }, markdown);
      assert.match(rendered[0], /^A heading/, JSON.stringify(rendered));
      assert.equal(rendered[1], 'bold');
      const html = await typeAndRun(page, '%%html\n<span class="djinn-red" style="color: rgb(200, 0, 0)">red words</span>');
      const color = await page.evaluate((i) => {
        const span = Jupyter.notebook.get_cell(i).output_area.element[0].querySelector('span.djinn-red');
        return span ? [span.innerText, getComputedStyle(span).color] : null;
      }, html);
      assert.deepEqual(color, ['red words', 'rgb(200, 0, 0)']);
      await page.evaluate((i) => Jupyter.notebook.get_cell(i).element[0].scrollIntoView(), shell);
      await settle();
      await shot(page, '08-shell-markdown-html');
    });

    await t.test('restart gives a fresh kernel that runs cells', async () => {
      await page.click('button[data-jupyter-action="jupyter-notebook:confirm-restart-kernel"]');
      await page.waitForSelector('.modal-footer button.btn-danger', { visible: true });
      await page.click('.modal-footer button.btn-danger');
      await page.waitForFunction(() => !document.querySelector('.modal.in'), { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 500));
      await kernelIdle(page);
      const gone = await typeAndRun(page, 'kept');
      assert.ok(await hasError(page, gone), 'variables are gone after a restart');
      const works = await typeAndRun(page, '"fresh " + (20 + 1)');
      assert.match(await outputText(page, works), /fresh 21/);
      await shot(page, '09-after-restart', true);
    });
    await page.evaluate(() => Jupyter.notebook.kernel.kill());
    await page.close();
  });

test('Restart & Run All of the quickstart tutorial ends without errors, its pictures visible', { timeout: 300_000 }, async () => {
  const page = await browser.newPage();
  recordConsole(page, 'quickstart');
  await page.goto(`${base}/notebooks/01-quickstart.ipynb`, { waitUntil: 'networkidle2' });
  await kernelIdle(page);
  await page.click('#kernellink');
  await page.click('#restart_run_all a');
  await page.waitForSelector('.modal-footer button.btn-danger', { visible: true });
  // the saved notebook already has prompt numbers and outputs: first see the run start, then its end
  await page.click('.modal-footer button.btn-danger');
  await page.waitForFunction(() => Jupyter.notebook.get_cells().some((c) => c.input_prompt_number === '*'), { timeout: 60_000, polling: 50 });
  await page.waitForFunction(() => {
    const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
    return cells.every((c) => typeof c.input_prompt_number === 'number') && document.querySelector('#kernel_indicator_icon.kernel_idle_icon');
  }, { timeout: 240_000, polling: 250 });
  const summary = await page.evaluate(() => {
    const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
    return {
      errors: cells.filter((c) => c.output_area.outputs.some((o) => o.output_type === 'error')).map((c) => c.get_text().slice(0, 60)),
      prompts: cells.map((c) => c.input_prompt_number),
      text: cells.map((c) => c.output_area.element[0].innerText).join('\n'),
    };
  });
  assert.deepEqual(summary.errors, []);
  assert.deepEqual(summary.prompts, summary.prompts.map((_, i) => i + 1), 'every cell ran once, in order, after the restart');
  assert.match(summary.text, /test accuracy 0\.\d+/);
  assert.match(summary.text, /mnist: 3000 train and 1000 test images/, "this run's output (the short version), not the saved one");
  assert.doesNotMatch(summary.text, /Exceed max print size/);
  const sizes = await page.$$eval('.output_area img', (is) => is.map((i) => [i.complete, i.naturalWidth, i.naturalHeight]));
  assert.ok(sizes.length >= 4, `pictures: ${sizes.length}`);
  assert.ok(sizes.every(([done, w, h]) => done && w > 0 && h > 0), JSON.stringify(sizes));
  await shot(page, '10-quickstart-run-all', true);
  await page.evaluate(() => Jupyter.notebook.kernel.kill());
  await page.close();
});
