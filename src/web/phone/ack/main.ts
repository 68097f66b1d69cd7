import { createApp } from 'vue';
import AckApp from './AckApp.vue';
// After the components, so that the page's rules come after Vant's in the stylesheet.
import '../common/phone.css';

createApp(AckApp).mount('#app');
