import { useTranslation } from 'react-i18next';
import { formatPosition } from '../../../common/training/exerciseClock';
import type { ExerciseState } from '../../../common/training/exerciseRun';

/**
 * The EXERCISE banner across the top of every screen while an exercise is on the wall (with an
 * amber frame round the whole window): nobody can mistake recorded footage for live cameras.
 */
export function ExerciseBanner({ state, position, bookmarkKey, traineeId, onTrainee, pickTrainee }: { state: ExerciseState; position: number; bookmarkKey: string; traineeId: string | null; onTrainee: (id: string) => void; pickTrainee: boolean }) {
  const { t } = useTranslation();
  const exercise = state.exercise!;
  const status =
    state.phase === 'loaded'
      ? t('training.banner.waiting')
      : state.phase === 'ended'
        ? t('training.banner.ended')
        : state.clock.playing
          ? t('training.banner.running', { speed: state.clock.speed })
          : t('training.banner.paused');
  const progress = exercise.durationS > 0 ? Math.min(100, (position / exercise.durationS) * 100) : 0;
  return (
    <div className="exercise-banner" role="banner" data-exercise-banner>
      <span className="exercise-banner__tag">{t('training.banner.tag')}</span>
      <span className="exercise-banner__title">{exercise.title}</span>
      <span className={`exercise-banner__status exercise-banner__status--${state.phase}`} data-status>
        {status}
      </span>
      <span className="exercise-banner__time" data-position={position.toFixed(1)}>
        {formatPosition(position)} / {formatPosition(exercise.durationS)}
      </span>
      <span className="exercise-banner__hint">{t('training.banner.hint', { key: bookmarkKey })}</span>
      <label className={`exercise-banner__trainee${pickTrainee && !traineeId ? ' exercise-banner__trainee--ask' : ''}`}>
        {t('training.banner.trainee')}{' '}
        <select value={traineeId ?? ''} onChange={(e) => onTrainee(e.target.value)} data-trainee-select>
          <option value="" disabled>
            {state.trainees.length === 0 ? t('training.banner.noTrainees') : t('training.banner.pickTrainee')}
          </option>
          {state.trainees.map((tr) => (
            <option key={tr.id} value={tr.id}>
              {tr.name}
            </option>
          ))}
        </select>
      </label>
      <div className="exercise-banner__progress" style={{ width: `${progress}%` }} />
    </div>
  );
}
