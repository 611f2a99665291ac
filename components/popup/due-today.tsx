import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import type { Followup } from '../../lib/registers/schema';
import { dayStart, shanghaiDateTime, shanghaiDayNumber } from '../../lib/registers/time';

/**
 * 今天要跟进: open follow-ups due by the end of today (Asia/Shanghai), with done / +1 h.
 * Small and self-contained so the popup's owner can mount it anywhere; renders nothing when
 * nothing is due.
 */
export function DueToday() {
  const [items, setItems] = useState<Followup[]>([]);
  const load = async () => {
    const endOfToday = dayStart(shanghaiDayNumber(Date.now()) + 1) - 1;
    try {
      const { followups } = await sendMessage('followups:list', { until: endOfToday });
      setItems(followups.filter((f) => f.status === 'open'));
    } catch {
      setItems([]);
    }
  };
  useEffect(() => void load(), []);
  if (items.length === 0) return null;
  const act = async (id: string, done: boolean) => {
    await sendMessage(
      'followups:update',
      done ? { id, done: true } : { id, snoozeUntil: Date.now() + 3600_000 },
    );
    await load();
  };
  return (
    <section
      data-testid="due-today"
      style={{ borderTop: '1px solid var(--kefu-border)', padding: '8px 12px' }}
    >
      <div style={{ fontSize: '12px', color: 'var(--kefu-muted)', marginBottom: '4px' }}>
        {i18n.t('registers.dueToday')} · {items.length}
      </div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '4px' }}>
        {items.map((f) => (
          <li key={f.id} style={{ display: 'flex', gap: '8px', alignItems: 'center' }}>
            <span
              style={{
                flex: '1 1 auto',
                minWidth: 0,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
            >
              <strong>{f.title}</strong> {[f.buyerNick, f.orderId].filter(Boolean).join(' · ')}
            </span>
            <span
              style={{
                fontSize: '12px',
                color: f.dueAt <= Date.now() ? 'var(--kefu-bad)' : 'var(--kefu-muted)',
              }}
            >
              {shanghaiDateTime(f.dueAt).slice(11)}
            </span>
            <button type="button" onClick={() => void act(f.id, true)}>
              {i18n.t('registers.done')}
            </button>
            <button type="button" onClick={() => void act(f.id, false)}>
              {i18n.t('registers.snooze')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
