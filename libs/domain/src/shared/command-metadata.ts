// What every command carries besides its payload: the caller's clock and identity, so that
// deciders never read a clock or a session themselves.

export interface CommandMetadata {
  /** The moment the command is handled (the server clock, or the rule's clock for rules). */
  now: Date;
  /** Who asks: the JWT `sub` of a user, or a system actor such as the rule engine. */
  actor: string;
}
