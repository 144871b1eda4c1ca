import { Button, Input, Layout, Menu, Space, Tag, Typography, App } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { onSessionExpired } from '../api/client';
import { findCaseByNumber } from '../api/cases';
import { messageOf } from '../api/errors';
import { currentSession, forgetSession, userManager, type Session } from '../auth/session';
import type { ConsoleConfig } from '../config';
import { ROLE_LABELS, type Role } from '../lib/labels';

const MENUS: Record<Role, { key: string; label: string }[]> = {
  operator: [
    { key: '/hotline', label: '来电登记' },
    { key: '/hotline/followups', label: '待回访' },
  ],
  lawyer: [
    { key: '/desk', label: '待认领案件' },
    { key: '/desk/mine', label: '我的案件' },
  ],
  mediator: [
    { key: '/desk', label: '待认领案件' },
    { key: '/desk/mine', label: '我的案件' },
  ],
  legal_admin: [
    { key: '/dept', label: '督办与预警' },
    { key: '/dept/transfers', label: '转交待办' },
    { key: '/dept/roster', label: '律师调解员名册' },
    { key: '/dept/report', label: '月度报表' },
    { key: '/hotline/followups', label: '待回访' },
  ],
};

function menuOf(session: Session) {
  const seen = new Set<string>();
  return session.roles.flatMap((role) => MENUS[role]).filter((item) => !seen.has(item.key) && seen.add(item.key));
}

/** The frame every screen sits in: role menu on the left, case search and the signed-in person on top. */
export function ConsoleLayout({ config }: { config: ConsoleConfig }) {
  const navigate = useNavigate();
  const location = useLocation();
  const { modal, message } = App.useApp();
  const [searching, setSearching] = useState(false);
  const session = currentSession();
  const expiresAt = session?.expiresAt;

  useEffect(() => {
    let warned = false;
    const expire = () => {
      if (warned) return;
      warned = true;
      forgetSession();
      modal.warning({
        title: '登录已过期',
        content: '为保护职工信息，登录一段时间后需要重新登录。未保存的填写内容请重新录入。',
        okText: '重新登录',
        onOk: () => navigate('/login?expired=1', { replace: true }),
      });
    };
    const stop = onSessionExpired(expire);
    // The token's own expiry, so an idle screen says so before the next click fails.
    const timer = expiresAt ? setTimeout(expire, Math.max(0, expiresAt * 1000 - Date.now())) : undefined;
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [modal, navigate, expiresAt]);

  if (!session) return <Navigate to="/login" replace />;
  const items = menuOf(session);
  const selected = items
    .map((item) => item.key)
    .filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)[0];

  const search = async (value: string) => {
    const typed = value.trim();
    if (!typed) return;
    setSearching(true);
    try {
      const found = await findCaseByNumber(typed);
      if (found) navigate(`/case/${found}`);
      else message.warning(`未找到案件 ${typed}（或不在您单位的管辖范围内）。`);
    } catch (error) {
      message.error(messageOf(error));
    } finally {
      setSearching(false);
    }
  };
  const signOut = async () => {
    const idToken = session.idToken;
    forgetSession();
    try {
      await userManager(config).signoutRedirect({ id_token_hint: idToken });
    } catch {
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={0}>
        <div className="brand">工会维权工作台</div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', gap: 16 }}>
          <Input.Search
            aria-label="按案件编号查找"
            placeholder="案件编号，如 210102-20261201-0001"
            enterButton="查找"
            loading={searching}
            onSearch={(value) => void search(value)}
            style={{ maxWidth: 420 }}
          />
          <Space style={{ marginLeft: 'auto' }}>
            {session.roles.map((role) => (
              <Tag key={role} color="red">
                {ROLE_LABELS[role]}
              </Tag>
            ))}
            <Typography.Text>{session.name}</Typography.Text>
            <Button onClick={() => void signOut()}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
