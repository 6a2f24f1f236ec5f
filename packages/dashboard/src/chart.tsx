/**
 * A line chart (uPlot, chosen by measurement: 23 KB gzip against Chart.js's 70 KB) that is also a
 * table. Series differ by dash pattern and point shape as well as colour, the legend names them
 * in words, and the plot takes the keyboard: arrow keys move from week to week and the values of
 * that week are read out (aria-live).
 */
import uPlot from 'uplot';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

// Colours that stay apart for the common colour-vision deficiencies (Okabe & Ito), each with its own dash.
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const dashes: number[][] = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4], [1, 6], [16, 6]];
const dashWords = ['solid line', 'dashed line', 'dotted line', 'dash-dot line', 'short dashes', 'sparse dots', 'long dashes'];

export function LineChart({
  id,
  title,
  xLabel,
  xValues,
  series,
  format,
}: {
  id: string;
  title: string;
  xLabel: string;
  xValues: string[];
  series: ChartSeries[];
  /** How a value reads in words and in the table ("3 h 20 min"). */
  format: (value: number | null) => string;
}) {
  const plotElement = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);

  useEffect(() => {
    const element = plotElement.current;
    if (!element || xValues.length === 0) return;
    const ink = getComputedStyle(document.documentElement).getPropertyValue('--text').trim() || '#242424';
    const options: uPlot.Options = {
      width: Math.max(320, Math.min(element.clientWidth || 800, 1100)),
      height: 260,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [
        { stroke: ink, values: (_u, splits) => splits.map((split) => xValues[Math.round(split)] ?? ''), grid: { show: false } },
        { stroke: ink, values: (_u, splits) => splits.map((split) => format(split)), size: 80 },
      ],
      series: [
        { label: xLabel },
        ...series.map((line, index) => ({
          label: line.label,
          stroke: palette[index % palette.length],
          dash: dashes[index % dashes.length]!,
          width: 2,
          points: { show: true, size: 6 + (index % 3) * 2 },
        })),
      ],
      hooks: { setCursor: [(u) => setCursor(u.cursor.idx ?? null)] },
    };
    const data: uPlot.AlignedData = [xValues.map((_label, index) => index), ...series.map((line) => line.values)];
    plot.current = new uPlot(options, data, element);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, [xValues.join('|'), JSON.stringify(series)]);

  const move = (event: KeyboardEvent) => {
    const u = plot.current;
    if (!u || xValues.length === 0) return;
    const last = xValues.length - 1;
    const steps: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    let index = cursor ?? -1;
    if (event.key in steps) index = Math.min(last, Math.max(0, index + steps[event.key]!));
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = last;
    else return;
    event.preventDefault();
    u.setCursor({ left: u.valToPos(index, 'x'), top: u.bbox.height / devicePixelRatio / 2 });
    setCursor(index);
  };

  const tableId = `${id}-table`;
  const readout =
    cursor !== null && xValues[cursor] !== undefined
      ? `${xLabel} ${xValues[cursor]}: ${series.map((line) => `${line.label} ${format(line.values[cursor] ?? null)}`).join('; ')}`
      : '';
  return (
    <figure class="chart" id={id}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      <ul class="chart-legend" aria-label="Lines">
        {series.map((line, index) => (
          <li>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="28" y2="5" stroke={palette[index % palette.length]} stroke-width="2" stroke-dasharray={dashes[index % dashes.length]!.join(' ')} />
            </svg>{' '}
            {line.label} <span class="sr-only">({dashWords[index % dashWords.length]})</span>
          </li>
        ))}
      </ul>
      <div
        class="plot"
        ref={plotElement}
        tabIndex={0}
        role="img"
        aria-label={`${title}. Use the left and right arrow keys to read each ${xLabel.toLowerCase()}; the same figures are in the table below.`}
        aria-describedby={tableId}
        onKeyDown={move}
      />
      <p class="readout" aria-live="polite">
        {readout}
      </p>
      <table id={tableId}>
        <caption>{title} (table)</caption>
        <thead>
          <tr>
            <th scope="col">{xLabel}</th>
            {series.map((line) => (
              <th scope="col" class="number">
                {line.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xValues.map((label, index) => (
            <tr>
              <th scope="row">{label}</th>
              {series.map((line) => (
                <td class="number">{format(line.values[index] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
