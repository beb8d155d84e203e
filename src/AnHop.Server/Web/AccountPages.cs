using AnHop.Server.Accounts;

namespace AnHop.Server.Web;

/// <summary>
/// The sign-in page (password, then the second factor or a required password change) and the account page
/// (password, two-factor authentication, sessions). The pages carry no data: ui/account reads and changes it
/// through /api/account.
/// </summary>
public static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sign-in", (PageRenderer pages, string? returnUrl) =>
        {
            string E(string key) => PageRenderer.Encode(pages.Text[key]);
            var target = IsLocalPath(returnUrl) ? returnUrl! : "/meetings";
            var body = $"""
                <section class="auth" data-role="sign-in" data-return="{PageRenderer.Encode(target)}">
                <h1>{E("SignInPage.Title")}</h1>
                <form class="panel" data-step="password" novalidate>
                <fieldset>
                <label>{E("SignInPage.Email")}<input name="email" type="email" autocomplete="username" required maxlength="254" autofocus></label>
                <label>{E("SignInPage.Password")}<input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
                <button class="primary" type="submit">{E("SignInPage.Submit")}</button>
                </fieldset>
                <p data-role="status" role="status" aria-live="polite"></p>
                </form>
                <form class="panel" data-step="totp" novalidate hidden>
                <h2>{E("SignInPage.TotpTitle")}</h2>
                <fieldset>
                <label>{E("SignInPage.TotpCode")}<input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6" minlength="6"></label>
                <button class="primary" type="submit">{E("SignInPage.Verify")}</button>
                <button class="link" type="button" data-goto="recovery" hidden>{E("SignInPage.UseRecovery")}</button>
                </fieldset>
                <p data-role="status" role="status" aria-live="polite"></p>
                </form>
                <form class="panel" data-step="recovery" novalidate hidden>
                <h2>{E("SignInPage.RecoveryTitle")}</h2>
                <fieldset>
                <label>{E("SignInPage.RecoveryCode")}<input name="code" autocomplete="off" spellcheck="false" required maxlength="64"></label>
                <button class="primary" type="submit">{E("SignInPage.Verify")}</button>
                <button class="link" type="button" data-goto="totp" hidden>{E("SignInPage.UseTotp")}</button>
                </fieldset>
                <p data-role="status" role="status" aria-live="polite"></p>
                </form>
                <form class="panel" data-step="change-password" novalidate hidden>
                <h2>{E("SignInPage.ChangeTitle")}</h2>
                <p class="hint">{E("SignInPage.ChangeLead")}</p>
                {NewPasswordFields(pages)}
                <p data-role="status" role="status" aria-live="polite"></p>
                </form>
                </section>
                """;
            return pages.Page("sign-in", pages.Text["SignInPage.Title"], body, clientText: ["SignInPage.", "Password.", "Ui.", "Passkey."]);
        }).ExcludeFromDescription().AllowAnonymous();

        routes.MapGet("/account", (PageRenderer pages) =>
        {
            string E(string key) => PageRenderer.Encode(pages.Text[key]);
            var body = $"""
                <div class="account" data-role="account">
                <h1>{E("AccountPage.Title")}</h1>
                <p class="lead" data-role="identity"></p>
                <p class="notice" role="note" data-role="restriction" hidden></p>
                <section class="panel" aria-labelledby="password-title">
                <h2 id="password-title">{E("AccountPage.PasswordTitle")}</h2>
                <form data-role="change-password" novalidate>
                <label>{E("AccountPage.CurrentPassword")}<input name="currentPassword" type="password" autocomplete="current-password" required maxlength="256"></label>
                {NewPasswordFields(pages)}
                <p data-role="status" role="status" aria-live="polite"></p>
                </form>
                </section>
                <section class="panel" aria-labelledby="totp-title" data-role="two-factor">
                <h2 id="totp-title">{E("AccountPage.TwoFactorTitle")}</h2>
                <p data-role="totp-state"></p>
                <button type="button" class="primary" data-action="totp-setup" hidden>{E("AccountPage.TotpSetup")}</button>
                <div data-role="totp-enroll" hidden>
                <p>{E("AccountPage.TotpScan")}</p>
                <img class="qr" data-role="totp-qr" alt="{E("AccountPage.TotpQrAlt")}" width="200" height="200">
                <p class="hint">{E("AccountPage.TotpManual")} <code data-role="totp-secret"></code></p>
                <form data-role="totp-confirm" novalidate>
                <label>{E("AccountPage.TotpCode")}<input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6" minlength="6"></label>
                <button class="primary" type="submit">{E("AccountPage.TotpConfirm")}</button>
                </form>
                </div>
                <div data-role="recovery-codes" hidden>
                <p><strong>{E("AccountPage.RecoveryOnce")}</strong></p>
                <ol class="codes" data-role="recovery-list"></ol>
                <div class="actions">
                <button type="button" data-action="recovery-copy">{E("Ui.Copy")}</button>
                <button type="button" data-action="recovery-download">{E("AccountPage.RecoveryDownload")}</button>
                <button type="button" class="primary" data-action="recovery-done">{E("AccountPage.RecoveryDone")}</button>
                </div>
                </div>
                <form data-role="recovery-regenerate" novalidate hidden>
                <p class="hint">{E("AccountPage.RecoveryRegenerateLead")}</p>
                <label>{E("AccountPage.RecoveryRegenerateConfirm")}<input name="confirmation" type="password" autocomplete="current-password" required maxlength="256"></label>
                <button type="submit">{E("AccountPage.RecoveryRegenerate")}</button>
                </form>
                <form data-role="totp-disable" novalidate hidden>
                <label>{E("AccountPage.TotpDisableCode")}<input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6" minlength="6"></label>
                <button class="danger" type="submit">{E("AccountPage.TotpDisable")}</button>
                </form>
                <p data-role="status" role="status" aria-live="polite"></p>
                </section>
                <section class="panel" aria-labelledby="sessions-title">
                <h2 id="sessions-title">{E("AccountPage.SessionsTitle")}</h2>
                <p class="hint">{E("AccountPage.SessionsLead")}</p>
                <ul class="sessions" data-role="sessions"></ul>
                <p data-role="sessions-status" role="status" aria-live="polite"></p>
                </section>
                </div>
                """;
            return pages.Page("account", pages.Text["AccountPage.Title"], body, clientText: ["AccountPage.", "Password.", "Ui.", "Passkey."]);
        }).ExcludeFromDescription()
            // Any signed-in session, a restricted one too: this is where a forced password change or an
            // administrator's missing second factor is done (the APIs behind it decide what such a session may do).
            .RequireAuthorization(AuthorizationPolicies.AccountSetup);

        return routes;
    }

    /// <summary>New password, its confirmation and the live strength feedback (ui/account/passwordStrength.ts).</summary>
    private static string NewPasswordFields(PageRenderer pages)
    {
        string E(string key) => PageRenderer.Encode(pages.Text[key]);
        return $"""
            <fieldset data-role="new-password">
            <label>{E("Password.New")}<input name="newPassword" type="password" autocomplete="new-password" required minlength="12" maxlength="256" aria-describedby="strength-text"></label>
            <div class="strength" data-role="strength" data-score="-1" aria-hidden="true"><span></span><span></span><span></span><span></span></div>
            <p class="hint" id="strength-text" data-role="strength-text" aria-live="polite">{E("Password.Hint")}</p>
            <label>{E("Password.Confirm")}<input name="confirmPassword" type="password" autocomplete="new-password" required maxlength="256"></label>
            <button class="primary" type="submit">{E("Password.Submit")}</button>
            </fieldset>
            """;
    }

    /// <summary>A path on this site only: "//host" and "/\host" would leave it (an open redirect).</summary>
    internal static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\\', StringComparison.Ordinal) && url.Length <= 512;
}
