import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { RequireSession } from './session/RequireSession.tsx';
import { Shell } from './shell/Shell.tsx';
import { RequirePermission } from './session/RequirePermission.tsx';
import { NotFound } from './screens/NotFound.tsx';
import { RouteError } from './screens/RouteError.tsx';
import { Screen } from './ui/Screen.tsx';
import { ADMIN_PERMISSIONS } from './shell/nav.ts';

// One chunk per screen (React.lazy): the first visit downloads the shell and the screen it
// opens, nothing else.
const screen = (load: () => Promise<ComponentType>) => {
  const Lazy = lazy(async () => ({ default: await load() }));
  return (
    <Screen>
      <Lazy />
    </Screen>
  );
};

const authRoutes: RouteObject[] = [
  {
    path: 'sign-in',
    element: screen(() => import('./screens/auth/SignIn.tsx').then((m) => m.SignIn)),
  },
  {
    path: 'sign-in/mfa',
    element: screen(() => import('./screens/auth/Mfa.tsx').then((m) => m.Mfa)),
  },
  {
    path: 'enroll',
    element: screen(() => import('./screens/auth/Enroll.tsx').then((m) => m.Enroll)),
  },
  {
    path: 'sign-up',
    element: screen(() => import('./screens/auth/SignUp.tsx').then((m) => m.SignUp)),
  },
  {
    path: 'forgot-password',
    element: screen(() =>
      import('./screens/auth/ForgotPassword.tsx').then((m) => m.ForgotPassword),
    ),
  },
  {
    path: 'reset-password',
    element: screen(() => import('./screens/auth/ResetPassword.tsx').then((m) => m.ResetPassword)),
  },
  {
    path: 'accept-invitation',
    element: screen(() =>
      import('./screens/auth/AcceptInvitation.tsx').then((m) => m.AcceptInvitation),
    ),
  },
  {
    // A reminder email's link: the client has no account, so it stands outside the shell.
    path: 'r/:token',
    element: screen(() =>
      import('./screens/reminder-reply/ReminderReply.tsx').then((m) => m.ReminderReply),
    ),
  },
  {
    path: 'signed-out',
    element: screen(() => import('./screens/auth/SignedOut.tsx').then((m) => m.SignedOut)),
  },
];

/**
 * Screens inside the shell. A new screen is one entry here (with RequirePermission when only
 * some roles may use it) plus, if it belongs in the navigation, one entry in shell/nav.ts.
 */
const appRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="/today" replace /> },
  {
    path: 'today',
    element: screen(() => import('./screens/today/Today.tsx').then((m) => m.Today)),
  },
  {
    path: 'clients',
    element: <RequirePermission anyOf={['read:client:own', 'read:client:any']} />,
    children: [
      {
        index: true,
        element: screen(() => import('./screens/clients/ClientList.tsx').then((m) => m.ClientList)),
      },
      {
        path: 'new',
        element: (
          <RequirePermission anyOf={['write:client:own', 'write:client:any']}>
            {screen(() => import('./screens/clients/NewClient.tsx').then((m) => m.NewClient))}
          </RequirePermission>
        ),
      },
      {
        path: ':clientId/*',
        element: screen(() => import('./screens/clients/ClientPage.tsx').then((m) => m.ClientPage)),
      },
    ],
  },
  {
    path: 'calendar',
    element: (
      <RequirePermission anyOf={['read:schedule:any']}>
        {screen(() => import('./screens/calendar/Calendar.tsx').then((m) => m.Calendar))}
      </RequirePermission>
    ),
  },
  {
    path: 'notes/:noteId',
    element: (
      <RequirePermission anyOf={['read:note:own']}>
        {screen(() => import('./screens/notes/NoteEditor.tsx').then((m) => m.NoteEditor))}
      </RequirePermission>
    ),
  },
  {
    path: 'cosign',
    element: (
      <RequirePermission anyOf={['cosign:note:supervisee']}>
        {screen(() => import('./screens/notes/CosignQueue.tsx').then((m) => m.CosignQueue))}
      </RequirePermission>
    ),
  },
  {
    path: 'admin/*',
    element: (
      <RequirePermission anyOf={ADMIN_PERMISSIONS}>
        {screen(() => import('./screens/admin/Admin.tsx').then((m) => m.Admin))}
      </RequirePermission>
    ),
  },
  {
    path: 'account',
    element: screen(() => import('./screens/account/Account.tsx').then((m) => m.Account)),
  },
  { path: '*', element: <NotFound /> },
];

export const router = createBrowserRouter([
  {
    path: '/',
    errorElement: <RouteError />,
    children: [
      ...authRoutes,
      {
        element: (
          <RequireSession>
            <Shell />
          </RequireSession>
        ),
        children: appRoutes,
      },
    ],
  },
]);
