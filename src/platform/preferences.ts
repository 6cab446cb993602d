/** Small panel preferences (chosen snippet stack, preserve log) kept across sessions. */
export interface Preferences {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** localStorage of the extension's origin; a memory map where storage is unavailable. */
export function createPreferences(storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage()): Preferences {
  const memory = new Map<string, string>();
  return {
    get: (key) => {
      try {
        return storage?.getItem(`cors-lens:${key}`) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set: (key, value) => {
      memory.set(key, value);
      try {
        storage?.setItem(`cors-lens:${key}`, value);
      } catch { /* quota or disabled storage: the memory copy lasts this session */ }
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
