export * from './psi';
export * from './schema';
export * from './drift';
export * from './bundle';
export * from './build';
export * from './score';
export * from './summary';
export * from './ranges';
