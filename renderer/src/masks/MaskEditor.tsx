import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LIFT_MINUTES, MIN_LIFT_REASON_CHARS, type MaskPolygon, type MasksState } from '../../../common/contract/methods/masks';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import { MASK_FILL } from '../wall/PrivacyMaskOverlay';

export interface MaskEditorProps {
  api: WallApi;
  camera: Camera;
  masks: MasksState;
  /** The tile's video, for the still frame the supervisor draws on. */
  video: HTMLVideoElement | null;
  canEdit: boolean;
  canLift: boolean;
  onClose: () => void;
}

type Point = [number, number];

/**
 * Draw a camera's privacy masks on a still frame: click to add corners, Enter closes the polygon,
 * Backspace removes the last corner, Delete the last polygon, Ctrl+S saves, Esc leaves. A
 * supervisor may also lift the masks for a while, with a typed reason (audited by main).
 */
export function MaskEditor({ api, camera, masks, video, canEdit, canLift, onClose }: MaskEditorProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [polygons, setPolygons] = useState<MaskPolygon[]>(() => masks.masks[camera.id] ?? []);
  const [draft, setDraft] = useState<Point[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(DEFAULT_LIFT_MINUTES);
  const lift = masks.lifts[camera.id];
  const aspect = video && video.videoWidth > 0 ? video.videoWidth / video.videoHeight : (camera.streams[0]?.width ?? 16) / (camera.streams[0]?.height ?? 9);

  // The still frame: what the camera showed when the editor opened.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !video || video.videoWidth === 0) return;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
  }, [video]);

  const closeDraft = () => {
    if (draft.length >= 3) setPolygons((p) => [...p, draft as MaskPolygon]);
    setDraft([]);
  };

  const save = async () => {
    const result = await api.call('masks.set', { cameraId: camera.id, polygons });
    if (result.ok) onClose();
    else setError(result.error.message);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      if (event.key === 'Escape') onClose();
      else if (event.key === 'Enter') closeDraft();
      else if (event.key === 'Backspace') setDraft((d) => d.slice(0, -1));
      else if (event.key === 'Delete') setPolygons((p) => p.slice(0, -1));
      else if (event.key === 's' && event.ctrlKey && canEdit) void save();
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const addPoint = (event: MouseEvent<SVGSVGElement>) => {
    if (!canEdit) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    setDraft((d) => [...d, [Number(x.toFixed(4)), Number(y.toFixed(4))]]);
  };

  const liftNow = async () => {
    const result = await api.call('masks.lift', { cameraId: camera.id, reason, minutes });
    if (result.ok) onClose();
    else setError(result.error.message);
  };

  const reapply = async () => {
    const result = await api.call('masks.reapply', { cameraId: camera.id });
    if (!result.ok) setError(result.error.message);
  };

  return (
    <div className="mask-editor" role="dialog" aria-label={t('masks.editorTitle', { camera: camera.name })}>
      <header>
        <strong>{t('masks.editorTitle', { camera: `${camera.number} · ${camera.name}` })}</strong>
        <span className="mask-editor__help">{canEdit ? t('masks.help') : t('masks.readOnly')}</span>
      </header>
      <div className="mask-editor__stage" style={{ aspectRatio: String(aspect) }}>
        <canvas ref={canvasRef} className="mask-editor__frame" />
        <svg viewBox="0 0 1 1" preserveAspectRatio="none" onClick={addPoint} data-mask-canvas>
          {polygons.map((polygon, i) => (
            <polygon key={i} points={polygon.map(([x, y]) => `${x},${y}`).join(' ')} fill={MASK_FILL} fillOpacity={0.85} stroke="#58a6ff" strokeWidth={0.003} />
          ))}
          {draft.length > 0 ? <polyline points={draft.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke="#d29922" strokeWidth={0.004} /> : null}
          {draft.map(([x, y], i) => (
            <circle key={i} cx={x} cy={y} r={0.006} fill="#d29922" />
          ))}
        </svg>
      </div>
      {error ? (
        <p className="mask-editor__error" role="alert">
          {error}
        </p>
      ) : null}
      <footer>
        {canEdit ? (
          <>
            <button type="button" onClick={closeDraft} disabled={draft.length < 3}>
              {t('masks.closePolygon')}
            </button>
            <button type="button" onClick={() => void save()}>
              {t('masks.save')}
            </button>
          </>
        ) : null}
        {canLift && (masks.masks[camera.id]?.length ?? 0) > 0 ? (
          lift ? (
            <button type="button" onClick={() => void reapply()}>
              {t('masks.reapply', { time: new Date(lift.until).toLocaleTimeString() })}
            </button>
          ) : (
            <span className="mask-editor__lift">
              <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('masks.reasonPlaceholder', { count: MIN_LIFT_REASON_CHARS })} aria-label={t('masks.reason')} />
              <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label={t('masks.duration')}>
                {[5, 15, 30, 60].map((m) => (
                  <option key={m} value={m}>
                    {t('masks.minutes', { count: m })}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => void liftNow()} disabled={reason.trim().length < MIN_LIFT_REASON_CHARS}>
                {t('masks.lift')}
              </button>
            </span>
          )
        ) : null}
        <button type="button" onClick={onClose}>
          {t('masks.close')}
        </button>
      </footer>
    </div>
  );
}
