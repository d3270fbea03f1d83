export const DASHBOARD_PATH = '/observatoire';
export const MAP_PATH = '/observatoire/carte';
export const NEAR_REPEAT_PATH = '/observatoire/repetitions';
