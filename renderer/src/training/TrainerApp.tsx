import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseList, RunList } from '../../../common/contract/methods/exercises';
import type { MethodInput, MethodName, MethodOutput } from '../../../common/contract/contract';
import type { WallApi } from '../../../common/contract/wallApi';
import { formatPosition } from '../../../common/training/exerciseClock';
import type { AnswerKey, ExerciseState, ReportRef } from '../../../common/training/exerciseRun';
import { SPEEDS } from '../../../common/training/exerciseSchema';
import { scoreExercise, type BookmarkOutcome } from '../../../common/training/scoring';
import type { AppStore } from '../app/appStore';
import { AuthoringPanel } from './AuthoringPanel';
import { exerciseClientFor, useExerciseState, usePosition, type ExerciseClient } from './exerciseClient';
import { Timeline, type TimelineMarker, type TimelineRange } from './Timeline';
import { categoryName } from './trainingText';
import './training.css';

const OUTCOME_COLOURS: Record<BookmarkOutcome, string> = { hit: '#2ea043', 'false-alarm': '#f85149', duplicate: '#8b949e', 'wrong-category': '#d29922' };

export type Call = <M extends MethodName>(method: M, params: MethodInput<M>) => Promise<MethodOutput<M> | null>;

/** The report language: the trainer's UI language when it is one the report has. */
export function reportLanguage(language: string): 'en' | 'es' | 'pt' {
  const base = language.toLowerCase().split('-')[0];
  return base === 'es' || base === 'pt' ? base : 'en';
}

/**
 * The trainer console (`?view=trainer`): load an exercise, name the trainees, run the clock for
 * every screen (start, pause, seek, speed), watch bookmarks arrive and score live, read the
 * after-action report; author exercises; browse past runs.
 */
