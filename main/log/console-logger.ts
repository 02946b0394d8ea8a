import type { Logger } from '../ports.ts';
import { redact } from './redact.ts';

/** A Logger that writes one line per entry (to stderr unless told otherwise), with secrets masked out of the fields. */
export function consoleLogger(scope: string, write: (line: string) => void = (line) => void process.stderr.write(line)): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>): void => {
    const extra = fields ? ` ${JSON.stringify(redact(fields))}` : '';
    write(`${new Date().toISOString()} ${level} [${scope}] ${message}${extra}\n`);
  };
  return {
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}
