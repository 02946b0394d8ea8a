import { useLink } from './useLink.ts';

/**
 * Across the top of every screen while Relay Console does not answer: nothing on the board is fresh then.
 * The slot is always there (empty while live), so the page's grid keeps its rows.
 */
export function LinkBanner() {
  const { link } = useLink();
  return (
    <div className="link-slot">
      {link.state !== 'live' && (
        <div className={`link-banner link-${link.state}`} role="alert" data-testid="link-banner">
          <strong>{link.message}</strong>{' '}
          <span>
            {link.state === 'lost'
              ? 'Every room shows as stale until Relay Console answers again.'
              : 'This page is no longer updated: every room shows as stale.'}
          </span>
        </div>
      )}
    </div>
  );
}
