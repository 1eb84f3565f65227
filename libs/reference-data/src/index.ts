// Reference data: municipalities, safety regions, RIEC regions and their boundaries.
export * from './reference-data';
