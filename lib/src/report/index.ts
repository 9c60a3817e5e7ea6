export * from './html';
export * from './export';
export * from './chromium';
