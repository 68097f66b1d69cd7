import { createApp } from 'vue';
import InspectorApp from './InspectorApp.vue';
// After the components, so that the page's rules come after Vant's in the stylesheet.
import '../common/phone.css';

createApp(InspectorApp).mount('#app');
