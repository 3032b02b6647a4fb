import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; request and job ids are bound as child fields. */
export function createLogger(level: pino.LevelWithSilent): Logger {
  return pino({
    level,
    base: { service: 'closeloop' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password'],
  });
}
