export const SESSIONS_PATH = '/deliberations';
export const SESSION_ROUTE = '/deliberations/seances/:sessionId';
export const ITEM_ROUTE = '/deliberations/points/:itemId';

export const sessionPath = (id: number) => `/deliberations/seances/${id}`;
export const itemPath = (id: number) => `/deliberations/points/${id}`;
export const extractPdfUrl = (itemId: number) => `/api/deliberations/items/${itemId}/extract.pdf`;
