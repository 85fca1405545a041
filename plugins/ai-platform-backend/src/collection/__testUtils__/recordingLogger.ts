import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  /** Meta and fields of the logger, serialized the way a JSON log transport would. */
  meta: string;
}

/** A root logger that records every line at every level, for tests that check what is logged. */
export class RecordingLogger implements RootLoggerService {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly fields: JsonObject = {},
  ) {}

  error(message: string, meta?: Error | JsonObject): void {
    this.record('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject): void {
    this.record('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject): void {
    this.record('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject): void {
    this.record('debug', message, meta);
  }
  child(meta: JsonObject): LoggerService {
    return new RecordingLogger(this.lines, { ...this.fields, ...meta });
  }

  /** Every recorded line as one text, to search for things that must not be there. */
  text(): string {
    return this.lines.map(l => `${l.level} ${l.message} ${l.meta}`).join('\n');
  }

  private record(
    level: LogLine['level'],
    message: string,
    meta?: Error | JsonObject,
  ): void {
    const extra =
      meta instanceof Error
        ? { error: meta.message, stack: meta.stack ?? '' }
        : meta ?? {};
    this.lines.push({
      level,
      message: String(message),
      meta: JSON.stringify({ ...this.fields, ...extra }),
    });
  }

  factory() {
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => this,
    });
  }
}
