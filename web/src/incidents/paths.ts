export const INCIDENTS_PATH = '/incidents';
export const NEW_INCIDENT_PATH = '/incidents/nouveau';
export const MY_INCIDENTS_PATH = '/incidents/mes-signalements';
export const INCIDENT_ROUTE = '/incidents/:incidentId';

export const incidentPath = (id: number) => `/incidents/${id}`;
