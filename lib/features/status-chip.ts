import { h, render } from 'preact';
import { i18n } from '#i18n';
import { StatusChip } from '../../components/status-chip';
import css from '../../components/status-chip.css?inline';
import { mountShadowUi } from '../dom/shadow-ui';
import { PLATFORM_LABELS } from '../sites/platforms';
import type { PageKind } from '../sites/types';
import { defineFeature } from './types';

const PAGE_LABEL_KEYS = {
  'order-list': 'pageKind.orderList',
  'order-detail': 'pageKind.orderDetail',
  'memo-edit': 'pageKind.memoEdit',
  chat: 'pageKind.chat',
  'chat-history': 'pageKind.chatHistory',
  unknown: 'pageKind.unknown',
} as const satisfies Record<PageKind, string>;

/** Shows, in the top frame only, that Kefu Kit is active and what it recognized. */
export default defineFeature({
  id: 'status-chip',
  include: ({ isTopFrame, settings }) => isTopFrame && settings.showStatusChip,
  async init(fc) {
    const siteLabel = PLATFORM_LABELS[fc.site.platform].zh;
    const pageLabel = i18n.t(PAGE_LABEL_KEYS[fc.pageKind]);
    const ui = await mountShadowUi(fc, {
      name: 'status-chip',
      css,
      render(container) {
        render(h(StatusChip, { siteLabel, pageLabel, onHide: () => ui.remove() }), container);
        return () => render(null, container);
      },
    });
  },
});
