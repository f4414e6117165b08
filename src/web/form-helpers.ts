import type { FormState } from './form-state';
import { attrs, escapeHtml } from './html';
import type { Translate } from './i18n/i18n';

export const SUMMARY_MARK = '<!--form-summary-->';

export interface FieldOptions {
  type?: string;
  required?: boolean;
  hint?: string;
  /** Overrides the kept value (e.g. a password field is never refilled). */
  value?: string;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  maxlength?: number;
  autocomplete?: string;
  inputmode?: string;
  rows?: number;
  placeholder?: string;
  accept?: string;
  /** The posted name when it differs from the key of the kept value and errors (several forms, one field). */
  postName?: string;
  /** Shown as the field's label to screen readers only (e.g. inside a table row). */
  hiddenLabel?: boolean;
}

/** Ids are derived from field names; dots and brackets are not valid in CSS selectors. */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * Renders labelled form fields with the kept value and the server's reasons next to them
 * (aria-invalid + aria-describedby), and collects labels for the error summary at the top.
 */
export class FormHelpers {
  private readonly labels = new Map<string, string>();

  constructor(
    private readonly state: FormState,
    private readonly t: Translate,
  ) {}

  value(name: string): string {
    const v = this.state.values[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  }

  values(name: string): string[] {
    const v = this.state.values[name];
    return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
  }

  hasError(name: string): boolean {
    return (this.state.errors[name]?.length ?? 0) > 0;
  }

  /** The reasons for `name` (and for its sub-fields when `prefix` is true). */
  errorsOf(name: string, prefix = false): string[] {
    return Object.entries(this.state.errors)
      .filter(([field]) => field === name || (prefix && field.startsWith(`${name}.`)))
      .flatMap(([, messages]) => messages);
  }

  errorText(name: string, prefix = false): string {
    const messages = this.errorsOf(name, prefix);
    if (messages.length === 0) return '';
    return `<small class="field-error" id="${fieldId(name)}-error" role="alert">${escapeHtml(messages.join('; '))}</small>`;
  }

  private describedBy(name: string, hint?: string): string | undefined {
    const ids = [
      hint ? `${fieldId(name)}-hint` : null,
      this.hasError(name) ? `${fieldId(name)}-error` : null,
    ];
    const joined = ids.filter(Boolean).join(' ');
    return joined || undefined;
  }

  private hint(name: string, hint?: string): string {
    return hint ? `<small id="${fieldId(name)}-hint">${escapeHtml(hint)}</small>` : '';
  }

  private label(name: string, label: string, o: FieldOptions): string {
    this.labels.set(name, label);
    return `<label for="${fieldId(name)}"${o.hiddenLabel ? ' class="visually-hidden"' : ''}>${escapeHtml(label)}</label>`;
  }

  input(name: string, label: string, o: FieldOptions = {}): string {
    const input = `<input${attrs({
      id: fieldId(name),
      name: o.postName ?? name,
      type: o.type ?? 'text',
      value: o.value ?? this.value(name),
      required: o.required,
      min: o.min,
      max: o.max,
      step: o.step,
      maxlength: o.maxlength,
      autocomplete: o.autocomplete,
      inputmode: o.inputmode,
      placeholder: o.placeholder,
      accept: o.accept,
      'aria-invalid': this.hasError(name) ? 'true' : undefined,
      'aria-describedby': this.describedBy(name, o.hint),
    })}>`;
    return `<div class="field">${this.label(name, label, o)}${input}${this.hint(name, o.hint)}${this.errorText(name)}</div>`;
  }

  textarea(name: string, label: string, o: FieldOptions = {}): string {
    const area = `<textarea${attrs({
      id: fieldId(name),
      name: o.postName ?? name,
      rows: o.rows ?? 5,
      required: o.required,
      maxlength: o.maxlength,
      placeholder: o.placeholder,
      'aria-invalid': this.hasError(name) ? 'true' : undefined,
      'aria-describedby': this.describedBy(name, o.hint),
    })}>${escapeHtml(o.value ?? this.value(name))}</textarea>`;
    return `<div class="field">${this.label(name, label, o)}${area}${this.hint(name, o.hint)}${this.errorText(name)}</div>`;
  }

  select(name: string, label: string, options: [string, string][], o: FieldOptions = {}): string {
    const current = o.value ?? this.value(name);
    const opts = options
      .map(
        ([value, text]) =>
          `<option${attrs({ value, selected: value === current })}>${escapeHtml(text)}</option>`,
      )
      .join('');
    const select = `<select${attrs({
      id: fieldId(name),
      name: o.postName ?? name,
      required: o.required,
      'aria-invalid': this.hasError(name) ? 'true' : undefined,
      'aria-describedby': this.describedBy(name, o.hint),
    })}>${opts}</select>`;
    return `<div class="field">${this.label(name, label, o)}${select}${this.hint(name, o.hint)}${this.errorText(name)}</div>`;
  }

  /** A group of checkboxes sharing one name (several values), in a fieldset with a legend. */
  checkboxes(name: string, legend: string, options: [string, string][], o: FieldOptions = {}): string {
    this.labels.set(name, legend);
    const chosen = new Set(this.values(name).map((v) => v.toLowerCase()));
    const boxes = options
      .map(([value, text], i) => {
        const id = `${fieldId(name)}-${i}`;
        return `<label for="${id}"><input${attrs({
          type: 'checkbox',
          id,
          name,
          value,
          checked: chosen.has(value.toLowerCase()),
        })}> ${escapeHtml(text)}</label>`;
      })
      .join('');
    return `<fieldset id="${fieldId(name)}"${attrs({
      'aria-invalid': this.hasError(name) ? 'true' : undefined,
      'aria-describedby': this.describedBy(name, o.hint),
    })}><legend>${escapeHtml(legend)}</legend>${boxes}${this.hint(name, o.hint)}${this.errorText(name)}</fieldset>`;
  }

  /** The mark where the error summary goes; filled after the page is rendered. */
  summaryMark(): string {
    return SUMMARY_MARK;
  }

  /** The error summary (form message plus one linked line per field error). */
  summary(): string {
    const fieldErrors = Object.entries(this.state.errors);
    if (!this.state.formError && fieldErrors.length === 0) return '';
    const lines = fieldErrors
      .map(([field, messages]) => {
        const label = this.labels.get(field) ?? this.nearestLabel(field) ?? field;
        return `<li><a href="#${fieldId(this.labels.has(field) ? field : (this.nearestField(field) ?? field))}">${escapeHtml(label)}</a>: ${escapeHtml(messages.join('; '))}</li>`;
      })
      .join('');
    const head = this.state.formError
      ? `<p>${escapeHtml(this.t('common.refused', { detail: this.state.formError }))}</p>`
      : `<p>${escapeHtml(this.t('common.formError'))}</p>`;
    return `<div class="form-summary" role="alert" tabindex="-1" id="form-summary">${head}${lines ? `<ul>${lines}</ul>` : ''}</div>`;
  }

  private nearestField(field: string): string | undefined {
    const parts = field.split('.');
    while (parts.length > 1) {
      parts.pop();
      if (this.labels.has(parts.join('.'))) return parts.join('.');
    }
    return undefined;
  }

  private nearestLabel(field: string): string | undefined {
    const near = this.nearestField(field);
    return near ? this.labels.get(near) : undefined;
  }
}
