import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_DELIMITERS } from '../../../common/analytics/csv';
import { guessMapping, previewCsv, previewGeoJson, GEOJSON_FEATURE_ID, type ImportField } from '../../../common/analytics/importRecords';
import { isValidTimeZone } from '../../../common/analytics/time';
import type { ImportResult } from '../../../common/contract/methods/analytics';
import type { WallApi } from '../../../common/contract/wallApi';
import { formatters } from './format';

interface Loaded {
  name: string;
  text: string;
  format: 'csv' | 'geojson';
  header: string[];
  rows: string[][];
  total: number;
  problem?: string;
}

const FIELDS: ImportField[] = ['lat', 'lng', 'time', 'timeOfDay', 'category', 'id'];
const REQUIRED = new Set<ImportField>(['lat', 'lng', 'time']);
const DELIMITER_LABEL: Record<string, string> = { ',': ',', ';': ';', '\t': 'Tab', '|': '|' };

/**
 * Importing incident records: pick a CSV or GeoJSON file, check the columns Atalaya guessed, then
 * import. Main validates every row; a file with any bad row imports nothing and its problems are
 * listed here as (row, field, problem), so the analyst fixes the file and tries again.
 */
export function ImportDialog({ api, timeZone, onClose, onImported }: { api: WallApi; timeZone: string; onClose(): void; onImported(result: ImportResult): void }) {
  const { t, i18n } = useTranslation();
  const fmt = useMemo(() => formatters(i18n.language), [i18n.language]);
  const [file, setFile] = useState<Loaded | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<ImportField, string>>>({});
  const [fields, setFields] = useState<string[]>([]);
  const [zone, setZone] = useState(timeZone);
  const [dateOrder, setDateOrder] = useState<'auto' | 'dmy' | 'mdy' | 'ymd'>('auto');
  const [delimiter, setDelimiter] = useState<'auto' | ',' | ';' | '\t' | '|'>('auto');
  const [decimalComma, setDecimalComma] = useState<'auto' | 'yes' | 'no'>('auto');
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const read = async (f: File) => {
    setResult(null);
    setError(null);
    const text = await f.text();
    const geo = /\.(geo)?json$/i.test(f.name) || text.trimStart().startsWith('{');
    if (geo) {
      const preview = previewGeoJson(text);
      if ('problem' in preview) {
        setFile({ name: f.name, text, format: 'geojson', header: [], rows: [], total: 0, problem: preview.problem });
        return;
      }
      setFile({ name: f.name, text, format: 'geojson', ...preview });
      const guess = guessMapping(preview.header.filter((h) => h !== GEOJSON_FEATURE_ID));
      setMapping({ time: guess.time, timeOfDay: guess.timeOfDay, category: guess.category, id: guess.id ?? GEOJSON_FEATURE_ID });
      setFields(guess.fields.filter((h) => h !== guess.lat && h !== guess.lng));
    } else {
      const preview = previewCsv(text, delimiter === 'auto' ? undefined : delimiter);
      setFile({ name: f.name, text, format: 'csv', ...preview });
      const { fields: rest, ...guess } = guessMapping(preview.header);
      setMapping(guess);
      setFields(rest);
    }
  };

  const mappedColumns = useMemo(() => new Set(Object.values(mapping).filter(Boolean)), [mapping]);
  const zoneOk = isValidTimeZone(zone);
  const missing = file ? FIELDS.filter((f) => REQUIRED.has(f) && !(file.format === 'geojson' && (f === 'lat' || f === 'lng')) && !mapping[f]) : [];
  const canImport = file && !file.problem && missing.length === 0 && zoneOk && progress === null;

  const run = async () => {
    if (!file || !canImport) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const m = {
        lat: file.format === 'geojson' ? '' : mapping.lat!,
        lng: file.format === 'geojson' ? '' : mapping.lng!,
        time: mapping.time!,
        ...(mapping.timeOfDay ? { timeOfDay: mapping.timeOfDay } : {}),
        ...(mapping.category ? { category: mapping.category } : {}),
        ...(mapping.id ? { id: mapping.id } : {}),
        fields: fields.filter((f) => !mappedColumns.has(f)),
      };
      const begin = await api.call('analytics.importBegin', {
        format: file.format,
        fileName: file.name.slice(0, 255) || 'import',
        mapping: m,
        options: { timeZone: zone, dateOrder, delimiter, decimalComma },
        totalChars: file.text.length,
      });
      if (!begin.ok) throw new Error(begin.error.message);
      const { importId, chunkChars } = begin.value;
      const chunks = Math.ceil(file.text.length / chunkChars);
      for (let k = 0; k < chunks; k++) {
        const sent = await api.call('analytics.importChunk', { importId, index: k, text: file.text.slice(k * chunkChars, (k + 1) * chunkChars) });
        if (!sent.ok) throw new Error(sent.error.message);
        setProgress((k + 1) / chunks);
      }
      const committed = await api.call('analytics.importCommit', { importId });
      if (!committed.ok) throw new Error(committed.error.message);
      setResult(committed.value);
      if (committed.value.status === 'imported') onImported(committed.value);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const columnOptions = (field: ImportField) => (
    <select
      value={mapping[field] ?? ''}
      onChange={(e) => setMapping({ ...mapping, [field]: e.target.value || undefined })}
      data-field={field}
      aria-label={t(`analytics.import.field.${field}`)}
    >
      <option value="">{REQUIRED.has(field) ? t('analytics.import.choose') : t('analytics.import.none')}</option>
      {file?.header.map((h) => (
        <option key={h} value={h}>
          {h}
        </option>
      ))}
    </select>
  );

  return (
    <div className="analytics-modal" role="dialog" aria-modal="true" aria-label={t('analytics.import.title')} data-testid="import-dialog">
      <div className="analytics-modal__box">
        <header className="analytics-modal__head">
          <h2>{t('analytics.import.title')}</h2>
          <button type="button" onClick={onClose} aria-label={t('analytics.close')}>
            ×
          </button>
        </header>
        <p className="analytics-muted">{t('analytics.import.intro')}</p>
        <input type="file" accept=".csv,.txt,.tsv,.geojson,.json" data-testid="import-file" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
        {file?.problem ? <p className="analytics-error">{file.problem}</p> : null}
        {file && !file.problem ? (
          <>
            <p className="analytics-muted">{t('analytics.import.fileInfo', { name: file.name, rows: file.total, format: file.format === 'csv' ? 'CSV' : 'GeoJSON' })}</p>
            <div className="analytics-import__grid">
              {FIELDS.filter((f) => !(file.format === 'geojson' && (f === 'lat' || f === 'lng'))).map((f) => (
                <label key={f}>
                  <span>
                    {t(`analytics.import.field.${f}`)}
                    {REQUIRED.has(f) ? ' *' : ''}
                  </span>
                  {columnOptions(f)}
                </label>
              ))}
              <label>
                <span>{t('analytics.import.timeZone')}</span>
                <input value={zone} onChange={(e) => setZone(e.target.value)} className={zoneOk ? '' : 'is-invalid'} />
              </label>
              <label>
                <span>{t('analytics.import.dateOrder')}</span>
                <select value={dateOrder} onChange={(e) => setDateOrder(e.target.value as typeof dateOrder)}>
                  {(['auto', 'dmy', 'mdy', 'ymd'] as const).map((o) => (
                    <option key={o} value={o}>
                      {t(`analytics.import.order.${o}`)}
                    </option>
                  ))}
                </select>
              </label>
              {file.format === 'csv' ? (
                <>
                  <label>
                    <span>{t('analytics.import.delimiter')}</span>
                    <select
                      value={delimiter}
                      onChange={(e) => {
                        const d = e.target.value as typeof delimiter;
                        setDelimiter(d);
                        const preview = previewCsv(file.text, d === 'auto' ? undefined : d);
                        setFile({ ...file, ...preview });
                        const { fields: rest, ...guess } = guessMapping(preview.header);
                        setMapping(guess);
                        setFields(rest);
                      }}
                    >
                      <option value="auto">{t('analytics.import.auto', { value: DELIMITER_LABEL[previewCsv(file.text, undefined, 0).delimiter] })}</option>
                      {CSV_DELIMITERS.map((d) => (
                        <option key={d} value={d}>
                          {DELIMITER_LABEL[d]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    <span>{t('analytics.import.decimalComma')}</span>
                    <select value={decimalComma} onChange={(e) => setDecimalComma(e.target.value as typeof decimalComma)}>
                      <option value="auto">{t('analytics.import.decimalAuto')}</option>
                      <option value="yes">{t('analytics.import.yes')}</option>
                      <option value="no">{t('analytics.import.no')}</option>
                    </select>
                  </label>
                </>
              ) : null}
            </div>
            {file.header.some((h) => !mappedColumns.has(h) && h !== '') ? (
              <fieldset className="analytics-import__fields">
                <legend>{t('analytics.import.keep')}</legend>
                {file.header
                  .filter((h) => !mappedColumns.has(h) && h !== '')
                  .map((h) => (
                    <label key={h}>
                      <input type="checkbox" checked={fields.includes(h)} onChange={(e) => setFields(e.target.checked ? [...fields, h] : fields.filter((x) => x !== h))} /> {h}
                    </label>
                  ))}
              </fieldset>
            ) : null}
            <div className="analytics-import__preview">
              <table>
                <thead>
                  <tr>
                    {file.header.map((h) => (
                      <th key={h} className={mappedColumns.has(h) ? 'is-mapped' : ''}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {file.rows.map((row, i) => (
                    <tr key={i}>
                      {file.header.map((h, k) => (
                        <td key={h}>{row[k]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
        {missing.length ? <p className="analytics-muted">{t('analytics.import.required', { fields: missing.map((f) => t(`analytics.import.field.${f}`)).join(', ') })}</p> : null}
        <footer className="analytics-modal__foot">
          {progress !== null ? <progress value={progress} max={1} /> : null}
          <button type="button" className="is-primary" disabled={!canImport} onClick={() => void run()} data-testid="import-run">
            {t('analytics.import.run')}
          </button>
        </footer>
        {error ? <p className="analytics-error">{error}</p> : null}
        {result?.status === 'imported' ? (
          <p className="analytics-ok" data-testid="import-result" data-status="imported">
            {t('analytics.import.done', { rows: fmt.n(result.rows), added: fmt.n(result.added), updated: fmt.n(result.updated), total: fmt.n(result.total) })}
          </p>
        ) : null}
        {result?.status === 'rejected' ? (
          <div className="analytics-import__problems" data-testid="import-result" data-status="rejected" data-problems={result.problemCount}>
            <p className="analytics-error">{t('analytics.import.rejected', { problems: fmt.n(result.problemCount), rows: fmt.n(result.rowsWithProblems), total: fmt.n(result.rows) })}</p>
            <table data-testid="import-problems">
              <thead>
                <tr>
                  <th>{t('analytics.import.row')}</th>
                  <th>{t('analytics.import.column')}</th>
                  <th>{t('analytics.import.problem')}</th>
                  <th>{t('analytics.import.value')}</th>
                </tr>
              </thead>
              <tbody>
                {result.problems.map((p, i) => (
                  <tr key={i} title={p.problem}>
                    <td>{p.row}</td>
                    <td>{p.field}</td>
                    <td>{t(`analytics.import.code.${p.code}`, { defaultValue: p.problem })}</td>
                    <td>{p.value ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.problemCount > result.problems.length ? <p className="analytics-muted">{t('analytics.import.moreProblems', { count: result.problemCount - result.problems.length })}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
