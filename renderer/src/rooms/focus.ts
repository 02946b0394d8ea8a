// Tells main which rooms are on screen (roomsFocus), so their detail is polled first. Debounced: while
// the list scrolls nothing is sent; once it rests, the set is sent if it changed.
export interface FocusReporter {
  report(keys: readonly string[]): void;
  dispose(): void;
}

export const maxFocusKeys = 2000;

export function createFocusReporter(send: (keys: string[]) => void, delayMs = 400): FocusReporter {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: string | null = null;
  return {
    report(keys) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const unique = [...new Set(keys)].slice(0, maxFocusKeys);
        const signature = [...unique].sort().join('\n');
        if (signature === last) return;
        last = signature;
        send(unique);
      }, delayMs);
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
