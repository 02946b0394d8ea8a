import { describe, expect, it } from 'vitest';
import { decideVersion } from '../../../main/updates/version.ts';

describe('the version decision', () => {
  it.each([
    ['1.0.0', '1.0.1', 'newer'],
    ['1.0.0', '1.10.0', 'newer'], // numbers, not text: 1.10 > 1.9
    ['1.9.0', '1.10.0', 'newer'],
    ['1.0.0', '1.0.0', 'same'],
    ['1.0.0', '1.0.0+build.7', 'same'], // build metadata does not count
    ['1.2.0', '1.1.9', 'older'],
    ['2.0.0', '1.99.99', 'older'],
  ] as const)('%s, offered %s: %s', (current, offered, kind) => {
    expect(decideVersion(current, offered).kind).toBe(kind);
  });

  it('offers a test version only to a machine that already runs one', () => {
    expect(decideVersion('1.0.0', '1.1.0-beta.1')).toEqual({ kind: 'prerelease-skipped', version: '1.1.0-beta.1' });
    expect(decideVersion('1.1.0-beta.1', '1.1.0-beta.2')).toEqual({ kind: 'newer', version: '1.1.0-beta.2' });
    expect(decideVersion('1.1.0-beta.2', '1.1.0-beta.10')).toEqual({ kind: 'newer', version: '1.1.0-beta.10' });
    // The release of a test version is newer than it (semver precedence).
    expect(decideVersion('1.1.0-beta.2', '1.1.0')).toEqual({ kind: 'newer', version: '1.1.0' });
    expect(decideVersion('1.1.0', '1.1.0-rc.1')).toEqual({ kind: 'older', version: '1.1.0-rc.1' });
  });

  it('a version that is not semver is invalid, never newer', () => {
    expect(decideVersion('1.0.0', 'latest').kind).toBe('invalid');
    expect(decideVersion('1.0.0', '2').kind).toBe('invalid');
    expect(decideVersion('1.0.0', '').kind).toBe('invalid');
    expect(decideVersion('1.0.0', 'x'.repeat(500)).version).toHaveLength(64);
  });
});
