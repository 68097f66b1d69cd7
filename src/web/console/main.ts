import 'element-plus/dist/index.css';
import './console.css';
import { createApp } from 'vue';
import App from './App.vue';
import { whenUnauthenticated } from './api/client';
import { router } from './router';
import { session } from './session';

whenUnauthenticated(() => {
  session.me = null;
  if (router.currentRoute.value.name !== 'login') void router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
});

createApp(App).use(router).mount('#app');
