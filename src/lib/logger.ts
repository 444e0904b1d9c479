/**
 * The process logger (pino, JSON lines). Fields that may carry personal data or secrets are redacted by
 * name, and request URLs are scrubbed of long digit runs, so no phone or ID number is written in clear.
 */
import { type Logger, pino } from 'pino';
import { logRedactPaths, scrubDigits } from './redaction.ts';

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  id?: string;
}

export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: logRedactPaths, censor: '[redacted]' },
      serializers: {
        req: (req: RequestLike) => ({ method: req.method, url: scrubDigits(req.url ?? ''), ip: req.ip }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    options.destination ?? process.stdout,
  );
}
