import { postJson } from '../protocol/api';

/** Buttons marked data-culture switch the language; the server keeps the choice in a cookie. */
export function wireLanguageSwitcher(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-culture]')) {
    button.addEventListener('click', async () => {
      const culture = button.dataset['culture'];
      if (!culture || button.getAttribute('aria-pressed') === 'true') {
        return;
      }
      button.disabled = true;
      const result = await postJson<{ culture: string }>('/api/preferences/culture', { culture });
      if (result.ok) {
        window.location.reload();
      } else {
        button.disabled = false;
      }
    });
  }
}
