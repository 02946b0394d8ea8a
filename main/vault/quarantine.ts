// A settings file that cannot be read (not JSON, or tampered) is moved aside rather than crashing the app
// or being silently overwritten: the user keeps the evidence, the app starts with an empty store.
import { existsSync, renameSync } from 'node:fs';

export function moveFileAside(path: string, now: number): string | null {
  if (!existsSync(path)) return null;
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = path.replace(/\.json$/i, '') + `.corrupt-${stamp}.json`;
  renameSync(path, target);
  return target;
}

export function movedAsideNotice(target: string | null): string {
  return target
    ? `The settings file was damaged or changed outside Relay Console, so it was moved aside to ${target}. Connections need to be added again.`
    : 'The settings file was damaged or changed outside Relay Console, so Relay Console started with empty settings.';
}
