import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LogEntrySchema, type LogEntry } from '../../../common/training/exerciseRun';

/**
 * The exercise log of one run: JSON lines, each appended and fsynced before the call that caused
 * it is answered, so a bookmark the trainee was told is saved survives a crash. A torn last line
 * (a crash mid-write) is skipped when read. This log — not a VMS — is where exercise bookmarks go.
 */
export class ExerciseLogWriter {
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
  ) {}

  static async open(path: string): Promise<ExerciseLogWriter> {
    await mkdir(dirname(path), { recursive: true });
    return new ExerciseLogWriter(path, await open(path, 'a', 0o600));
  }

  /** Appends one entry; resolves once it is on disk. Appends are written in call order. */
  append(entry: LogEntry): Promise<void> {
    const line = `${JSON.stringify(LogEntrySchema.parse(entry))}\n`;
    const next = this.chain.then(async () => {
      await this.file.appendFile(line, 'utf8');
      await this.file.datasync();
    });
    // One failed write must not block the ones after it; the caller of the failed one sees the error.
    this.chain = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.file.close();
  }
}

export interface ReadLog {
  entries: LogEntry[];
  /** Lines that did not parse (a torn tail after a crash, or a hand edit). */
  skipped: number;
}

export async function readExerciseLog(path: string): Promise<ReadLog> {
  const text = await readFile(path, 'utf8');
  const entries: LogEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = LogEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}
