// @vitest-environment happy-dom
/**
 * A long header value is shortened until asked for in full. Preact reuses the component for the
 * next request's header at the same place in the detail view: that one starts shortened again.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HeaderValue, VALUE_DISPLAY_CHARS } from '../../../src/panel/HeaderValue.tsx';

afterEach(cleanup);

describe('HeaderValue', () => {
  const first = 'a'.repeat(5_000);
  const second = 'b'.repeat(5_000);

  it.each([
    ['at the limit: all of it', VALUE_DISPLAY_CHARS, false],
    ['one over: its start and a button', VALUE_DISPLAY_CHARS + 1, true],
  ])('%s', (_label, length, shortened) => {
    const { container } = render(<HeaderValue value={'x'.repeat(length)} />);
    expect(container.querySelector('.header-value')!.firstChild!.textContent).toBe('x'.repeat(VALUE_DISPLAY_CHARS));
    expect(screen.queryByRole('button') !== null).toBe(shortened);
  });

  it('shown in full for the value asked for, not for the next one in its place', async () => {
    const { container, rerender } = render(<HeaderValue value={first} />);
    await act(() => { fireEvent.click(screen.getByRole('button', { name: 'show all 5,000 characters' })); });
    expect(container.textContent).toBe(first);
    rerender(<HeaderValue value={second} />);
    expect(container.textContent!.startsWith('b'.repeat(VALUE_DISPLAY_CHARS))).toBe(true);
    expect(container.textContent!.length).toBeLessThan(VALUE_DISPLAY_CHARS + 100);
    expect(screen.getByRole('button', { name: 'show all 5,000 characters' })).toBeTruthy();
  });
});
