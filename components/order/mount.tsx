import { h, render } from 'preact';
import { i18n } from '#i18n';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowUi, remountWhenDropped } from '../../lib/dom/shadow-ui';
import type { FeatureContext } from '../../lib/features/types';
import { fillRemark } from '../../lib/orders/dom/fill';
import { savePendingRemark } from '../../lib/orders/pending';
import { teamSettings } from '../../lib/packs/team-cache';
import { flagLabel } from '../../lib/remarks';
import { getSettings, updateSettings } from '../../lib/settings/store';
import type { OrderOnPage, OrdersAdapter } from '../../lib/sites/types';
import { Composer, type ComposerInitial, type FillRequestFromComposer } from './composer';
import composerCss from './composer.css?inline';
import controlsCss from './controls.css?inline';
import { RemarkButton } from './remark-button';
import buttonCss from './remark-button.css?inline';
import { ReturnPanel, type ReturnUse } from './return-panel';
import panelCss from './return-panel.css?inline';
import { Toast, type ToastTone } from './toast';
import toastCss from './toast.css?inline';

/**
 * Mounting the order helper's UI on a seller page: the per-order button, the composer dialog,
 * the inline return panel and a short toast. Each lives in its own open shadow root.
 */

/** Which back-office look the button takes (Qianniu's blue workbench differs from Taobao's orange pages). */
export function skinFor(fc: FeatureContext): string {
  if (fc.site.id === 'taobao' && fc.url.hostname !== 'trade.taobao.com') return 'qianniu';
  return fc.site.id;
}

/** The order helper needs the site's order adapter; features check this in `include`. */
export function ordersOf(fc: FeatureContext): OrdersAdapter {
  const orders = fc.site.orders;
  if (!orders) throw new Error(`${fc.site.id} has no order adapter`);
  return orders;
}

export async function mountRemarkButton(fc: FeatureContext, row: Element): Promise<void> {
  const anchor = ordersOf(fc).buttonAnchor(row);
  if (!anchor) return;
  const skin = skinFor(fc);
  const ui = await mountShadowUi(fc, {
    name: 'remark-button',
    css: buttonCss,
    anchor,
    append: 'last',
    render(container) {
      render(
        h(RemarkButton, { skin, onOpen: (button) => void openComposer(fc, row, { returnFocus: button }) }),
        container,
      );
      return () => render(null, container);
    },
  });
  remountWhenDropped(fc, row, ui, () => mountRemarkButton(fc, row));
}

export interface OpenComposerOptions {
  initial?: ComposerInitial;
  /** Where focus goes back when the composer closes. */
  returnFocus?: HTMLElement;
  /** Called after a successful fill (the memo page clears the waiting remark). */
  onFilled?: () => void;
}

let current: { close(): void } | undefined;
const watchedContexts = new WeakSet<ContentScriptContext>();

/** A navigation inside the SPA closes the composer: its row belongs to the old page. */
function closeOnNavigation(ctx: ContentScriptContext): void {
  if (watchedContexts.has(ctx)) return;
  watchedContexts.add(ctx);
  ctx.addEventListener(window, 'wxt:locationchange', () => current?.close());
}

/**
 * Opens the composer for the order in `row` (read again now: the page may have changed since the
 * button was mounted). One composer at a time. Its lifetime is not the feature run's: saving the
 * agent's name re-runs the features, and the agent must not lose what they typed.
 */
