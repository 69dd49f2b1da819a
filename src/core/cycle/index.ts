// The budget-performance cycle (目标 → 监控 → 自评 → 整改 → 结果应用 → 公开): one import for its pure domain.
export * from './labels.js';
export * from './findings.js';
export * from './compare.js';
export * from './targets.js';
export * from './monitoring.js';
export * from './signals.js';
export * from './rectification.js';
export * from './results.js';
export * from './workflow.js';
