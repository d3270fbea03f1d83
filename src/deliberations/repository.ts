/** SQL only: the register of one organisation, read and written as the API's shapes, by subject. */
export * from './repository/landlord.js';
export * from './repository/instances.js';
export * from './repository/members.js';
export * from './repository/sessions.js';
export * from './repository/items.js';
export * from './repository/links.js';
export * from './repository/register.js';
