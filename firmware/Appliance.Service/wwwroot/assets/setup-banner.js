// "Finish setup" at the top of the page while the first-run wizard is not done; a page opts in
// with one <script type="module"> tag, so it stays independent of that page's own module.
import { el } from './common.js';
import { wizardPending } from './wizard-status.js';

if (await wizardPending()) {
  document.querySelector('main').prepend(el('p', { id: 'setup-banner', class: 'banner' },
    'Setup is not finished. ', el('a', { href: '/web/wizard' }, 'Finish setup')));
}
