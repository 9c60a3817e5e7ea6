export * from './figure';
export * from './eda';
export * from './features';
export * from './cluster';
export * from './neural';
export * from './personas';
