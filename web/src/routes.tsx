import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AuthCallback } from './auth/AuthCallback';
import { RequireSession } from './auth/RequireSession';
import { SignIn } from './auth/SignIn';
import { currentSession, homeOf } from './auth/session';
import type { ConsoleConfig } from './config';
import { ConsoleLayout } from './layout/ConsoleLayout';
import type { Role } from './lib/labels';

/**
 * Each role's screens are separate chunks, loaded when first opened: an
 * operator's browser never downloads the report's charts. Paths avoid the
 * API's own (/cases, /pool, /staff…): a reload of any screen must reach the
 * page, and the API's paths answer JSON.
 */
const screen = (load: () => Promise<{ default: ComponentType }>) => lazy(load);
const CallDesk = screen(() => import('./operator/CallDesk'));
const FollowUps = screen(() => import('./operator/FollowUps'));
const Pool = screen(() => import('./desk/Pool'));
const MyCases = screen(() => import('./desk/MyCases'));
const CasePage = screen(() => import('./cases/CasePage'));
const Dashboard = screen(() => import('./dept/Dashboard'));
const Transfers = screen(() => import('./dept/Transfers'));
const Roster = screen(() => import('./dept/Roster'));
const Report = screen(() => import('./dept/Report'));

function page(Screen: LazyExoticComponent<ComponentType>, roles?: readonly Role[]) {
  return (
    <RequireSession roles={roles}>
      <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} tip="加载中…" />}>
        <Screen />
      </Suspense>
    </RequireSession>
  );
}

function Home() {
  const session = currentSession();
  return <Navigate to={session ? homeOf(session) : '/login'} replace />;
}

export function createConsoleRouter(config: ConsoleConfig) {
  return createBrowserRouter([
    { path: '/login', element: <SignIn config={config} /> },
    { path: '/auth/callback', element: <AuthCallback config={config} /> },
    {
      element: <ConsoleLayout config={config} />,
      children: [
        { index: true, element: <Home /> },
        { path: 'hotline', element: page(CallDesk, ['operator']) },
        { path: 'hotline/followups', element: page(FollowUps, ['operator', 'legal_admin']) },
        { path: 'desk', element: page(Pool, ['lawyer', 'mediator']) },
        { path: 'desk/mine', element: page(MyCases, ['lawyer', 'mediator']) },
        { path: 'case/:caseId', element: page(CasePage) },
        { path: 'dept', element: page(Dashboard, ['legal_admin']) },
        { path: 'dept/transfers', element: page(Transfers, ['legal_admin']) },
        { path: 'dept/roster', element: page(Roster, ['legal_admin']) },
        { path: 'dept/report', element: page(Report, ['legal_admin']) },
        { path: '*', element: <Home /> },
      ],
    },
  ]);
}
