import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './i18n/index.js';

/** Photos taken with the phone's camera (or chosen), kept with the draft until they are sent. */
export function PhotoField({ photos, onChange }: { photos: File[]; onChange: (photos: File[]) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="incident-field photo-field">
      <label htmlFor={inputId}>{t('offline.photo.label')}</label>
      <input id={inputId} type="file" accept="image/jpeg,image/png,image/webp" capture="environment" multiple aria-describedby={hintId}
        onChange={(event) => {
          onChange([...photos, ...(event.target.files ?? [])]);
          event.target.value = '';
        }} />
      <p id={hintId} className="incident-hint">{t('offline.photo.hint')}</p>
      {photos.length > 0 && (
        <ul className="photo-field__list">
          {photos.map((photo, index) => (
            <li key={`${photo.name}-${index}`}>
              {photo.name}{' '}
              <button type="button" className="button button--secondary" aria-label={t('offline.photo.remove', { name: photo.name })}
                onClick={() => onChange(photos.filter((_, other) => other !== index))}>×</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
