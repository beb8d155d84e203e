// The site shell shared by signed-in screens: the header's sign-out button.
import { signOut } from '../../protocol/account';

export function wireSiteShell(root: ParentNode): void {
  const button = root.querySelector<HTMLButtonElement>('button[data-action=sign-out]');
  button?.addEventListener('click', async () => {
    button.disabled = true;
    await signOut();
    // Whatever the answer, leave the signed-in screens: a failed call means the session was already gone.
    window.location.assign('/sign-in');
  });
}
