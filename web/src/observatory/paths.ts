export const DASHBOARD_PATH = '/observatoire';
export const MAP_PATH = '/observatoire/carte';
