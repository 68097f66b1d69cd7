import { createApp } from 'vue';
import '../common/phone.css';
import AckApp from './AckApp.vue';

createApp(AckApp).mount('#app');
