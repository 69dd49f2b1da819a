// The figure sections of the evaluation form (一 to 六 and 八), one file each under sections/.
export { AssetsWorkSection } from './sections/AssetsWorkSection';
export { BasicInfo } from './sections/BasicInfo';
export { BudgetSection } from './sections/BudgetSection';
export { NarrativeSection } from './sections/NarrativeSection';
export { MetricList } from './sections/shared';
export { FundsSection, StaffingSection } from './sections/StaffingFunds';
export { TasksSection } from './sections/TasksSection';
