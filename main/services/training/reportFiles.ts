import { join } from 'node:path';
import type { LogEntry, Trainee } from '../../../common/training/exerciseRun';
import { buildReportModel, renderReportHtml, type ReportInput } from '../../../common/training/report';
import type { ReportLanguage } from '../../../common/training/reportText';
import { writeFileAtomic } from '../storage/atomicFile';
import { readExerciseLog } from './exerciseLog';
import { renderReportPdf } from './reportPdf';

export const LOG_FILE = 'log.jsonl';
export const REPORT_HTML = 'report.html';
export const REPORT_PDF = 'report.pdf';

/**
 * The report is built from the run's log alone (its first entry holds the exercise as it was
 * run), so a report can be written — or rewritten in another language — for any past run, even
 * one cut short by a crash.
 */
export function reportInputFromLog(entries: LogEntry[], opts: { language: ReportLanguage; generatedAt: string }): ReportInput {
  const run = entries.find((e) => e.type === 'run');
  if (!run || run.type !== 'run') throw new Error('the exercise log has no run header');
  const names = new Map<string, Trainee>();
  let current: Trainee[] = run.trainees;
  for (const t of run.trainees) names.set(t.id, t);
  const bookmarks = [];
  const injectsFired = [];
  let endedAt: string | null = null;
  let reachedS = 0;
  for (const entry of entries) {
    if (entry.type === 'trainees') {
      current = entry.trainees;
      for (const t of entry.trainees) names.set(t.id, t);
    } else if (entry.type === 'bookmark') {
      bookmarks.push(entry.bookmark);
      reachedS = Math.max(reachedS, entry.bookmark.atS);
    } else if (entry.type === 'inject') {
      injectsFired.push({ injectId: entry.injectId, positionS: entry.positionS });
      reachedS = Math.max(reachedS, entry.positionS);
    } else if (entry.type === 'control') {
      reachedS = Math.max(reachedS, entry.clock.positionS);
    } else if (entry.type === 'end') {
      endedAt = entry.at;
      reachedS = Math.max(reachedS, entry.positionS);
    }
  }
  // Trainees named at the end, plus anyone removed from the list who had bookmarked.
  const trainees = [...current];
  for (const b of bookmarks) if (!trainees.some((t) => t.id === b.traineeId)) trainees.push(names.get(b.traineeId) ?? { id: b.traineeId, name: b.traineeId });
  return {
    runId: run.runId,
    source: run.source,
    exercise: run.exercise,
    trainees,
    bookmarks,
    startedAt: run.at,
    endedAt,
    reachedS: Math.min(reachedS, run.exercise.durationS),
    injectsFired,
    generatedAt: opts.generatedAt,
    language: opts.language,
  };
}

/** Writes report.html and report.pdf next to the run's log; returns the model's inputs. */
export async function writeReportFiles(runDir: string, opts: { language: ReportLanguage; generatedAt: string }): Promise<ReportInput> {
  const { entries } = await readExerciseLog(join(runDir, LOG_FILE));
  const input = reportInputFromLog(entries, opts);
  const model = buildReportModel(input);
  await writeFileAtomic(join(runDir, REPORT_HTML), renderReportHtml(model));
  await writeFileAtomic(join(runDir, REPORT_PDF), await renderReportPdf(model));
  return input;
}
