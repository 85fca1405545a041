/**
 * Extension points and service for adopters of the AI Platform backend:
 * cluster sources, snapshot collectors and conformance checks.
 *
 * @packageDocumentation
 */

export * from './clusters';
export * from './collectors';
export * from './conformance';
export * from './extensions';
export * from './service';
