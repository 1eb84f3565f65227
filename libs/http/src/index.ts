export * from './problem-details';
export * from './problem-details.filter';
export * from './validation';
export * from './configure-http-app';
export * from './page-request.dto';
export * from './iso-date.validators';
export * from './body-problem';
export * from './client-errors';
