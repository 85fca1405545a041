/**
 * AI Platform pages and entity views for Backstage.
 *
 * @packageDocumentation
 */

export { aiPlatformPlugin as default } from './plugin';
export { aiPlatformApiRef } from './api';
