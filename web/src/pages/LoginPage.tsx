import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../app/api';
import type { Me } from '../app/types';

export default function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => Promise<void> }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await api.login(v.username.trim(), v.password);
      await onSignedIn(me);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="jx-login">
      <section className="jx-login-card" aria-labelledby="login-title">
        <div className="jx-login-brand">
          <span className="jx-brand-mark jx-brand-mark-lg" aria-hidden>
            绩
          </span>
          <div>
            <h1 id="login-title">部门整体支出绩效自评系统</h1>
            <p>填报 · 计分 · 审核 · 分析</p>
          </div>
        </div>
        {error ? <Alert type="error" showIcon title={error} className="jx-login-error" role="alert" /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
        <p className="jx-login-foot">账号由本地区财政局管理员分配。忘记密码请联系管理员重置。</p>
      </section>
      <footer className="jx-login-legal">
        依据《中共中央 国务院关于全面实施预算绩效管理的意见》开展部门整体支出绩效自评
      </footer>
    </main>
  );
}
