import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from './redactor';

/**
 * Main's logger: levelled lines to a file (and optionally the console), every line passed through
 * the Redactor just before it is written, so neither a message nor a field nor an error's stack can
 * carry a secret to disk.
 *
 * Writes are synchronous on purpose: lines are small, they reach the OS before the call returns,
 * and the last lines before a crash, the ones most wanted, are not lost in a buffer. The file is
 * 0600 (it names users and cameras) and rotates by size.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same sink, with `[component]` on every line. */
  child(component: string): Logger;
}

export interface FileLoggerOptions {
  file: string;
  redactor: Redactor;
  level?: LogLevel;
  now?: () => number;
  /** Rotate when the file would pass this size (default 10 MiB), keeping `keep` old files (default 5). */
  maxBytes?: number;
  keep?: number;
  /** Also write (the same redacted) lines to stderr, for development. */
  console?: boolean;
}

export interface FileLogger extends Logger {
  close(): void;
}

class Sink {
  private fd: number;
  private size: number;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly opts: FileLoggerOptions) {
    mkdirSync(dirname(opts.file), { recursive: true, mode: 0o700 });
    this.fd = openSync(opts.file, 'a', 0o600);
    this.size = statSync(opts.file).size;
    this.maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
    this.keep = opts.keep ?? 5;
  }

  write(line: string): void {
    if (this.fd < 0) return;
    const bytes = Buffer.from(line, 'utf8');
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
    if (this.opts.console) process.stderr.write(line);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private rotate(): void {
    closeSync(this.fd);
    const { file } = this.opts;
    rmSync(`${file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    if (this.keep > 0) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
    this.fd = openSync(file, 'a', 0o600);
    this.size = 0;
  }
}

/** Errors become name, message and stack (JSON.stringify would give "{}"). */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function formatFields(fields: LogFields | undefined): string {
  if (!fields || Object.keys(fields).length === 0) return '';
  try {
    return ` ${JSON.stringify(fields, jsonReplacer)}`;
  } catch {
    return ' {"fields":"(not serialisable)"}';
  }
}

export function createFileLogger(opts: FileLoggerOptions): FileLogger {
  const sink = new Sink(opts);
  const threshold = RANK[opts.level ?? 'info'];
  const now = opts.now ?? Date.now;

  const make = (component: string | undefined): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (RANK[level] < threshold) return;
      // Line breaks in a message are escaped so nobody can forge a log line by choosing a name.
      const text = String(message).replace(/\r/g, '\\r').replace(/\n/g, '\\n');
      const tag = component ? ` [${component}]` : '';
      const line = `${new Date(now()).toISOString()} ${level.toUpperCase().padEnd(5)}${tag} ${text}${formatFields(fields)}`;
      sink.write(`${opts.redactor.redact(line)}\n`);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (name) => make(component ? `${component}/${name}` : name),
    };
  };

  return { ...make(undefined), close: () => sink.close() };
}
