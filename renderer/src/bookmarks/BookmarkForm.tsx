import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent as ReactKeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import { PRIORITIES, categoryName, type BookmarkCategory, type CategoryLocale } from '../../../common/bookmarks/categories';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import { createInput, draftProblems, editDraft, formatLatLng, newDraft, updateInput, withCategory, withField, type FormDraft } from './formModel';
import { onMapPoint } from './mapPoint';

export type FormMode =
  /** `markedAt`: performance.now() at the key press; `markedClock`: Date.now() then, for display. */
  | { kind: 'create'; cameras: readonly Camera[]; markedAt: number; markedClock: number }
  | { kind: 'edit'; bookmark: BookmarkView; cameras: readonly Camera[] };

export interface BookmarkFormProps {
  api: WallApi;
  mode: FormMode;
  categories: readonly BookmarkCategory[];
  /** Called once main has the bookmark on disk: only then does anything say "saved". */
  onSaved: (view: BookmarkView) => void;
  onCancel: () => void;
  /** In create mode the operator may leave a camera out of the bookmark. */
  onCamerasChange?: (cameraIds: string[]) => void;
  style?: CSSProperties;
  className?: string;
  formRef?: Ref<HTMLFormElement>;
}

export const localeOf = (language: string): CategoryLocale => (['en', 'es', 'pt'].includes(language) ? (language as CategoryLocale) : 'en');

/**
 * The incident form: category, priority, note, footage window and location, for the cameras the
 * bookmark key was pressed on (or a bookmark being edited). Enter saves from anywhere in it
 * (Shift+Enter is a new line in the note), Esc cancels. The note has the focus, so pressing the
 * key and typing is all an operator does for the common case.
 */
