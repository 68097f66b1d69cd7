import { createApp } from 'vue';
import InspectorApp from './InspectorApp.vue';
// After the components, so that the page's rules come after Vant's in the stylesheet.
import '../common/phone.css';

createApp(InspectorApp).mount('#app');

// Lets a reload without network still open the page (offline-worker.ts). Browsers allow it on HTTPS and localhost only.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/inspect-sw.js', { scope: '/inspect' }).catch(() => undefined);
