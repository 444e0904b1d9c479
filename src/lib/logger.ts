/**
 * The process logger (pino). Fields that may carry personal data or secrets are redacted by name, and request
 * URLs are scrubbed of long digit runs, so no phone or ID number is written in clear.
 *
 * Two formats of the same records: `json` (one JSON object a line, for collectors; production and tests) and
 * `lines` (short human lines for a developer's terminal). Redaction happens before either is written.
 */
import { type Logger, pino } from 'pino';
import { logRedactPaths, scrubDigits } from './redaction.ts';

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  id?: string;
}

export type LogFormat = 'json' | 'lines';

export function createLogger(options: {
  level: string;
  destination?: NodeJS.WritableStream;
  format?: LogFormat;
}): Logger {
  const destination = options.destination ?? process.stdout;
  return pino(
    {
      level: options.level,
      redact: { paths: logRedactPaths, censor: '[redacted]' },
      serializers: {
        req: (req: RequestLike) => ({ method: req.method, url: scrubDigits(req.url ?? ''), ip: req.ip }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    options.format === 'lines' ? humanLines(destination) : destination,
  );
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
// Fields every record has: a terminal line shows the time and message instead.
const IMPLIED_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'err']);

/** A pino destination that rewrites each JSON record as `HH:MM:SS [LEVEL] message key=value …`. */
function humanLines(destination: NodeJS.WritableStream): { write(record: string): void } {
  return {
    write(record: string) {
      destination.write(`${humanLine(JSON.parse(record) as Record<string, unknown>)}\n`);
    },
  };
}

function humanLine(record: Record<string, unknown>): string {
  const time = new Date(Number(record.time)).toTimeString().slice(0, 8);
  const level = LEVEL_NAMES[Number(record.level)];
  const fields = Object.entries(record)
    .filter(([key]) => !IMPLIED_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = record.err as { stack?: string; message?: string } | undefined;
  return (
    [time, level, record.msg, ...fields].filter(Boolean).join(' ') +
    (err ? `\n${err.stack ?? err.message}` : '')
  );
}
