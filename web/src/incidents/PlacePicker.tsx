import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, useApi, type ResidenceMap } from '../shared/api.js';
import type { Position } from '../shared/map/bounds.js';
import { RemoteView } from '../shared/RemoteView.js';
import type { NearestPlace } from './api.js';
import { PlaceMap } from './PlaceMap.js';
import { ResidencePlaces, type ChosenPlace } from './ResidencePlaces.js';
import { ResidenceSearch } from './ResidenceSearch.js';

export type PickedPlace = ChosenPlace & { position: Position | null };

type Nearby = { state: 'idle' } | { state: 'busy' } | { state: 'error'; message: string } | { state: 'ready'; at: Position; places: NearestPlace[] };

const nearestLabel = (place: NearestPlace) => `${place.name} — ${place.residenceName}`;
const fromNearest = (place: NearestPlace): PickedPlace => ({ kind: place.kind, id: place.id, label: nearestLabel(place), position: [place.lon, place.lat] });

/**
 * The place of an incident, three ways: a patrimony search, a tap on the map or the phone's
 * position — the last two snapped by the API to the nearest entrance or building.
 */
export function PlacePicker({ value, onChange, invalid }: { value: PickedPlace | null; onChange: (place: PickedPlace | null) => void; invalid: boolean }) {
  const { t } = useTranslation();
  const residences = useApi<ResidenceMap>('/api/patrimony/map/residences');
  const [residenceId, setResidenceId] = useState<number | null>(null);
  const [nearby, setNearby] = useState<Nearby>({ state: 'idle' });

  const snap = async (lon: number, lat: number) => {
    setNearby({ state: 'busy' });
    setResidenceId(null);
    try {
      const places = await getJson<NearestPlace[]>(`/api/incidents/places/nearest?${new URLSearchParams({ lon: String(lon), lat: String(lat) })}`);
      setNearby({ state: 'ready', at: [lon, lat], places });
      onChange(places[0] ? fromNearest(places[0]) : null);
    } catch (error) {
      setNearby({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setNearby({ state: 'error', message: t('incidents.place.positionUnsupported') });
      return;
    }
    setNearby({ state: 'busy' });
    navigator.geolocation.getCurrentPosition(
      (position) => void snap(position.coords.longitude, position.coords.latitude),
      (error) => setNearby({ state: 'error', message: t('incidents.place.positionRefused', { detail: error.message }) }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <fieldset className={`incident-place${invalid ? ' incident-place--invalid' : ''}`} aria-describedby="incident-place-chosen">
      <legend>{t('incidents.record.place')}</legend>
      <p id="incident-place-chosen" role="status" className="incident-place__chosen" data-testid="chosen-place">
        {value ? t('incidents.place.chosen', { name: value.label }) : invalid ? t('incidents.place.missing') : ''}
      </p>
      <button type="button" className="button button--secondary" onClick={locate}>{t('incidents.place.position')}</button>
      <ResidenceSearch onChoose={(residence) => {
        setNearby({ state: 'idle' });
        setResidenceId(residence.id);
        onChange({ kind: 'residence', id: residence.id, label: residence.name, position: residence.lon !== null && residence.lat !== null ? [residence.lon, residence.lat] : null });
      }} />
      {residenceId !== null && value && (
        <ResidencePlaces residenceId={residenceId} value={value} onChange={(place) => onChange({ ...place, position: value.position })} />
      )}
      <p className="incident-hint">{t('incidents.place.mapHint')}</p>
      <RemoteView remote={residences}>{(data) => <PlaceMap residences={data} picked={value?.position ?? null} onTap={(lon, lat) => void snap(lon, lat)} />}</RemoteView>
      <NearbyChoices nearby={nearby} value={value} onChange={onChange} />
    </fieldset>
  );
}

function NearbyChoices({ nearby, value, onChange }: { nearby: Nearby; value: PickedPlace | null; onChange: (place: PickedPlace) => void }) {
  const { t } = useTranslation();
  if (nearby.state === 'idle') return null;
  if (nearby.state === 'busy') return <p role="status">{t('incidents.place.locating')}</p>;
  if (nearby.state === 'error') return <p role="alert" className="alert">{nearby.message}</p>;
  if (nearby.places.length === 0) return <p role="status">{t('incidents.place.nothingNear')}</p>;
  return (
    <fieldset className="incident-nearby" data-testid="nearest-places" data-lon={nearby.at[0]} data-lat={nearby.at[1]}>
      <legend>{t('incidents.place.candidates')}</legend>
      {nearby.places.map((place) => (
        <label key={`${place.kind}:${place.id}`} className="incident-radio">
          <input type="radio" name="nearest-place" checked={value?.kind === place.kind && value.id === place.id} onChange={() => onChange(fromNearest(place))} />
          {t('incidents.place.distance', { name: place.name, residence: place.residenceName, distance: Math.round(place.distanceMetres) })}
        </label>
      ))}
    </fieldset>
  );
}
