/**
 * `npm run demo`: builds the extension, serves the demo back-office at the platforms' real URLs
 * and opens Chromium with the extension loaded. `--headless` runs a scripted tour instead and
 * writes a screenshot of every page. Options: --headless, --no-build, --out <dir>, --dark.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { launchWithExtension } from '../tests/harness/browser';
import { DEMO_START_URL } from '../tests/harness/demo-router';
import { runTour } from '../tests/harness/tour';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

let headless = flag('--headless');
if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(
    '没有图形界面（DISPLAY 未设置），改为无界面导览并保存截图。No display: running the headless tour.',
  );
  headless = true;
}

if (!flag('--no-build')) {
  console.log('构建扩展 Building the extension…');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const browser = await launchWithExtension({ headless, colorScheme: flag('--dark') ? 'dark' : 'light' });
console.log(`扩展已加载 Extension loaded: ${browser.extensionId}`);

if (headless) {
  const outDir = resolve(option('--out') ?? 'demo-screenshots');
  console.log('导览 Tour:');
  const shots = await runTour(browser, outDir);
  await browser.close();
  console.log(`\n${shots.length} 张截图已保存到 Screenshots saved in: ${outDir}`);
} else {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(DEMO_START_URL);
  console.log(
    `演示后台已打开 Demo back-office open at ${DEMO_START_URL} — 关闭浏览器即结束 (close the browser to stop).`,
  );
  await new Promise<void>((done) => browser.context.on('close', () => done()));
}