export function TrainerApp({ api, store }: { api: WallApi; store: AppStore }) {
  const { t } = useTranslation();
  const client = useMemo(() => exerciseClientFor(api), [api]);
  const state = useExerciseState(client);
  const [tab, setTab] = useState<'run' | 'author' | 'reports'>('run');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('app.title')} — ${t('training.console.title')}`;
  }, [t]);

  const call: Call = useCallback(
    async (method, params) => {
      const result = await api.call(method, params);
      if (!result.ok) {
        setError(result.error.message);
        return null;
      }
      setError(null);
      const value = result.value as { phase?: unknown; instance?: unknown };
      if (value && typeof value === 'object' && 'phase' in value && 'instance' in value) client.apply(result.value as ExerciseState);
      return result.value;
    },
    [api, client],
  );

  return (
    <div className="trainer" data-trainer-console>
      <header className="trainer__header">
        <span className="exercise-banner__tag">{t('training.banner.tag')}</span>
        <h1>{t('training.console.title')}</h1>
        <nav className="trainer__tabs">
          {(['run', 'author', 'reports'] as const).map((name) => (
            <button key={name} type="button" className={tab === name ? 'trainer__tab trainer__tab--on' : 'trainer__tab'} onClick={() => setTab(name)} data-tab={name}>
              {t(`training.console.tab.${name}`)}
            </button>
          ))}
        </nav>
      </header>
      {error ? (
        <div className="trainer-error" role="alert" data-trainer-error>
          <pre>{error}</pre>
          <button type="button" onClick={() => setError(null)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ) : null}
      {tab === 'run' ? <RunPanel call={call} client={client} state={state} transport={api.transport} /> : null}
      {tab === 'author' ? <AuthoringPanel call={call} state={state} store={store} /> : null}
      {tab === 'reports' ? <ReportsPanel call={call} /> : null}
    </div>
  );
}

function RunPanel({ call, client, state, transport }: { call: Call; client: ExerciseClient; state: ExerciseState | null; transport: 'ipc' | 'ws' }) {
  const { t, i18n } = useTranslation();
  const position = usePosition(client, 200);
  const [answerKey, setAnswerKey] = useState<AnswerKey | null>(null);
  const [showKey, setShowKey] = useState(true);
  const phase = state?.phase ?? 'idle';
  const exercise = state?.exercise ?? null;

  useEffect(() => {
    setAnswerKey(null);
    if (phase === 'idle') return;
    void call('exercises.answerKey', {}).then((key) => key && setAnswerKey(key));
  }, [call, phase, state?.source]);

  if (!state || phase === 'idle' || !exercise) return <ExercisePicker call={call} />;

  const language = i18n.language;
  const categoryLabel = (id: string) => {
    const c = exercise.categories.find((x) => x.id === id);
    return c ? categoryName(c, language) : id;
  };
  const cameraLabel = new Map(exercise.screens.flatMap((s) => s.tiles.flatMap((tile) => (tile ? [[tile.cameraId, tile.label] as const] : []))));
  const traineeName = (id: string) => state.trainees.find((tr) => tr.id === id)?.name ?? id;

  const incidents = answerKey?.incidents ?? [];
  const scoring = answerKey?.scoring ?? { graceBeforeS: 0, graceAfterS: 10 };
  const traineeIds = state.trainees.map((tr) => tr.id);
  const full = scoreExercise(incidents, state.bookmarks, traineeIds, scoring);
  // "So far": incidents that have begun; the ones still to come are not missed yet.
  const sofar = scoreExercise(incidents.filter((i) => i.startS <= position), state.bookmarks, traineeIds, scoring);
  const outcomeOf = new Map(full.trainees.flatMap(({ score }) => score.bookmarks.map((b) => [b.bookmarkId, b] as const)));

  const markers: TimelineMarker[] = [
    ...exercise.injects.map((i) => ({ id: i.id, atS: i.atS, kind: 'inject' as const, colour: i.kind === 'alert' ? '#f85149' : '#58a6ff', title: `${formatPosition(i.atS)} ${i.text}` })),
    ...state.bookmarks.map((b) => ({ id: b.id, atS: b.atS, kind: 'bookmark' as const, colour: OUTCOME_COLOURS[outcomeOf.get(b.id)?.outcome ?? 'false-alarm'], title: `${formatPosition(b.atS)} ${traineeName(b.traineeId)}: ${b.cameraIds.map((c) => cameraLabel.get(c) ?? c).join(', ')}` })),
  ];
  const ranges: TimelineRange[] = showKey
    ? incidents.map((i) => ({ id: i.id, startS: i.startS, endS: i.endS, colour: exercise.categories.find((c) => c.id === i.category)?.colour ?? '#888', title: `${i.id} ${formatPosition(i.startS)}–${formatPosition(i.endS)} ${categoryLabel(i.category)}: ${i.description}` }))
    : [];

  const running = phase === 'running';
  const lang = reportLanguage(language);

  return (
    <div className="trainer__grid">
      <section className="trainer__card trainer__card--wide">
        <div className="trainer__row trainer__row--spread">
          <div>
            <h2 data-exercise-title>{exercise.title}</h2>
            <div className="trainer__muted">{state.source}</div>
          </div>
          <div className="trainer__row">
            <span className={`trainer__phase trainer__phase--${phase}`} data-phase={phase}>
              {t(`training.console.phase.${phase}`)}
            </span>
            <button type="button" onClick={() => void call('exercises.close', {})} data-action="close">
              {t('training.console.close')}
            </button>
          </div>
        </div>
        {exercise.description ? <p className="trainer__description">{exercise.description}</p> : null}

        <div className="trainer__transport">
          {phase === 'loaded' ? (
            <button type="button" className="trainer__primary" onClick={() => void call('exercises.play', {})} data-action="start">
              {t('training.console.start')}
            </button>
          ) : running ? (
            state.clock.playing ? (
              <button type="button" className="trainer__primary" onClick={() => void call('exercises.pause', {})} data-action="pause">
                {t('training.console.pause')}
              </button>
            ) : (
              <button type="button" className="trainer__primary" onClick={() => void call('exercises.play', {})} data-action="resume">
                {t('training.console.resume')}
              </button>
            )
          ) : null}
          <button type="button" disabled={phase === 'ended'} onClick={() => void call('exercises.seek', { positionS: Math.max(0, position - 10) })} data-action="back">
            {t('training.console.back10')}
          </button>
          <button type="button" disabled={phase === 'ended'} onClick={() => void call('exercises.seek', { positionS: Math.min(exercise.durationS, position + 10) })} data-action="forward">
            {t('training.console.forward10')}
          </button>
          <span className="trainer__speeds" role="group" aria-label={t('training.console.speed')}>
            {SPEEDS.map((speed) => (
              <button key={speed} type="button" className={state.clock.speed === speed ? 'trainer__speed trainer__speed--on' : 'trainer__speed'} onClick={() => void call('exercises.setSpeed', { speed })} data-speed={speed}>
                {t('training.console.speedValue', { speed })}
              </button>
            ))}
          </span>
          <span className="trainer__clock" data-position={position.toFixed(1)}>
            {formatPosition(position)} / {formatPosition(exercise.durationS)}
          </span>
          {running ? (
            <button type="button" className="trainer__danger" onClick={() => void call('exercises.stop', { language: lang })} data-action="stop">
              {t('training.console.stop')}
            </button>
          ) : null}
        </div>
        <Timeline durationS={exercise.durationS} positionS={position} markers={markers} ranges={ranges} onSeek={phase === 'ended' ? undefined : (s) => void call('exercises.seek', { positionS: s })} label={t('training.console.timeline')} />
        <label className="trainer__check">
          <input type="checkbox" checked={showKey} onChange={(e) => setShowKey(e.target.checked)} /> {t('training.console.showKey')}
        </label>
      </section>

      <TraineesCard call={call} state={state} transport={transport} />

      <section className="trainer__card">
        <h3>{t('training.console.scoreSoFar')}</h3>
        <table className="trainer__table" data-live-score>
          <thead>
            <tr>
              <th>{t('training.console.trainee')}</th>
              <th>{t('training.score.hits')}</th>
              <th>{t('training.score.wrongCategory')}</th>
              <th>{t('training.score.missed')}</th>
              <th>{t('training.score.falseAlarms')}</th>
              <th>{t('training.score.meanReaction')}</th>
            </tr>
          </thead>
          <tbody>
            {sofar.trainees.map(({ traineeId, score }) => (
              <tr key={traineeId} data-trainee={traineeId}>
                <td>{traineeName(traineeId)}</td>
                <td data-col="hits">{score.summary.hits}</td>
                <td>{score.summary.wrongCategory}</td>
                <td data-col="missed">{score.summary.missed}</td>
                <td data-col="falseAlarms">{score.summary.falseAlarms}</td>
                <td>{score.summary.meanReactionS === null ? '—' : `${score.summary.meanReactionS.toFixed(1)} s`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="trainer__card trainer__card--wide">
        <h3>{t('training.console.bookmarks', { count: state.bookmarks.length })}</h3>
        {state.bookmarks.length === 0 ? (
          <p className="trainer__muted">{t('training.console.noBookmarks')}</p>
        ) : (
          <table className="trainer__table" data-live-bookmarks>
            <thead>
              <tr>
                <th>{t('training.console.time')}</th>
                <th>{t('training.console.trainee')}</th>
                <th>{t('training.console.cameras')}</th>
                <th>{t('training.console.category')}</th>
                <th>{t('training.console.note')}</th>
                <th>{t('training.console.result')}</th>
              </tr>
            </thead>
            <tbody>
              {[...state.bookmarks].reverse().map((b) => {
                const r = outcomeOf.get(b.id);
                return (
                  <tr key={b.id} data-bookmark={b.id}>
                    <td>{formatPosition(b.atS)}</td>
                    <td>{traineeName(b.traineeId)}</td>
                    <td>{b.cameraIds.map((c) => cameraLabel.get(c) ?? c).join(', ')}</td>
                    <td>{categoryLabel(b.categoryId)}</td>
                    <td>{b.note}</td>
                    <td style={{ color: r ? OUTCOME_COLOURS[r.outcome] : undefined }}>
                      {r ? t(`training.outcome.${r.outcome}`) : '—'}
                      {r?.incidentId ? ` · ${r.incidentId}` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {phase === 'ended' || state.report ? <ReportCard call={call} report={state.report} language={lang} runId={state.runId} /> : null}
    </div>
  );
}

function ExercisePicker({ call }: { call: Call }) {
  const { t } = useTranslation();
  const [list, setList] = useState<ExerciseList | null>(null);
  const [path, setPath] = useState('');
  useEffect(() => {
    void call('exercises.list', {}).then((l) => l && setList(l));
  }, [call]);
  return (
    <div className="trainer__grid">
      <section className="trainer__card trainer__card--wide">
        <h2>{t('training.console.loadTitle')}</h2>
        <p className="trainer__muted">{t('training.console.loadHint')}</p>
        {list === null ? (
          <p className="trainer__muted">{t('app.loading')}</p>
        ) : list.exercises.length === 0 ? (
          <p className="trainer__muted">{t('training.console.noExercises')}</p>
        ) : (
          <ul className="trainer__list" data-exercise-list>
            {list.exercises.map((ex) => (
              <li key={ex.path}>
                <button type="button" className="trainer__primary" onClick={() => void call('exercises.load', { path: ex.path })} data-load={ex.path}>
                  {t('training.console.load')}
                </button>{' '}
                <strong>{ex.title}</strong> <span className="trainer__muted">· {formatPosition(ex.durationS)} · {t('training.console.counts', { incidents: ex.incidents, injects: ex.injects })} · {t(`training.console.origin.${ex.origin}`)}</span>
              </li>
            ))}
          </ul>
        )}
        {list && list.invalid.length > 0 ? (
          <details>
            <summary>{t('training.console.invalidFiles', { count: list.invalid.length })}</summary>
            <pre className="trainer__pre">{list.invalid.map((i) => i.problem).join('\n')}</pre>
          </details>
        ) : null}
        <form
          className="trainer__row"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void call('exercises.load', { path: path.trim() });
          }}
        >
          <input className="trainer__path" value={path} onChange={(e) => setPath(e.target.value)} placeholder={t('training.console.pathPlaceholder')} data-load-path />
          <button type="submit">{t('training.console.loadPath')}</button>
        </form>
      </section>
    </div>
  );
}

function TraineesCard({ call, state, transport }: { call: Call; state: ExerciseState; transport: 'ipc' | 'ws' }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(() => state.trainees.map((tr) => ({ id: tr.id as string | undefined, name: tr.name })));
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setRows(state.trainees.map((tr) => ({ id: tr.id as string | undefined, name: tr.name })));
  }, [state.trainees, dirty]);
  const save = async () => {
    const ok = await call('exercises.setTrainees', { trainees: rows.filter((r) => r.name.trim() !== '').map((r) => (r.id ? { id: r.id, name: r.name } : { name: r.name })) });
    if (ok) setDirty(false);
  };
  const screens = state.exercise?.screens.map((s) => s.id) ?? [];
  return (
    <section className="trainer__card">
      <h3>{t('training.console.trainees')}</h3>
      <p className="trainer__muted">{t('training.console.traineesHint')}</p>
      {rows.map((row, i) => (
        <div key={i} className="trainer__row">
          <input
            value={row.name}
            onChange={(e) => {
              setDirty(true);
              setRows(rows.map((r, k) => (k === i ? { ...r, name: e.target.value } : r)));
            }}
            placeholder={t('training.console.traineeName')}
            data-trainee-input={i}
          />
          <button
            type="button"
            onClick={() => {
              setDirty(true);
              setRows(rows.filter((_, k) => k !== i));
            }}
          >
            {t('training.console.remove')}
          </button>
          {row.id && transport === 'ws' ? (
            <span className="trainer__links">
              {screens.map((s) => (
                <a key={s} href={`/?screen=${encodeURIComponent(s)}&trainee=${encodeURIComponent(row.id!)}`} target="_blank" rel="noreferrer">
                  {t('training.console.wallLink', { screen: s })}
                </a>
              ))}
            </span>
          ) : null}
        </div>
      ))}
      <div className="trainer__row">
        <button
          type="button"
          onClick={() => {
            setDirty(true);
            setRows([...rows, { id: undefined, name: '' }]);
          }}
          data-action="add-trainee"
        >
          {t('training.console.addTrainee')}
        </button>
        <button type="button" className="trainer__primary" disabled={!dirty} onClick={() => void save()} data-action="save-trainees">
          {t('training.console.saveTrainees')}
        </button>
      </div>
    </section>
  );
}

function ReportCard({ call, report, language, runId }: { call: Call; report: ReportRef | null; language: 'en' | 'es' | 'pt'; runId: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="trainer__card trainer__card--wide" data-report-card>
      <div className="trainer__row trainer__row--spread">
        <h3>{t('training.console.report')}</h3>
        <div className="trainer__row">
          {report ? (
            <>
              <a href={report.htmlUrl} target="_blank" rel="noreferrer" data-report-html>
                {t('training.console.openHtml')}
              </a>
              <a href={report.pdfUrl} target="_blank" rel="noreferrer" data-report-pdf>
                {t('training.console.openPdf')}
              </a>
            </>
          ) : null}
          {runId ? (
            <button type="button" onClick={() => void call('exercises.report', { runId, language })}>
              {t('training.console.rewriteReport')}
            </button>
          ) : null}
        </div>
      </div>
      {report ? <iframe className="trainer__report" title={t('training.console.report')} src={`${report.htmlUrl}?v=${encodeURIComponent(report.generatedAt)}`} data-report-frame /> : <p className="trainer__muted">{t('training.console.noReport')}</p>}
    </section>
  );
}

function ReportsPanel({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const [runs, setRuns] = useState<RunList | null>(null);
  const [viewing, setViewing] = useState<ReportRef | null>(null);
  const refresh = useCallback(() => void call('exercises.runs', {}).then((r) => r && setRuns(r)), [call]);
  useEffect(refresh, [refresh]);
  return (
    <div className="trainer__grid">
      <section className="trainer__card trainer__card--wide">
        <h2>{t('training.console.pastRuns')}</h2>
        {runs === null ? null : runs.runs.length === 0 ? (
          <p className="trainer__muted">{t('training.console.noRuns')}</p>
        ) : (
          <table className="trainer__table" data-runs>
            <thead>
              <tr>
                <th>{t('training.console.run')}</th>
                <th>{t('training.console.exercise')}</th>
                <th>{t('training.console.started')}</th>
                <th>{t('training.console.bookmarksShort')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.runs.map((run) => (
                <tr key={run.runId}>
                  <td>{run.runId}</td>
                  <td>{run.title}</td>
                  <td>
                    {new Date(run.startedAt).toLocaleString()} {run.endedAt ? '' : `(${t('training.console.unfinished')})`}
                  </td>
                  <td>{run.bookmarks}</td>
                  <td className="trainer__row">
                    {run.report ? (
                      <>
                        <button type="button" onClick={() => setViewing(run.report)}>
                          {t('training.console.view')}
                        </button>
                        <a href={run.report.pdfUrl} target="_blank" rel="noreferrer">
                          {t('training.console.pdf')}
                        </a>
                      </>
                    ) : null}
                    <button
                      type="button"
                      onClick={() =>
                        void call('exercises.report', { runId: run.runId, language: reportLanguage(i18n.language) }).then((ref) => {
                          if (ref) {
                            setViewing(ref);
                            refresh();
                          }
                        })
                      }
                    >
                      {t('training.console.writeReport')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {viewing ? (
        <section className="trainer__card trainer__card--wide">
          <iframe className="trainer__report" title={t('training.console.report')} src={`${viewing.htmlUrl}?v=${encodeURIComponent(viewing.generatedAt)}`} />
        </section>
      ) : null}
    </div>
  );
}
