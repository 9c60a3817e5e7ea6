export * from './segments';
export * from './classifier-eval';
export * from './persona-tables';
