import { useCallback, useEffect, useState } from 'react';
import { routeFromHash, routes, type RouteId } from './routes.ts';

/** The current screen, kept in the URL hash so reloads and the back button work. */
export function useRoute(): [RouteId, (id: RouteId) => void] {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(location.hash));

  useEffect(() => {
    const onHash = (): void => setRoute(routeFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const go = useCallback((id: RouteId) => {
    location.hash = `#/${id}`;
  }, []);

  // Ctrl/Cmd + 1…4 jump between screens, as in most desktop tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const index = Number(e.key) - 1;
      const target = routes[index];
      if (target) {
        e.preventDefault();
        go(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  return [route, go];
}
