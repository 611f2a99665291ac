import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Tree-shaken: only what the report draws (bars and doughnuts).
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  DoughnutController,
  ArcElement,
  Tooltip,
  Legend,
);

/** The page palette (page.css variables), read when a chart is drawn, so dark mode follows. */
export function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--kefu-fg', '#1f2329'),
    muted: v('--kefu-muted', '#646a73'),
    border: v('--kefu-border', '#dee0e3'),
    accent: v('--kefu-accent', '#1664ff'),
    ok: v('--kefu-ok', '#1a7f37'),
    warn: v('--kefu-warn', '#b45309'),
    bad: v('--kefu-bad', '#c62828'),
    bg: v('--kefu-bg', '#ffffff'),
  };
}

/** A Chart.js canvas; the chart is rebuilt when `config` changes and destroyed on unmount. */
export function ChartCanvas({
  config,
  label,
  height = 220,
  testId,
}: {
  config: ChartConfiguration;
  label: string;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const p = palette();
    Chart.defaults.color = p.muted;
    Chart.defaults.borderColor = p.border;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const chart = new Chart(ref.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div class="reg-chart" style={{ height: `${height}px` }}>
      <canvas ref={ref} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
