/**
 * What the network has learnt, redrawn as it trains: predictions next to
 * their targets, and heat maps of the weights `wh` and `wout` (red positive,
 * blue negative, stronger for larger magnitude, from the theme's chart colours).
 */

import type { Matrix } from '../nn/network';
import type { Rows } from '../playground/protocol';
import { formatValue, h } from './dom';

const MAX_LABELLED_CELLS = 8;

export class PredictionsTable {
  readonly element: HTMLElement;
  private readonly body = h('tbody');
  private shape = '';

  constructor() {
    this.element = h(
      'section',
      { class: 'predictions', 'aria-label': 'Predictions versus targets' },
      h('h2', {}, 'Predictions vs targets'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'values' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, '#'),
              h('th', {}, 'x'),
              h('th', {}, 'target y'),
              h('th', {}, 'prediction'),
              h('th', {}, '|error|'),
            ),
          ),
          this.body,
        ),
      ),
    );
  }

  /** `output` is rows × outputs (row-major), or null before the first epoch. */
  show(X: Rows, y: Rows, output: Float64Array | null): void {
    const outputs = y[0].length;
    const shape = `${X.length}×${X[0].length}×${outputs}`;
    if (shape !== this.shape) {
      this.shape = shape;
      this.body.replaceChildren(
        ...X.map((_, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, String(i)),
            h('td'),
            h('td'),
            h('td', { class: 'prediction' }),
            h('td'),
          ),
        ),
      );
    }
    X.forEach((row, i) => {
      const cells = this.body.rows[i].cells;
      const predicted = output ? Array.from(output.subarray(i * outputs, (i + 1) * outputs)) : [];
      const error = predicted.length
        ? Math.max(...predicted.map((p, o) => Math.abs(y[i][o] - p)))
        : Number.NaN;
      cells[1].textContent = vector(row);
      cells[2].textContent = vector(y[i]);
      cells[3].textContent = predicted.length ? vector(predicted, formatValue) : '–';
      cells[4].textContent = predicted.length ? formatValue(error) : '–';
      cells[4].className = error > 0.5 ? 'bad' : error < 0.1 ? 'good' : '';
    });
  }
}

function vector(values: readonly number[], format: (v: number) => string = String): string {
  return values.length === 1 ? format(values[0]) : `[${values.map(format).join(', ')}]`;
}

export class Heatmap {
  readonly element: HTMLElement;
  private readonly grid = h('div', { class: 'heatmap-grid', role: 'img' });
  private readonly caption: HTMLElement;
  private shape = '';

  constructor(
    private readonly name: string,
    description: string,
  ) {
    this.caption = h('figcaption', {}, `${name} · ${description}`);
    this.element = h('figure', { class: 'heatmap' }, this.caption, this.grid);
  }

  show(matrix: Matrix): void {
    const { rows, cols, data } = matrix;
    const shape = `${rows}×${cols}`;
    if (shape !== this.shape) {
      this.shape = shape;
      this.grid.style.gridTemplateColumns = `repeat(${cols}, minmax(1.2em, 3.5em))`;
      this.grid.replaceChildren(
        ...Array.from({ length: rows * cols }, () => h('div', { class: 'heat-cell' })),
      );
      this.grid.setAttribute('aria-label', `${this.name}, ${rows} × ${cols} weights`);
      this.grid.classList.toggle('labelled', cols <= MAX_LABELLED_CELLS && rows <= 4 * MAX_LABELLED_CELLS);
    }
    let scale = 0;
    for (const v of data) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    const labelled = this.grid.classList.contains('labelled');
    const cells = this.grid.children;
    for (let k = 0; k < rows * cols; k++) {
      const v = data[k];
      const cell = cells[k] as HTMLElement;
      const strength = scale > 0 && Number.isFinite(v) ? Math.round((Math.abs(v) / scale) * 85) : 0;
      const colour = v >= 0 ? 'var(--vscode-charts-red)' : 'var(--vscode-charts-blue)';
      cell.style.backgroundColor = `color-mix(in srgb, ${colour} ${strength}%, transparent)`;
      cell.title = `${this.name}[${Math.floor(k / cols)}][${k % cols}] = ${v}`;
      if (labelled) cell.textContent = formatValue(v);
    }
  }
}
