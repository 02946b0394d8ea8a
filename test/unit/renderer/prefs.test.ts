import { describe, expect, it } from 'vitest';
import { defaultPrefs, loadPrefs, parsePrefs, savePrefs, serializePrefs, type ViewPrefs } from '../../../renderer/src/rooms/prefs.ts';

describe('view prefs', () => {
  it('round-trips', () => {
    const prefs: ViewPrefs = {
      search: 'berlin',
      status: ['in-call', 'muted'],
      site: 'Berlin',
      connection: 'c1',
      sort: { field: 'since', dir: 'desc' },
      group: 'connection',
      density: 'tiles',
      collapsed: ['site:Tokyo'],
    };
    expect(parsePrefs(serializePrefs(prefs))).toEqual(prefs);
  });

  it('falls back to defaults for corrupt or wrong values', () => {
    expect(parsePrefs(null)).toEqual(defaultPrefs);
    expect(parsePrefs('{not json')).toEqual(defaultPrefs);
    expect(parsePrefs('[1,2]')).toEqual(defaultPrefs);
    expect(parsePrefs('"rows"')).toEqual(defaultPrefs);
    const odd = parsePrefs(JSON.stringify({ search: 42, status: ['in-call', 'nonsense', 'in-call', 7], sort: { field: 'color', dir: 'up' }, group: 'floor', density: 'huge', collapsed: 'x', site: 5 }));
    expect(odd).toEqual({ ...defaultPrefs, status: ['in-call'], site: null });
  });

  it('survives storage that throws', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadPrefs(throwing)).toEqual(defaultPrefs);
    expect(() => savePrefs(throwing, defaultPrefs)).not.toThrow();
  });
});
