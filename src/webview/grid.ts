/**
 * The data grid: X (inputs) and y (targets) side by side, one row per
 * example, every cell editable, with buttons to add or remove examples,
 * inputs and outputs (kept within the shared bounds).
 */

import { BOUNDS, type Rows } from '../playground/protocol';
import { h } from './dom';

export interface GridEvents {
  /** New data; `changed` says which of X and y differ; `commit` ends the gesture (write to the file). */
  dataChange(X: Rows, y: Rows, changed: readonly ('X' | 'y')[], commit: boolean): void;
  problem(message: string, level: 'warning' | 'error'): void;
}

type Resize = 'addRow' | 'removeRow' | 'addInput' | 'removeInput' | 'addOutput' | 'removeOutput';

export class DataGrid {
  readonly element: HTMLElement;
  private readonly table = h('table', { class: 'grid', 'aria-label': 'Training data: X and y' });
  private X: number[][] = [];
  private y: number[][] = [];

  constructor(private readonly events: GridEvents) {
    const button = (action: Resize, label: string, title: string) => {
      const b = h(
        'button',
        { type: 'button', class: 'secondary small', title, 'data-resize': action },
        label,
      );
      b.addEventListener('click', () => this.resize(action));
      return b;
    };
    this.element = h(
      'section',
      { class: 'data', 'aria-label': 'Data' },
      h('h2', {}, 'Data'),
      h(
        'div',
        { class: 'grid-buttons' },
        button('addRow', '+ row', 'Add an example'),
        button('removeRow', '− row', 'Remove the last example'),
        button('addInput', '+ input', 'Add a column to X'),
        button('removeInput', '− input', 'Remove the last column of X'),
        button('addOutput', '+ output', 'Add a column to y'),
        button('removeOutput', '− output', 'Remove the last column of y'),
      ),
      h('div', { class: 'grid-scroll' }, this.table),
    );
    this.table.addEventListener('input', (e) => this.edited(e.target, false));
    this.table.addEventListener('change', (e) => this.edited(e.target, true));
  }

  /** Shows data (rebuilding the cells only when the shape changed). */
  show(X: Rows, y: Rows): void {
    const reshaped =
      X.length !== this.X.length || X[0]?.length !== this.X[0]?.length || y[0]?.length !== this.y[0]?.length;
    this.X = X.map((r) => [...r]);
    this.y = y.map((r) => [...r]);
    if (reshaped) this.build();
    else this.fill();
  }

  private build(): void {
    const inputs = this.X[0]?.length ?? 0;
    const outputs = this.y[0]?.length ?? 0;
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, '#'),
      ...Array.from({ length: inputs }, (_, j) => h('th', { scope: 'col', class: 'x' }, `x${j}`)),
      ...Array.from({ length: outputs }, (_, j) => h('th', { scope: 'col', class: 'y' }, `y${j}`)),
    );
    const body = this.X.map((row, i) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, String(i)),
        ...row.map((_, j) => h('td', { class: 'x' }, cell('X', i, j))),
        ...this.y[i].map((_, j) => h('td', { class: 'y' }, cell('y', i, j))),
      ),
    );
    this.table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...body));
    this.fill();
  }

  private fill(): void {
    for (const input of this.table.querySelectorAll<HTMLInputElement>('input')) {
      if (input === document.activeElement && input.classList.contains('invalid')) continue;
      const { matrix, i, j } = position(input);
      input.value = String((matrix === 'X' ? this.X : this.y)[i][j]);
      input.classList.remove('invalid');
    }
  }

  private edited(target: EventTarget | null, commit: boolean): void {
    if (!(target instanceof HTMLInputElement)) return;
    const { matrix, i, j } = position(target);
    const text = target.value.trim();
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) {
      target.classList.add('invalid');
      target.title = `${matrix}[${i}][${j}] must be a finite number`;
      if (commit)
        this.events.problem(`${matrix}[${i}][${j}] must be a finite number, got "${text}"`, 'error');
      return;
    }
    target.classList.remove('invalid');
    target.removeAttribute('title');
    (matrix === 'X' ? this.X : this.y)[i][j] = value;
    this.events.dataChange(this.X, this.y, [matrix], commit);
  }

  private resize(action: Resize): void {
    const rows = this.X.length;
    const inputs = this.X[0].length;
    const outputs = this.y[0].length;
    const refuse = (message: string): void => {
      this.events.problem(message, 'warning');
    };
    let changed: ('X' | 'y')[] = [];
    switch (action) {
      case 'addRow':
        if (rows >= BOUNDS.rowsMax) {
          refuse(`The playground takes at most ${BOUNDS.rowsMax} examples.`);
          return;
        }
        this.X.push(new Array(inputs).fill(0));
        this.y.push(new Array(outputs).fill(0));
        changed = ['X', 'y'];
        break;
      case 'removeRow':
        if (rows <= 1) {
          refuse('The network needs at least one example.');
          return;
        }
        this.X.pop();
        this.y.pop();
        changed = ['X', 'y'];
        break;
      case 'addInput':
      case 'addOutput': {
        const target = action === 'addInput' ? this.X : this.y;
        if (target[0].length >= BOUNDS.colsMax) {
          refuse(`At most ${BOUNDS.colsMax} columns.`);
          return;
        }
        for (const row of target) row.push(0);
        changed = [action === 'addInput' ? 'X' : 'y'];
        break;
      }
      case 'removeInput':
      case 'removeOutput': {
        const target = action === 'removeInput' ? this.X : this.y;
        if (target[0].length <= 1) {
          refuse('X and y need at least one column each.');
          return;
        }
        for (const row of target) row.pop();
        changed = [action === 'removeInput' ? 'X' : 'y'];
        break;
      }
    }
    this.build();
    this.events.dataChange(this.X, this.y, changed, true);
  }
}

function cell(matrix: 'X' | 'y', i: number, j: number): HTMLInputElement {
  return h('input', {
    type: 'text',
    inputmode: 'decimal',
    spellcheck: 'false',
    'data-matrix': matrix,
    'data-row': i,
    'data-col': j,
    'aria-label': `${matrix}[${i}][${j}]`,
  });
}

function position(input: HTMLInputElement): { matrix: 'X' | 'y'; i: number; j: number } {
  return {
    matrix: input.dataset.matrix === 'y' ? 'y' : 'X',
    i: Number(input.dataset.row),
    j: Number(input.dataset.col),
  };
}
