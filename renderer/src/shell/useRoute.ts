import { useCallback, useEffect, useRef, useState } from 'react';
import { routeFromHash, routes, type RouteId } from './routes.ts';

/** The element that holds the open screen (the app's <main>). */
const screenElementId = 'main';

/** The current screen, kept in the URL hash so reloads and the back button work. */
export function useRoute(): [RouteId, (id: RouteId) => void] {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(location.hash));
  const focusScreen = useRef(false);

  useEffect(() => {
    const onHash = (): void => setRoute(routeFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const go = useCallback((id: RouteId) => {
    location.hash = `#/${id}`;
  }, []);

  // Ctrl/Cmd + 1…4 jump between screens, as in most desktop tools, and put focus in the screen they open,
  // so Tab and a screen reader go on from there rather than from the top of the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const index = Number(e.key) - 1;
      const target = routes[index];
      if (target) {
        e.preventDefault();
        if (routeFromHash(location.hash) === target.id) document.getElementById(screenElementId)?.focus();
        else {
          focusScreen.current = true;
          go(target.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  // After the new screen is drawn, so the focused region already carries the new screen's name.
  useEffect(() => {
    if (!focusScreen.current) return;
    focusScreen.current = false;
    document.getElementById(screenElementId)?.focus();
  }, [route]);

  return [route, go];
}
