import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPosition } from '../../../common/training/exerciseClock';

/**
 * The trainee's bookmark form: opened by B on the selected tile(s), placed on the half of the
 * screen away from them. The time is the key press's. Enter saves, Esc cancels.
 */
export function BookmarkForm(props: {
  placement: 'top' | 'bottom';
  atS: number;
  cameras: string[];
  categories: Array<{ id: string; name: string; colour: string }>;
  needsTrainee: boolean;
  onSave: (categoryId: string, note: string) => Promise<string | null>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [categoryId, setCategoryId] = useState(props.categories[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const error = await props.onSave(categoryId, note);
    setBusy(false);
    setProblem(error);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onCancel();
    }
  };

  return (
    <div className={`exercise-form exercise-form--${props.placement}`} data-exercise-form role="dialog" aria-label={t('training.form.title')} onKeyDown={onKeyDown}>
      <div className="exercise-form__head">
        <strong>{t('training.form.title')}</strong> · {formatPosition(props.atS)} · {props.cameras.join(', ')}
        <span className="exercise-form__isolated">{t('training.form.isolated')}</span>
      </div>
      <div className="exercise-form__row">
        <label>
          {t('training.form.category')}{' '}
          <select ref={first} value={categoryId} onChange={(e) => setCategoryId(e.target.value)} data-category-select>
            {props.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="exercise-form__note">
          {t('training.form.note')} <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="button" onClick={() => void submit()} disabled={busy}>
          {t('training.form.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('training.form.cancel')}
        </button>
      </div>
      {props.needsTrainee ? <div className="exercise-form__problem">{t('training.wall.pickTraineeFirst')}</div> : null}
      {problem ? (
        <div className="exercise-form__problem" role="alert">
          {problem}
        </div>
      ) : null}
      <div className="exercise-form__keys">{t('training.form.keys')}</div>
    </div>
  );
}
