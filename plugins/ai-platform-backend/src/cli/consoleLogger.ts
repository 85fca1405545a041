import { LoggerService } from '@backstage/backend-plugin-api';

const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 } as const;
type Level = keyof typeof LEVELS;

/** A logger for the command line: messages at or above `level` go to stderr, so stdout stays the report. */
export function consoleLogger(
  io: { err(text: string): void },
  level: Level,
): LoggerService {
  const log = (at: Level) => (message: string) => {
    if (LEVELS[at] <= LEVELS[level]) io.err(`${at}: ${message}`);
  };
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return logger;
}
