/**
 * The return deadline as a live countdown: `还剩 2 天 08:12:45`, `还剩 05:03:09`,
 * `已超过 1 天 3 小时`. Pure text from a remaining time in ms (negative once passed).
 */
const pad = (n: number): string => String(n).padStart(2, '0');

export interface Countdown {
  text: string;
  passed: boolean;
  /** Less than a day left: the UI turns it amber. */
  urgent: boolean;
}

export function formatCountdown(remainingMs: number): Countdown {
  if (remainingMs <= 0) {
    const over = Math.floor(-remainingMs / 1000);
    const days = Math.floor(over / 86_400);
    const hours = Math.floor((over % 86_400) / 3600);
    const minutes = Math.floor((over % 3600) / 60);
    const text =
      days > 0
        ? `已超过 ${days} 天${hours ? ` ${hours} 小时` : ''}`
        : hours > 0
          ? `已超过 ${hours} 小时`
          : `已超过 ${Math.max(minutes, 0)} 分钟`;
    return { text, passed: true, urgent: false };
  }
  const left = Math.floor(remainingMs / 1000);
  const days = Math.floor(left / 86_400);
  const clock = `${pad(Math.floor((left % 86_400) / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`;
  return { text: days > 0 ? `还剩 ${days} 天 ${clock}` : `还剩 ${clock}`, passed: false, urgent: days === 0 };
}
