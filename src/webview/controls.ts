/**
 * The hyperparameter controls: learning rate (log-scale slider and an exact
 * input), epochs, hidden neurons (slider and input), seed. Each change is
 * checked with the shared validators before it is reported; `commit` marks
 * the end of a gesture (slider released, input left or Enter), which is when
 * the value is written back to the file.
 */

import { BOUNDS, type ParamEdit, type RunConfig } from '../playground/protocol';
import { validateEdit } from '../playground/validate';
import { h } from './dom';

export interface ControlEvents {
  change(edit: ParamEdit, commit: boolean): void;
  /** A value was refused (not a number, lr <= 0 …) or clamped: say why. */
  problem(message: string, level: 'warning' | 'error'): void;
}

const LR_SLIDER = { min: -4, max: Math.log10(BOUNDS.lrMax), step: 0.01 };

/** Slider position → a learning rate with two significant digits. */
export function lrFromSlider(position: number): number {
  return Number((10 ** position).toPrecision(2));
}

export class Controls {
  readonly element: HTMLElement;
  private readonly lrSlider = h('input', {
    type: 'range',
    id: 'lr-slider',
    'aria-label': 'learning rate (log scale)',
    ...LR_SLIDER,
  });
  private readonly lrInput = h('input', {
    type: 'number',
    id: 'lr',
    step: 'any',
    min: 0,
    max: BOUNDS.lrMax,
    'aria-label': 'learning rate',
  });
  private readonly epochsInput = h('input', {
    type: 'number',
    id: 'epochs',
    step: 1,
    min: BOUNDS.epochsMin,
    max: BOUNDS.epochsMax,
  });
  private readonly hiddenSlider = h('input', {
    type: 'range',
    id: 'hidden-slider',
    'aria-label': 'hidden neurons',
    min: BOUNDS.hiddenMin,
    max: BOUNDS.hiddenMax,
    step: 1,
  });
  private readonly hiddenInput = h('input', {
    type: 'number',
    id: 'hidden',
    step: 1,
    min: BOUNDS.hiddenMin,
    max: BOUNDS.hiddenMax,
  });
  private readonly seedInput = h('input', {
    type: 'text',
    id: 'seed',
    placeholder: 'None',
    inputmode: 'numeric',
    spellcheck: 'false',
  });

  constructor(private readonly events: ControlEvents) {
    this.element = h(
      'section',
      { class: 'controls', 'aria-label': 'Hyperparameters' },
      row('lr', 'Learning rate', 'lr in (0, 100]; the slider is logarithmic', this.lrSlider, this.lrInput),
      row('epochs', 'Epochs', `1 – ${BOUNDS.epochsMax.toLocaleString('en-US')}`, this.epochsInput),
      row(
        'hidden',
        'Hidden neurons',
        `${BOUNDS.hiddenMin} – ${BOUNDS.hiddenMax}`,
        this.hiddenSlider,
        this.hiddenInput,
      ),
      row('seed', 'Seed', 'empty: None (the generator where train(...) runs)', this.seedInput),
    );
    this.lrSlider.addEventListener('input', () =>
      this.slid('lr', lrFromSlider(Number(this.lrSlider.value)), false),
    );
    this.lrSlider.addEventListener('change', () =>
      this.slid('lr', lrFromSlider(Number(this.lrSlider.value)), true),
    );
    this.hiddenSlider.addEventListener('input', () =>
      this.slid('hidden', Number(this.hiddenSlider.value), false),
    );
    this.hiddenSlider.addEventListener('change', () =>
      this.slid('hidden', Number(this.hiddenSlider.value), true),
    );
    for (const [input, param] of [
      [this.lrInput, 'lr'],
      [this.epochsInput, 'epochs'],
      [this.hiddenInput, 'hidden'],
      [this.seedInput, 'seed'],
    ] as const) {
      input.addEventListener('input', () => this.typed(input, param, false));
      input.addEventListener('change', () => this.typed(input, param, true));
    }
  }

  /** Shows a configuration without reporting changes. */
  show(config: RunConfig): void {
    const active = document.activeElement;
    const set = (input: HTMLInputElement, value: string) => {
      if (input !== active || !input.classList.contains('invalid')) input.value = value;
      if (input !== active) markValid(input);
    };
    set(this.lrInput, String(config.lr));
    this.lrSlider.value = String(Math.log10(config.lr));
    set(this.epochsInput, String(config.epochs));
    set(this.hiddenInput, String(config.hidden));
    this.hiddenSlider.value = String(config.hidden);
    set(this.seedInput, config.seed === null ? '' : String(config.seed));
  }

  private slid(param: 'lr' | 'hidden', value: number, commit: boolean): void {
    if (param === 'lr') {
      this.lrInput.value = String(value);
      markValid(this.lrInput);
    } else {
      this.hiddenInput.value = String(value);
      markValid(this.hiddenInput);
    }
    this.events.change({ param, value }, commit);
  }

  private typed(input: HTMLInputElement, param: 'lr' | 'epochs' | 'hidden' | 'seed', commit: boolean): void {
    const text = input.value.trim();
    const raw =
      param === 'seed' && (text === '' || text === 'None') ? null : text === '' ? Number.NaN : Number(text);
    const checked = validateEdit({ param, value: raw });
    if (!checked.ok) {
      markInvalid(input, checked.error);
      if (commit) this.events.problem(checked.error, 'error');
      return;
    }
    markValid(input);
    const edit = checked.value;
    if (commit && checked.notes.length > 0) {
      // Clamped: show the value that is used.
      input.value = String(edit.value);
      this.events.problem(checked.notes.join('; '), 'warning');
    }
    if (edit.param === 'lr') this.lrSlider.value = String(Math.log10(edit.value));
    if (edit.param === 'hidden') this.hiddenSlider.value = String(edit.value);
    // While typing, an out-of-range number waits for the commit (it may be half typed).
    if (!commit && checked.notes.length > 0) return;
    this.events.change(edit, commit);
  }
}

function row(id: string, label: string, hint: string, ...inputs: HTMLInputElement[]): HTMLElement {
  return h(
    'div',
    { class: 'control' },
    h('label', { for: id }, label),
    h('div', { class: 'control-inputs' }, ...inputs),
    h('div', { class: 'hint' }, hint),
  );
}

function markInvalid(input: HTMLInputElement, message: string): void {
  input.classList.add('invalid');
  input.setAttribute('aria-invalid', 'true');
  input.title = message;
}

function markValid(input: HTMLInputElement): void {
  input.classList.remove('invalid');
  input.removeAttribute('aria-invalid');
  input.removeAttribute('title');
}
