using AnHop.Server.Localization;
using AnHop.Server.Web;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Meetings.Entry;

/// <summary>
/// The markup of the entry page: a pre-join section and a waiting-room section (hidden until the person knocks).
/// Every text is encoded; the script (src/web/src/ui/lobby) attaches by data-role and data-action.
/// </summary>
internal static class MeetingEntryPage
{
    public static string Render(IStringLocalizer<SharedResource> t, string code, bool signedIn, bool simulcast)
    {
        string E(string key) => PageRenderer.Encode(t[key]);
        return $"""
            <section class="lobby" data-role="lobby" data-meeting="{PageRenderer.Encode(code)}" data-signed-in="{(signedIn ? "true" : "false")}" data-simulcast="{(simulcast ? "true" : "false")}">
            <div class="prejoin" data-role="prejoin">
            <h1>{E("Lobby.Title")}</h1>
            <p class="lead">{E("Lobby.Lead")}</p>
            <div class="prejoin-grid">
            <div class="preview-panel">
            <div class="preview" data-role="preview-frame">
            <video data-role="preview" muted autoplay playsinline aria-label="{E("Lobby.Preview")}"></video>
            <p class="preview-off" data-role="preview-off" hidden>{E("Lobby.CameraIsOff")}</p>
            </div>
            <div class="media-toggles">
            <button type="button" class="toggle" data-action="toggle-microphone" aria-pressed="true">{E("Lobby.Microphone")}</button>
            <button type="button" class="toggle" data-action="toggle-camera" aria-pressed="true">{E("Lobby.Camera")}</button>
            </div>
            <label class="level">{E("Lobby.MicrophoneLevel")}
            <meter data-role="microphone-level" min="0" max="1" low="0.15" high="0.85" optimum="0.5" value="0"></meter>
            </label>
            <p class="device-status" data-role="device-status" role="status" aria-live="polite" hidden></p>
            </div>
            <form class="panel join-form" data-role="join-form" novalidate>
            <fieldset>
            <label>{E("Lobby.Name")}
            <input name="displayName" autocomplete="name" maxlength="80" required aria-describedby="lobby-name-error">
            <span class="field-error" id="lobby-name-error" data-error-for="displayName"></span>
            </label>
            <label>{E("Lobby.Passcode")}
            <input name="passcode" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="128" required aria-describedby="lobby-passcode-hint lobby-passcode-error">
            <span class="hint" id="lobby-passcode-hint">{E("Lobby.PasscodeHint")}</span>
            <span class="field-error" id="lobby-passcode-error" data-error-for="passcode"></span>
            </label>
            <label>{E("Lobby.CameraDevice")}
            <select name="camera" data-role="camera-select"></select>
            </label>
            <label>{E("Lobby.MicrophoneDevice")}
            <select name="microphone" data-role="microphone-select"></select>
            </label>
            <p class="join-error" data-role="join-error" role="alert"></p>
            <button type="submit" class="primary" data-action="join">{E("Lobby.Join")}</button>
            <p class="hint">{E("Lobby.MeetingCode")} <code>{PageRenderer.Encode(code)}</code></p>
            </fieldset>
            </form>
            </div>
            </div>
            <div class="waiting-room" data-role="waiting-room" hidden>
            <p class="eyebrow">{E("Lobby.Waiting.Eyebrow")}</p>
            <h1 data-role="waiting-title" tabindex="-1"></h1>
            <div class="waiting-card">
            <span class="waiting-pulse" aria-hidden="true"></span>
            <p class="waiting-state" data-role="waiting-status" role="status" aria-live="polite">{E("Lobby.Waiting.Status")}</p>
            <p data-role="waiting-who">{E("Lobby.Waiting.Who")}</p>
            <p class="hint">{E("Lobby.Waiting.Keep")}</p>
            <button type="button" class="secondary" data-action="leave-waiting">{E("Lobby.Waiting.Leave")}</button>
            </div>
            </div>
            </section>
            """;
    }
}
