import { useEffect, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const key = 'relay-console.theme';
const listeners = new Set<() => void>();

export function getThemeChoice(): ThemeChoice {
  const v = localStorage.getItem(key);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function setThemeChoice(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(key);
  else localStorage.setItem(key, choice);
  for (const l of listeners) l();
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    getThemeChoice,
  );
}

/** The theme follows the OS (CSS prefers-color-scheme) unless the user picked one in Settings. */
export function useTheme(): void {
  const choice = useThemeChoice();
  useEffect(() => {
    if (choice === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = choice;
  }, [choice]);
}
