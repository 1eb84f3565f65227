// Whose key seals a personal text: each data key belongs to one owner, named here once for the
// map of personal fields, erasure, retention and the API.
export const keyOwner = {
  signal: (signalId: string) => `signal:${signalId}`,
  subject: (fingerprint: string) => `subject:${fingerprint}`,
  escalation: (escalationId: string) => `escalation:${escalationId}`,
  riecContacts: (riecRegion: string) => `contacts:riec-${riecRegion}`,
  municipalityContacts: (municipality: string) => `contacts:municipality-${municipality}`,
  snooze: (snoozeId: string) => `snooze:${snoozeId}`,
} as const;
