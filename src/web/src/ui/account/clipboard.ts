// Copy buttons: the text goes to the clipboard; where that is refused, the text is selected for the person to copy.
import { t } from '../text';

export async function copyText(text: string, field?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return false;
  }
}

/** Buttons with data-copy="{input id}" copy that input's value and say so for a moment. */
export function wireCopyButtons(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset['copy'] ?? '') as HTMLInputElement | null;
      if (!field) {
        return;
      }
      await confirmCopy(button, await copyText(field.value, field));
    });
  }
}

export async function confirmCopy(button: HTMLButtonElement, copied: boolean): Promise<void> {
  const label = button.dataset['label'] ?? button.textContent ?? '';
  button.dataset['label'] = label;
  button.textContent = copied ? t('Ui.Copied') : t('Ui.CopyFailed');
  await new Promise((resolve) => window.setTimeout(resolve, 2000));
  button.textContent = label;
}
