using AnHop.Server.Accounts;

namespace AnHop.Server.Web;

/// <summary>
/// "My meetings": schedule or start a meeting, show its link and passcode once, invite people, rotate a leaked link.
/// The page carries no data: ui/meetings reads and changes it through /api/meetings.
/// </summary>
public static class MeetingsPages
{
    public static IEndpointRouteBuilder MapMeetingsPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/meetings", (PageRenderer pages) =>
        {
            string E(string key) => PageRenderer.Encode(pages.Text[key]);
            var body = $"""
                <div class="my-meetings" data-role="my-meetings">
                <div class="title-row">
                <h1>{E("MeetingsPage.Title")}</h1>
                <button type="button" class="primary" data-action="instant">{E("MeetingsPage.Instant")}</button>
                </div>
                <section class="panel created" data-role="created" tabindex="-1" aria-labelledby="created-title" hidden>
                <h2 id="created-title" data-role="created-title"></h2>
                {SecretFields(pages, "created")}
                </section>
                <details class="panel" data-role="schedule-panel">
                <summary>{E("MeetingsPage.Schedule")}</summary>
                <form data-role="schedule" novalidate>
                <fieldset>
                <label>{E("MeetingsPage.MeetingTitle")}<input name="title" required maxlength="200"></label>
                <div class="row">
                <label>{E("MeetingsPage.Date")}<input name="date" type="date" required></label>
                <label>{E("MeetingsPage.Time")}<input name="time" type="time" required></label>
                <label>{E("MeetingsPage.Duration")}<select name="duration">
                <option value="30">30 {E("MeetingsPage.Minutes")}</option>
                <option value="60" selected>60 {E("MeetingsPage.Minutes")}</option>
                <option value="90">90 {E("MeetingsPage.Minutes")}</option>
                <option value="120">120 {E("MeetingsPage.Minutes")}</option>
                <option value="180">180 {E("MeetingsPage.Minutes")}</option>
                </select></label>
                </div>
                <button class="primary" type="submit">{E("MeetingsPage.Create")}</button>
                </fieldset>
                <p data-role="status" role="status" aria-live="polite"></p>
                </form>
                </details>
                <h2>{E("MeetingsPage.ListTitle")}</h2>
                <p data-role="list-status" role="status" aria-live="polite"></p>
                <ul class="meeting-list" data-role="meetings"></ul>
                <dialog data-role="rotate-dialog" aria-labelledby="rotate-title">
                <h2 id="rotate-title">{E("MeetingsPage.RotateTitle")}</h2>
                <div data-role="rotate-ask">
                <p>{E("MeetingsPage.RotateExplain")}</p>
                <div class="actions">
                <button type="button" data-action="close">{E("Ui.Cancel")}</button>
                <button type="button" class="danger" data-action="rotate-confirm">{E("MeetingsPage.RotateConfirm")}</button>
                </div>
                </div>
                <div data-role="rotate-done" hidden>
                {SecretFields(pages, "rotated")}
                <div class="actions"><button type="button" class="primary" data-action="close">{E("Ui.Close")}</button></div>
                </div>
                <p data-role="status" role="status" aria-live="polite"></p>
                </dialog>
                <dialog data-role="invite-dialog" aria-labelledby="invite-title">
                <h2 id="invite-title">{E("MeetingsPage.InviteTitle")}</h2>
                <form data-role="invite" novalidate>
                <label>{E("MeetingsPage.InviteEmails")}<textarea name="emails" rows="3" required maxlength="5000"></textarea><span class="hint">{E("MeetingsPage.InviteHint")}</span></label>
                <button class="primary" type="submit">{E("MeetingsPage.InviteSend")}</button>
                </form>
                <p data-role="status" role="status" aria-live="polite"></p>
                <h3>{E("MeetingsPage.InvitationsTitle")}</h3>
                <ul class="invitations" data-role="invitations"></ul>
                <div class="actions"><button type="button" data-action="close">{E("Ui.Close")}</button></div>
                </dialog>
                </div>
                """;
            return pages.Page("meetings", pages.Text["MeetingsPage.Title"], body, clientText: ["MeetingsPage.", "Ui."]);
        }).ExcludeFromDescription().RequireAuthorization(AuthorizationPolicies.SignedIn);
        return routes;
    }

    /// <summary>The link and the passcode, each with a copy button; filled by script, shown once.</summary>
    private static string SecretFields(PageRenderer pages, string prefix)
    {
        string E(string key) => PageRenderer.Encode(pages.Text[key]);
        return $"""
            <div class="secret">
            <label for="{prefix}-link">{E("MeetingsPage.Link")}</label>
            <div class="copy-row"><input id="{prefix}-link" data-role="link" readonly><button type="button" data-copy="{prefix}-link">{E("Ui.Copy")}</button></div>
            <label for="{prefix}-passcode" data-part="passcode">{E("MeetingsPage.Passcode")}</label>
            <div class="copy-row" data-part="passcode"><input id="{prefix}-passcode" data-role="passcode" readonly><button type="button" data-copy="{prefix}-passcode">{E("Ui.Copy")}</button></div>
            <p class="hint" data-part="passcode">{E("MeetingsPage.PasscodeOnce")}</p>
            </div>
            """;
    }
}
