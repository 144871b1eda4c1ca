import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Role } from '../lib/labels';
import { currentSession } from './session';

/** Hides screens a role has no use for; the API still refuses what the role may not do. */
export function RequireSession({ roles, children }: { roles?: readonly Role[] | undefined; children: ReactNode }) {
  const session = currentSession();
  if (!session) return <Navigate to="/login" replace />;
  if (roles && !session.roles.some((role) => roles.includes(role))) {
    return <Result status="403" title="无权访问" subTitle="您的岗位不使用此页面，请从左侧菜单进入您的工作页面。" />;
  }
  return <>{children}</>;
}
