/** SQL only: each function is one statement over one organisation's incidents, by subject. */
export * from './repository/categories.js';
export * from './repository/places.js';
export * from './repository/records.js';
export * from './repository/timeline.js';
export * from './repository/import-staging.js';
export * from './repository/lists.js';
export * from './repository/perimeter.js';
export * from './repository/hall-levels.js';
export * from './repository/statistics.js';
