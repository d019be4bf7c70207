export * from './errors';
export * from './model';
export * from './http';
export * from './events';
