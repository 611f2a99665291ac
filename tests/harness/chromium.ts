import { existsSync } from 'node:fs';

/** Where we look for a Chromium-family browser, in order. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

/** CHROME_PATH, then the usual install locations; a clear message when none is there. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ChromiumNotFoundError(`CHROME_PATH 指向的浏览器不存在：${fromEnv}`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new ChromiumNotFoundError(
    [
      '找不到 Chromium / Chrome（No Chromium or Chrome found).',
      '  Debian/Ubuntu:  sudo apt-get install -y chromium chromium-l10n fonts-noto-cjk',
      '  macOS:          install Google Chrome, or set CHROME_PATH',
      '  任意系统 / any:  CHROME_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
}
