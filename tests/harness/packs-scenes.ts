import type { Page } from 'playwright-core';
import { samplePack } from '../unit/packs/fixtures';

/**
 * Tour scenes for team phrase packs (used by tour.ts): the review shown before a pack file is
 * installed, the packs section with it installed, the publish section and the spreadsheet
 * section. Each scene is best effort: a failure is logged and the tour goes on.
 */
type Shoot = (id: string, title: string, target?: Page) => Promise<void>;

export async function packsScenes(
  page: Page,
  extensionId: string,
  shoot: Shoot,
  log: (line: string) => void = console.log,
): Promise<void> {
  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`chrome-extension://${extensionId}/options.html#${hash}`);
    await page.locator('.options-main h2').first().waitFor({ timeout: 10_000 });
  };
  try {
    await open('packs');
    await page.locator('[data-testid="pack-import-input"]').setInputFiles({
      name: 'mianmian-after-sales.kefu-pack.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(samplePack())),
    });
    await page.locator('[data-testid="pack-preview"]').waitFor({ timeout: 10_000 });
    await shoot('options-packs-preview', '短语包：安装前预览 Pack preview', page);
    await page.locator('[data-testid="pack-apply"]').click();
    await page.locator('[data-testid="pack-card"]').first().waitFor({ timeout: 10_000 });
    await shoot('options-packs', '短语包 Packs', page);
    await open('publish');
    await shoot('options-publish', '发布短语包 Publish', page);
    await open('sheet');
    await shoot('options-sheet', '表格导入导出 Spreadsheets', page);
  } catch (error) {
    log(`  ✗ 短语包: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
