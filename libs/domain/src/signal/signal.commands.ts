// Commands of the Signal aggregate: already validated and typed (see signal.validation.ts), with
// the subjects' keyed fingerprints computed outside the domain and passed in.
import type { CommandMetadata } from '../shared/command-metadata';
import type {
  AmendableFacts,
  SignalFacts,
  SignalPersonalChanges,
  SignalPersonalData,
} from './signal.events';

export interface RecordSignal {
  type: 'RecordSignal';
  data: { signalId: string; facts: SignalFacts; personal: SignalPersonalData };
  metadata: CommandMetadata;
}

export interface AmendSignal {
  type: 'AmendSignal';
  data: {
    signalId: string;
    /** Corrected facts as asked; when `personalChanges.subjects` is given, so are their fingerprints. */
    changes: AmendableFacts;
    personalChanges: SignalPersonalChanges;
    reason: string;
  };
  metadata: CommandMetadata;
}

export interface RetractSignal {
  type: 'RetractSignal';
  data: { signalId: string; reason: string };
  metadata: CommandMetadata;
}

export type SignalCommand = RecordSignal | AmendSignal | RetractSignal;
