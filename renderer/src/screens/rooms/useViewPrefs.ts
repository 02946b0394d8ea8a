import { useCallback, useEffect, useState } from 'react';
import { loadPrefs, savePrefs, type ViewPrefs } from '../../rooms/prefs.ts';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The board's view choices, remembered across sessions. */
export function useViewPrefs(): [ViewPrefs, (patch: Partial<ViewPrefs>) => void] {
  const [prefs, setPrefs] = useState<ViewPrefs>(() => loadPrefs(storage()));
  useEffect(() => savePrefs(storage(), prefs), [prefs]);
  const update = useCallback((patch: Partial<ViewPrefs>) => setPrefs((p) => ({ ...p, ...patch })), []);
  return [prefs, update];
}
