/** An editable list of headers (name and value inputs), with one-click additions of the usual CORS headers. */
import type { Header } from '../../engine/types.ts';

export interface HeaderTableProps {
  label: string;
  testId: string;
  headers: Header[];
  onChange(headers: Header[]): void;
  /** Headers offered as one-click additions: [name, default value]. */
  suggestions?: readonly (readonly [string, string])[];
}

export function HeaderTable({ label, testId, headers, onChange, suggestions = [] }: HeaderTableProps) {
  const set = (i: number, patch: Partial<Header>) => onChange(headers.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const has = (name: string) => headers.some((h) => h.name.toLowerCase() === name.toLowerCase());
  return (
    <fieldset class="header-table" data-testid={testId}>
      <legend>{label}</legend>
      {headers.length === 0 && <p class="muted">None.</p>}
      {headers.map((header, i) => (
        <div class="header-row" key={i} data-header={header.name.toLowerCase()}>
          <input class="header-name" aria-label={`${label} ${i + 1}: name`} value={header.name} spellcheck={false}
            onInput={(e) => set(i, { name: (e.currentTarget as HTMLInputElement).value })} />
          <input class="header-value-input" aria-label={`${label} ${i + 1}: value`} value={header.value} spellcheck={false}
            onInput={(e) => set(i, { value: (e.currentTarget as HTMLInputElement).value })} />
          <button type="button" class="icon-button" aria-label={`Remove ${header.name || 'header'}`} title="Remove"
            onClick={() => onChange(headers.filter((_, j) => j !== i))}>✕</button>
        </div>
      ))}
      <div class="header-add">
        {suggestions.filter(([name]) => !has(name)).map(([name, value]) => (
          <button type="button" key={name} class="chip" onClick={() => onChange([...headers, { name, value }])}>+ {name}</button>
        ))}
        <button type="button" class="chip" onClick={() => onChange([...headers, { name: '', value: '' }])}>+ other header</button>
      </div>
    </fieldset>
  );
}
