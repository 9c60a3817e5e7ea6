export * from './segments';
export * from './classifier-eval';
export * from './persona-tables';
export * from './data-tables';
export * from './persona-comparison';
