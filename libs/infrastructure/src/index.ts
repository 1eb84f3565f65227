export * from './infrastructure';
export * from './data-dir-lock';
