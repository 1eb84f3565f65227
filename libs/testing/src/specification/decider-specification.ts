// Given/When/Then for pure deciders, in the spirit of Emmett's DeciderSpecification:
// given the events so far, when this command, then these events (or this error).

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event | readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

// Any error class: the specification only needs instanceof, so its constructor's parameters do
// not matter (never[] accepts every parameter list).
type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

export interface DeciderThen<Event, State> {
  /** The command yields exactly these events (compared as JSON: undefined = absent). */
  then(expected: Event | readonly Event[]): void;
  /** The command yields no events: an idempotent repeat, or nothing to do. */
  thenNothingHappened(): void;
  /** The command is refused with this error class, and `check` holds for the error. */
  thenThrows<E extends Error>(
    errorClass: ErrorClass<E>,
    check?: (error: E) => boolean | void,
  ): void;
  /** The state after the given events and the yielded ones satisfies `check` (which asserts). */
  thenState(check: (state: State) => void): void;
}

export interface DeciderGiven<Command, Event, State> {
  when(command: Command): DeciderThen<Event, State>;
}

export interface DeciderSpecificationFor<Command, Event, State> {
  (events?: Event | readonly Event[]): DeciderGiven<Command, Event, State>;
  given(events?: Event | readonly Event[]): DeciderGiven<Command, Event, State>;
}

export const DeciderSpecification = {
  for<Command, Event, State>(
    decider: Decider<Command, Event, State>,
  ): DeciderSpecificationFor<Command, Event, State> {
    const given = (events: Event | readonly Event[] = []): DeciderGiven<Command, Event, State> => ({
      when: (command) => {
        const state = asList(events).reduce(
          (current, event) => decider.evolve(current, event),
          decider.initialState(),
        );
        // Decide lazily, so that thenThrows can catch what decide throws.
        const decide = (): Event[] => asList(decider.decide(command, state));
        return {
          then: (expected) => expect(decide()).toEqual(asList(expected)),
          thenNothingHappened: () => expect(decide()).toEqual([]),
          thenThrows: (errorClass, check) => {
            let thrown: unknown;
            let events: Event[] | undefined;
            try {
              events = decide();
            } catch (error) {
              thrown = error;
            }
            if (events !== undefined) {
              throw new Error(
                `Expected ${errorClass.name}, but the command yielded ${JSON.stringify(events)}`,
              );
            }
            expect(thrown).toBeInstanceOf(errorClass);
            if (check !== undefined && check(thrown as never) === false) {
              throw new Error(
                `${errorClass.name} was thrown but does not satisfy the check: ${String(thrown)}`,
              );
            }
          },
          thenState: (check) =>
            check(decide().reduce((current, event) => decider.evolve(current, event), state)),
        };
      },
    });
    return Object.assign(given, { given });
  },
};

/** One side of an event processor (a reactor, a rule engine): state and input in, outputs out. */
export interface Reactor<Input, Output, State> {
  initialState(): State;
  react(state: State, input: Input): { state: State; outputs: readonly Output[] };
}

export interface ReactorThen<Output, State> {
  /** The `when` inputs yield exactly these outputs, in order. */
  then(expected: Output | readonly Output[]): void;
  thenNothingHappened(): void;
  /** Free-form assertions over the outputs and the final state. */
  thenMatches(check: (outputs: readonly Output[], state: State) => void): void;
}

/**
 * Given these inputs were processed (their outputs are not under test), when these inputs come,
 * then these outputs. Used for the rule engine, whose inputs are events of the global log.
 */
export const ReactorSpecification = {
  for<Input, Output, State>(reactor: Reactor<Input, Output, State>) {
    const given = (inputs: Input | readonly Input[] = []) => ({
      when: (next: Input | readonly Input[]): ReactorThen<Output, State> => {
        const run = (): { outputs: Output[]; state: State } => {
          let state = asList(inputs).reduce(
            (current, input) => reactor.react(current, input).state,
            reactor.initialState(),
          );
          const outputs: Output[] = [];
          for (const input of asList(next)) {
            const result = reactor.react(state, input);
            state = result.state;
            outputs.push(...result.outputs);
          }
          return { outputs, state };
        };
        return {
          then: (expected) => expect(run().outputs).toEqual(asList(expected)),
          thenNothingHappened: () => expect(run().outputs).toEqual([]),
          thenMatches: (check) => {
            const { outputs, state } = run();
            check(outputs, state);
          },
        };
      },
    });
    return Object.assign(given, { given });
  },
};

function asList<T>(value: T | readonly T[]): T[] {
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}