export function BookmarkForm({ api, mode, categories, onSaved, onCancel, onCamerasChange, style, className, formRef }: BookmarkFormProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const cameras = mode.cameras;
  const position = cameras.find((c) => c.position)?.position;
  const fallback = categories[0]!;
  const [draft, setDraft] = useState<FormDraft>(() => (mode.kind === 'edit' ? editDraft(mode.bookmark) : newDraft(fallback, position)));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const category = categories.find((c) => c.id === draft.category) ?? fallback;
  const problems = useMemo(() => draftProblems(draft), [draft]);

  useEffect(() => {
    noteRef.current?.focus();
  }, []);

  // A point clicked on the map while the form is open is the incident's location.
  useEffect(() => onMapPoint((point) => setDraft((d) => withField(d, 'location', formatLatLng(point)))), []);

  const save = async () => {
    if (saving || problems.length > 0) return;
    setSaving(true);
    setError(null);
    const result =
      mode.kind === 'create'
        ? await api.call('bookmarks.create', {
            ...createInput(
              draft,
              cameras.map((c) => c.id),
              category,
              position,
            ),
            markedAgoMs: Math.min(600_000, Math.max(0, Math.round(performance.now() - mode.markedAt))),
          })
        : await api.call('bookmarks.update', updateInput(draft, mode.bookmark));
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setError(result.error.message);
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLFormElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      event.stopPropagation();
      void save();
    } else {
      // Keys typed in the form are the form's: the wall's keyboard must not act on them.
      event.stopPropagation();
    }
  };

  const time = mode.kind === 'create' ? mode.markedClock : mode.bookmark.time;
  const title = mode.kind === 'create' ? t('bookmarks.form.title') : t('bookmarks.form.editTitle');
  return (
    <form
      ref={formRef}
      className={`bookmark-form${className ? ` ${className}` : ''}`}
      style={{ ...style, ['--bookmark-colour' as string]: category.colour }}
      data-bookmark-form={mode.kind}
      aria-label={title}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <header className="bookmark-form__header">
        <span className="bookmark-form__title">{title}</span>
        <span className="bookmark-form__time" title={new Date(time).toLocaleString(i18n.language)}>
          {t('bookmarks.form.markedAt', { time: new Date(time).toLocaleTimeString(i18n.language) })}
        </span>
      </header>

      <div className="bookmark-form__cameras" aria-label={t('bookmarks.form.cameras')} data-bookmark-cameras>
        {cameras.map((camera) => (
          <span key={camera.id} className="bookmark-chip">
            <span className="bookmark-chip__number">{camera.number}</span> {camera.name}
            {mode.kind === 'create' && cameras.length > 1 && onCamerasChange ? (
              <button
                type="button"
                className="bookmark-chip__remove"
                aria-label={t('bookmarks.form.removeCamera', { number: camera.number })}
                onClick={() => onCamerasChange(cameras.filter((c) => c.id !== camera.id).map((c) => c.id))}
              >
                ×
              </button>
            ) : null}
          </span>
        ))}
      </div>

      <fieldset className="bookmark-form__categories">
        <legend>{t('bookmarks.form.category')}</legend>
        {categories.map((c) => (
          <label key={c.id} className={`bookmark-category${c.id === draft.category ? ' bookmark-category--on' : ''}`} style={{ ['--cat' as string]: c.colour }}>
            <input type="radio" name="bookmark-category" value={c.id} checked={c.id === draft.category} onChange={() => setDraft((d) => withCategory(d, c))} />
            <span className="bookmark-category__dot" aria-hidden />
            {categoryName(c, locale)}
          </label>
        ))}
      </fieldset>

      <label className="bookmark-form__field bookmark-form__field--note">
        <span>{t('bookmarks.form.note')}</span>
        <textarea ref={noteRef} rows={3} maxLength={2000} value={draft.note} placeholder={t('bookmarks.form.notePlaceholder')} onChange={(e) => setDraft((d) => withField(d, 'note', e.target.value))} data-bookmark-note />
      </label>

      <div className="bookmark-form__row">
        <label className="bookmark-form__field">
          <span>{t('bookmarks.form.priority')}</span>
          <select value={draft.priority} onChange={(e) => setDraft((d) => withField(d, 'priority', e.target.value as FormDraft['priority']))}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`bookmarks.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="bookmark-form__field bookmark-form__field--roll">
          <span>{t('bookmarks.form.before')}</span>
          <input inputMode="numeric" value={draft.preRollS} aria-invalid={problems.includes('preRoll')} onChange={(e) => setDraft((d) => withField(d, 'preRollS', e.target.value))} />
        </label>
        <label className="bookmark-form__field bookmark-form__field--roll">
          <span>{t('bookmarks.form.after')}</span>
          <input inputMode="numeric" value={draft.postRollS} aria-invalid={problems.includes('postRoll')} onChange={(e) => setDraft((d) => withField(d, 'postRollS', e.target.value))} />
        </label>
      </div>

      <label className="bookmark-form__field">
        <span>{t('bookmarks.form.location')}</span>
        <input value={draft.location} aria-invalid={problems.includes('location')} placeholder="-34.603700, -58.381600" onChange={(e) => setDraft((d) => withField(d, 'location', e.target.value))} />
        <small className="bookmark-form__hint">{mode.kind === 'create' ? t('bookmarks.form.locationHint') : t('bookmarks.form.locationHintEdit')}</small>
      </label>

      {problems.length > 0 ? (
        <p className="bookmark-form__problem" role="alert">
          {problems.map((p) => t(`bookmarks.form.problem.${p}`)).join(' ')}
        </p>
      ) : null}
      {error !== null ? (
        <p className="bookmark-form__problem" role="alert" data-bookmark-error>
          {t('bookmarks.form.notSaved', { message: error })}
        </p>
      ) : null}

      <footer className="bookmark-form__footer">
        <span className="bookmark-form__keys">{saving ? t('bookmarks.form.saving') : t('bookmarks.form.keys')}</span>
        <button type="button" className="btn btn--small" onClick={onCancel}>
          {t('bookmarks.form.cancel')}
        </button>
        <button type="submit" className="btn btn--small btn--primary" disabled={saving || problems.length > 0} data-bookmark-save>
          {t('bookmarks.form.save')}
        </button>
      </footer>
    </form>
  );
}
