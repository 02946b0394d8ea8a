// Whether the version a feed names is one to offer. Semantic versions, compared by precedence (build
// metadata ignored). A test version (a prerelease such as 2.0.0-beta.1) is offered only to a machine that
// already runs a test version, as electron-updater itself defaults to (allowPrerelease follows the current
// version); never a downgrade.
import { parse, compare, type SemVer } from 'semver';

export type VersionDecision =
  | { kind: 'newer'; version: string }
  | { kind: 'same'; version: string }
  | { kind: 'older'; version: string }
  /** Newer, but a test version, and this machine runs a release. */
  | { kind: 'prerelease-skipped'; version: string }
  | { kind: 'invalid'; version: string };

export function decideVersion(current: string, offered: string): VersionDecision {
  const mine = parse(current);
  const theirs = parse(offered.trim());
  const shown = offered.trim().slice(0, 64);
  if (!mine || !theirs) return { kind: 'invalid', version: shown };
  const order = compare(theirs, mine);
  if (order === 0) return { kind: 'same', version: theirs.version };
  if (order < 0) return { kind: 'older', version: theirs.version };
  if (isPrerelease(theirs) && !isPrerelease(mine)) return { kind: 'prerelease-skipped', version: theirs.version };
  return { kind: 'newer', version: theirs.version };
}

function isPrerelease(version: SemVer): boolean {
  return version.prerelease.length > 0;
}