export async function openComposer(fc: FeatureContext, row: Element, options: OpenComposerOptions = {}) {
  const orders = ordersOf(fc);
  const order = orders.readOrder(row, document);
  if (!order) {
    void showToast(fc, i18n.t('orderHelper.orderUnreadable'), 'bad');
    return;
  }
  current?.close();
  closeOnNavigation(fc.ctx);
  const [settings, team] = await Promise.all([getSettings(), teamSettings()]);
  const controller = new AbortController();
  const own: FeatureContext = { ...fc, signal: controller.signal };
  const target = orders.remarkOpensPage?.(row) ? 'page' : 'field';

  let returnFocus = options.returnFocus;
  const close = () => {
    if (controller.signal.aborted) return;
    controller.abort();
    if (current === handle) current = undefined;
    if (returnFocus?.isConnected) returnFocus.focus();
  };
  const handle = { close };
  current = handle;

  const onFill = async (req: FillRequestFromComposer): Promise<string | undefined> => {
    if (target === 'page') {
      await savePendingRemark({
        orderId: order.orderId,
        platform: fc.site.platform,
        content: req.content,
        flag: req.flag,
        createdAt: Date.now(),
      });
      orders.openRemarkDialog?.(row, document);
      close();
      void showToast(fc, i18n.t('orderHelper.pendingSaved'), 'ok');
      return undefined;
    }
    const outcome = await fillRemark({
      doc: document,
      orders,
      platform: fc.site.platform,
      row,
      addition: req.addition,
      flagCode: req.flagCode,
      allowDuplicate: req.allowDuplicate,
      signal: controller.signal,
    });
    if (!outcome.ok) return outcome.message;
    options.onFilled?.();
    // Focus stays in the site's field (fillRemark put it there), not on our button.
    returnFocus = undefined;
    close();
    const flagPart =
      req.flag && outcome.flagSelected
        ? i18n.t('orderHelper.filledFlag', [flagLabel(req.flag, team.legend.value)])
        : '';
    const undo = outcome.method === 'setter' ? i18n.t('orderHelper.filledNoUndo') : '';
    void showToast(fc, i18n.t('orderHelper.filled', [flagPart]) + undo, 'ok');
    return undefined;
  };

  await mountShadowUi(own, {
    name: 'order-composer',
    css: `${controlsCss}\n${composerCss}\n${panelCss}`,
    render(container) {
      render(
        h(Composer, {
          platform: fc.site.platform,
          order,
          agentName: settings.agentName,
          team,
          target,
          initial: options.initial,
          onSaveAgent: async (name) => (await updateSettings({ agentName: name })).agentName,
          onFill,
          onClose: close,
        }),
        container,
      );
      return () => render(null, container);
    },
  });
}

/** The inline return panel on an order detail page, at the top of the order. */
export async function mountReturnPanel(fc: FeatureContext, row: Element, order: OrderOnPage): Promise<void> {
  const team = await teamSettings();
  const onUse = (use: ReturnUse) =>
    void openComposer(fc, row, {
      initial: {
        content: { kind: 'free', text: use.remarkContent },
        returnCheck: use.check,
        returnAnswers: use.answers,
        notice: i18n.t('orderHelper.returnUsed'),
      },
    });
  const ui = await mountShadowUi(fc, {
    name: 'return-check',
    css: `${controlsCss}\n${panelCss}`,
    anchor: row,
    append: 'first',
    render(container) {
      render(
        h(ReturnPanel, {
          platform: fc.site.platform,
          order,
          team,
          layout: 'inline',
          onUse,
        }),
        container,
      );
      return () => render(null, container);
    },
  });
  remountWhenDropped(fc, row, ui, () => mountReturnPanel(fc, row, order));
}

/** A short message at the top of the page; it never covers the site's dialog buttons. */
export async function showToast(fc: FeatureContext, text: string, tone: ToastTone): Promise<void> {
  const controller = new AbortController();
  const own: FeatureContext = { ...fc, signal: controller.signal };
  const timer = setTimeout(() => controller.abort(), 7000);
  await mountShadowUi(own, {
    name: 'order-toast',
    css: toastCss,
    render(container) {
      render(
        h(Toast, {
          text,
          tone,
          onClose: () => {
            clearTimeout(timer);
            controller.abort();
          },
        }),
        container,
      );
      return () => render(null, container);
    },
  });
}
