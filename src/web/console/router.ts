import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { loadMe, session } from './session';

/** Every screen is its own chunk: Element Plus and ECharts parts load with the route that uses them. */
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: () => import('./views/ConsoleLayout.vue'),
    children: [
      { path: '', redirect: '/overview' },
      { path: 'overview', name: 'overview', component: () => import('./views/OverviewView.vue'), meta: { title: '态势总览' } },
      { path: 'forecast', name: 'forecast', component: () => import('./views/ForecastView.vue'), meta: { title: '研判', roles: ['commander', 'county_officer'] } },
      { path: 'simulation', name: 'simulation', component: () => import('./views/SimulationView.vue'), meta: { title: '采暖季模拟', roles: ['commander'] } },
      { path: 'issue', name: 'issue', component: () => import('./views/IssueView.vue'), meta: { title: '发布指令', roles: ['commander'] } },
      { path: 'directives', name: 'directives', component: () => import('./views/DirectivesView.vue'), meta: { title: '指令列表' } },
      { path: 'directives/:id', name: 'directive', component: () => import('./views/DirectiveView.vue'), meta: { title: '指令详情' } },
      { path: 'registry', name: 'registry', component: () => import('./views/RegistryView.vue'), meta: { title: '企业名录' } },
      { path: 'registry/quality', name: 'quality', component: () => import('./views/QualityView.vue'), meta: { title: '清单质量', roles: ['commander', 'county_officer', 'viewer'] } },
      { path: 'registry/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: '名录导入', roles: ['commander'] } },
      { path: 'registry/:code', name: 'enterprise', component: () => import('./views/EnterpriseView.vue'), meta: { title: '企业详情' } },
      { path: 'alerts', name: 'alerts', component: () => import('./views/AlertsView.vue'), meta: { title: '告警' } },
      { path: 'inspections', name: 'inspections', component: () => import('./views/InspectionsView.vue'), meta: { title: '督导检查' } },
      { path: 'ledger', name: 'ledger', component: () => import('./views/LedgerView.vue'), meta: { title: '考核' } },
      { path: 'report', name: 'report', component: () => import('./views/ReportView.vue'), meta: { title: '日报' } },
      { path: 'duty', name: 'duty', component: () => import('./views/DutyView.vue'), meta: { title: '值班表', roles: ['commander', 'viewer'] } },
      { path: 'users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { title: '用户', roles: ['commander'] } },
      { path: ':rest(.*)*', name: 'missing', component: () => import('./views/MissingView.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory('/console/'), routes });

router.beforeEach(async (to) => {
  if (!session.checked) await loadMe();
  if (to.meta.public) return true;
  if (!session.me) return { name: 'login', query: { next: to.fullPath } };
  const roles = to.meta.roles as string[] | undefined;
  if (roles && !roles.includes(session.me.role)) return { name: 'overview' };
  return true;
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 冬防指挥部`;
});
