import { Spin } from 'antd';

export function Loading({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div className="jx-loading" role="status" aria-live="polite">
      <Spin />
      <span>{tip}</span>
    </div>
  );
}
