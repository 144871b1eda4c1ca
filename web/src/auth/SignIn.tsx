import { Alert, Button, Card, Collapse, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import type { ConsoleConfig } from '../config';
import { currentSession, homeOf, keepSession, userManager } from './session';

/** The sign-in screen: one button to the union's sign-in page (OpenID Connect, code + PKCE). */
export function SignIn({ config }: { config: ConsoleConfig }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState('');
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
  const useToken = () => {
    const signedIn = keepSession(token.trim());
    if (signedIn) navigate(homeOf(signedIn), { replace: true });
    else setError('令牌无效或已过期。');
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
          {window.location.hostname === 'localhost' && (
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'token',
                  label: '本地开发：使用令牌登录',
                  children: (
                    <Space.Compact style={{ width: '100%' }}>
                      <Input
                        aria-label="令牌"
                        placeholder="npm run token -- op-heping"
                        value={token}
                        onChange={(event) => setToken(event.target.value)}
                      />
                      <Button onClick={useToken}>使用</Button>
                    </Space.Compact>
                  ),
                },
              ]}
            />
          )}
        </Space>
      </Card>
    </main>
  );
}
