// Which feed is in force: the policy file wins over Settings; with neither, updates are off (managed fleets
// deploy by MSI/pkg and set nothing).
import type { UpdateFeedSource } from '../../contract/index.ts';
import type { UpdatePolicy } from './policy.ts';

export type FeedChoice =
  | { on: false; source: UpdateFeedSource; managed: boolean; reason: string }
  | { on: true; source: UpdateFeedSource; managed: boolean; url: string; windowsPublisherNames: readonly string[] | null };

export function chooseFeed(policy: UpdatePolicy | null, settingsFeed: string | null): FeedChoice {
  const windowsPublisherNames = policy?.windowsPublisherNames ?? null;
  if (policy?.updates === 'off') return { on: false, source: 'policy', managed: true, reason: 'Your organisation has turned updates off.' };
  if (policy?.feedUrl) return { on: true, source: 'policy', managed: true, url: policy.feedUrl, windowsPublisherNames };
  if (settingsFeed) return { on: true, source: 'settings', managed: false, url: settingsFeed, windowsPublisherNames };
  return { on: false, source: 'none', managed: false, reason: 'Updates are off: no update server is set.' };
}
