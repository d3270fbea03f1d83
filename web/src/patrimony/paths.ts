export const SEARCH_PATH = '/patrimoine/recherche';

export const RESIDENCE_ROUTE = '/patrimoine/residences/:residenceId';

export const residencePath = (id: number) => `/patrimoine/residences/${id}`;

export const searchPath = (query: string) => `${SEARCH_PATH}?${new URLSearchParams({ q: query })}`;
