import { i18n } from '#i18n';

export interface ResponseTimerProps {
  /** Seconds the buyer has waited. */
  seconds: number;
  targetSeconds: number;
  /** Fixed position: left edge and top, in viewport px. */
  right: number;
  top: number;
  platform: string;
}

export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return i18n.t('responseTimer.seconds', [String(s)]);
  return i18n.t('responseTimer.minutes', [String(Math.floor(s / 60)), String(s % 60).padStart(2, '0')]);
}

/** How long the buyer's oldest unanswered message has waited; red past the shop's target. */
export function ResponseTimer({ seconds, targetSeconds, right, top, platform }: ResponseTimerProps) {
  const late = seconds >= targetSeconds;
  return (
    <div
      class={late ? 'timer late' : 'timer'}
      data-testid="response-timer"
      data-late={late ? 'true' : 'false'}
      data-seconds={Math.floor(seconds)}
      data-platform={platform}
      role="timer"
      title={i18n.t('responseTimer.waitingTitle', [String(Math.floor(seconds)), String(targetSeconds)])}
      style={{ right: `${Math.round(right)}px`, top: `${Math.round(top)}px` }}
    >
      <span class="clock" aria-hidden="true" />
      {i18n.t('responseTimer.waiting', [formatWait(seconds)])}
    </div>
  );
}
