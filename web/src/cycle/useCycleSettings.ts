// The region's cycle settings for the settings page: loaded once, saved whole through PUT /api/cycle/settings.
import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type CycleSettings, cycleApi } from './api';

export function useCycleSettings() {
  const { message } = App.useApp();
  const [settings, setSettings] = useState<CycleSettings>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    cycleApi.settings().then(setSettings, (e: Error) => setError(e.message));
  }, []);
  const save = useCallback(
    async (next: CycleSettings): Promise<boolean> => {
      setSaving(true);
      try {
        setSettings(await cycleApi.saveSettings(next));
        message.success('已保存本地区的全年管理设置（已记入操作日志）');
        return true;
      } catch (e) {
        message.error((e as Error).message);
        return false;
      } finally {
        setSaving(false);
      }
    },
    [message],
  );
  return { settings, error, saving, save };
}
