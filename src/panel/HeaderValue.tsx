import { useState } from 'preact/hooks';

/** Longer values are cut to this many characters until the user asks for all of it. */
export const VALUE_DISPLAY_CHARS = 1_000;

/** A header value as text (never HTML); a 1 MB value shows its start and a "show all" button. */
export function HeaderValue({ value }: { value: string }) {
  // Expanded for this value only: Preact reuses the component for the next request's header at
  // the same place, which must start shortened again.
  const [fullValue, setFullValue] = useState<string | null>(null);
  if (fullValue === value || value.length <= VALUE_DISPLAY_CHARS) return <span class="header-value">{value}</span>;
  return (
    <span class="header-value">
      {value.slice(0, VALUE_DISPLAY_CHARS)}
      <span class="truncated">… </span>
      <button type="button" class="link-button" onClick={() => setFullValue(value)}>
        show all {value.length.toLocaleString('en')} characters
      </button>
    </span>
  );
}
