import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { Navigate } from 'react-router';
import type { ConsoleConfig } from '../config';
import { currentSession, homeOf, userManager } from './session';

/** The sign-in screen: one button to the union's sign-in page (OpenID Connect, code + PKCE). */
export function SignIn({ config }: { config: ConsoleConfig }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const session = currentSession();
  if (session) return <Navigate to={homeOf(session)} replace />;
  const expired = new URLSearchParams(window.location.search).has('expired');

  const signIn = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await userManager(config).signinRedirect();
    } catch (cause) {
      console.warn(cause);
      setError('无法连接统一登录服务，请稍后再试。');
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420 }}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={2} style={{ marginBottom: 4 }}>
              工会维权服务平台
            </Typography.Title>
            <Typography.Text type="secondary">12351坐席 · 志愿律师 · 调解员 · 法律部 工作台</Typography.Text>
          </div>
          {expired && <Alert type="warning" showIcon title="登录已过期，请重新登录。" />}
          {error && <Alert type="error" showIcon title={error} />}
          <Button type="primary" size="large" block loading={busy} onClick={() => void signIn()}>
            登录
          </Button>
        </Space>
      </Card>
    </main>
  );
}
