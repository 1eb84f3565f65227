// Types of scripts/check-compose.js, for its unit test (apps/local-cluster/src/compose.unit.spec.ts).

/** The services of the distributed shape, in the order they start. */
export declare const APP_SERVICES: readonly string[];
/** The services docker-compose.yml must have: those and nginx. */
export declare const REQUIRED_SERVICES: readonly string[];
/** Reads a compose file as Compose does: YAML with anchors and `<<` merge keys. */
export declare function loadCompose(file: string): unknown;
/** Problems of the document against the Compose Specification schema (none: valid). */
export declare function schemaProblems(document: unknown): string[];
/** What the schema cannot check; `dir` is the compose file's directory. */
export declare function shapeProblems(document: unknown, dir: string): string[];
