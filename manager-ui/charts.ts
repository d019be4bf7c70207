/** The live-hall charts with chart.js: arrivals/served per hour vs the same weekday, and waiting over the day. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { LiveCharts } from '../server/protocol/manager-model';
import { t } from './i18n';
import { clockTime } from './dom';
import { shownHours } from './chart-hours';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const charts = new Map<HTMLCanvasElement, Chart>();

export function drawCharts(hourly: HTMLCanvasElement, waiting: HTMLCanvasElement, data: LiveCharts): void {
  for (const c of [hourly, waiting]) charts.get(c)?.destroy();
  const open = shownHours(data.hours, [data.arrivals, data.served, data.usualArrivals, data.usualServed]);
  // Counts of people: whole numbers from zero (an empty day drew an axis from -1 to 1).
  const counts = { y: { beginAtZero: true, ticks: { precision: 0 } } };
  charts.set(
    hourly,
    new Chart(hourly, {
      type: 'bar',
      data: {
        labels: open.map((h) => `${h}:00`),
        datasets: [
          { type: 'bar', label: t('arrivalsToday'), data: open.map((h) => data.arrivals[h] ?? 0), backgroundColor: '#2e90fa' },
          { type: 'bar', label: t('servedToday'), data: open.map((h) => data.served[h] ?? 0), backgroundColor: '#12b76a' },
          { type: 'line', label: t('arrivalsUsual'), data: open.map((h) => data.usualArrivals[h] ?? 0), borderColor: '#175cd3', borderDash: [4, 4] },
          { type: 'line', label: t('servedUsual'), data: open.map((h) => data.usualServed[h] ?? 0), borderColor: '#027a48', borderDash: [4, 4] },
        ],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: counts },
    }),
  );
  charts.set(
    waiting,
    new Chart(waiting, {
      type: 'line',
      data: {
        labels: data.waiting.map((p) => clockTime(p.at)),
        datasets: [{ label: t('waiting'), data: data.waiting.map((p) => p.count), borderColor: '#f79009', fill: false }],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: counts },
    }),
  );
}
