import { createApp } from 'vue';
import '../common/phone.css';
import InspectorApp from './InspectorApp.vue';

createApp(InspectorApp).mount('#app');
