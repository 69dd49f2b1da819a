// 修改密码: one's own password (POST /api/auth/password); the server's rules and messages, repeated here.
import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../app/api';
import { navigate } from '../app/router';
import type { PageProps } from '../app/router';
import { PageHeader } from '../components/PageHeader';

interface Values {
  currentPassword: string;
  newPassword: string;
  again: string;
}

export default function PasswordPage(_: PageProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.changePassword(v.currentPassword, v.newPassword);
      message.success('密码已修改；其他设备上的登录需要重新登录');
      navigate('/');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="jx-page">
      <PageHeader title="修改密码" sub="新密码至少 8 个字符，不能由同一个字符组成。" />
      <Card className="jx-card" style={{ maxWidth: 480 }}>
        <Form<Values> layout="vertical" onFinish={submit} disabled={busy} requiredMark={false}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '密码至少 8 个字符' },
              { max: 200, message: '密码不能超过 200 个字符' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="again"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_r, v) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            修改密码
          </Button>
        </Form>
      </Card>
    </div>
  );
}
