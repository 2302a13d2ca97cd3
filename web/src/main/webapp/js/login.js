import * as api from './api.js';
import { bindLoginForm } from './login-form.js';

api.session().then(() => location.replace('console.html'), () => {});

bindLoginForm(async () => location.replace('console.html'));
