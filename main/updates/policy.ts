// The update policy an administrator deploys beside the app (by MSI, pkg, a config-management tool): it can
// turn updates off, or pin the feed so Settings cannot change it. Read once at start with zod; a file that
// cannot be read or does not match is ignored with a notice (the app then behaves as if there were none).
// Read synchronously: it is a few bytes, read once while the app starts, like the settings file.
import { closeSync, openSync, readSync } from 'node:fs';
import { win32, posix } from 'node:path';
import { z } from 'zod';
import { checkFeedUrl } from '../../contract/index.ts';

/** Where the policy file lives: a machine-wide folder only an administrator can write. */
export function policyFilePath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Relay Console', 'policy.json');
  if (platform === 'darwin') return posix.join('/Library/Application Support/Relay Console', 'policy.json');
  return '/etc/relay-console/policy.json';
}

const feedUrl = z.string().transform((value, ctx) => {
  const checked = checkFeedUrl(value);
  if (checked.ok) return checked.url;
  ctx.addIssue({ code: 'custom', message: checked.message });
  return z.NEVER;
});

/** The file's form. Unknown keys are refused, so a misspelt setting is reported, not silently ignored. */
export const updatePolicySchema = z
  .object({
    /** "off": no update checks at all (fleets updated by MSI/pkg); "on": allowed (the default). */
    updates: z.enum(['on', 'off']).optional(),
    /** Pins the feed: Settings shows it and cannot change it. */
    feedUrl: feedUrl.optional(),
    /** Windows: the installer must be signed by one of these publishers (the certificate's subject CN). */
    windowsPublisherNames: z.array(z.string().trim().min(1).max(256)).min(1).max(10).optional(),
  })
  .strict();
export type UpdatePolicy = z.output<typeof updatePolicySchema>;

export interface PolicyRead {
  /** null: no policy in force (no file, or a bad file that was ignored). */
  policy: UpdatePolicy | null;
  /** In words, when a file was there but could not be used. */
  notice: string | null;
}

// A policy is a few lines; anything bigger is not one.
const maxPolicyBytes = 64 * 1024;

export function readUpdatePolicy(path: string): PolicyRead {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(maxPolicyBytes + 1);
      const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
      if (bytesRead > maxPolicyBytes) return ignored(path, 'it is larger than 64 KB');
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { policy: null, notice: null };
    return ignored(path, code === 'EACCES' || code === 'EPERM' ? 'it cannot be read' : code === 'EISDIR' ? 'it is a folder' : 'it could not be read');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return ignored(path, 'it is not valid JSON');
  }
  const parsed = updatePolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
    const what = issue?.code === 'unrecognized_keys' ? `it has a setting Relay Console does not know (${issue.keys.slice(0, 3).join(', ')})` : `it is not valid${where}: ${issue?.message ?? 'unexpected value'}`;
    return ignored(path, what.slice(0, 300));
  }
  return { policy: parsed.data, notice: null };
}

function ignored(path: string, why: string): PolicyRead {
  return { policy: null, notice: `The update policy file ${path} is ignored because ${why}.` };
}
