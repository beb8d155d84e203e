using System.ComponentModel.DataAnnotations;
using AnHop.Server.Web;

namespace AnHop.Server.Setup;

public static class SetupEndpoints
{
    public static IEndpointRouteBuilder MapSetup(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/setup", (PageRenderer pages) =>
        {
            var t = pages.Text;
            var body = $"""
                <h1>{PageRenderer.Encode(t["Setup.Title"])}</h1>
                <p class="lead">{PageRenderer.Encode(t["Setup.Lead"])}</p>
                <form class="panel" data-role="setup" data-success="{PageRenderer.Encode(t["Setup.Success"])}" novalidate>
                <fieldset>
                <label>{PageRenderer.Encode(t["Setup.Email"])}<input name="email" type="email" autocomplete="email" required maxlength="254"></label>
                <label>{PageRenderer.Encode(t["Setup.DisplayName"])}<input name="displayName" autocomplete="name" required maxlength="100"></label>
                <label>{PageRenderer.Encode(t["Setup.OrganisationName"])}<input name="organisationName" autocomplete="organization" maxlength="200"></label>
                <label>{PageRenderer.Encode(t["Setup.Password"])}<input name="password" type="password" autocomplete="new-password" required minlength="12" aria-describedby="password-hint"><span id="password-hint" class="hint">{PageRenderer.Encode(t["Setup.PasswordHint"])}</span></label>
                <label>{PageRenderer.Encode(t["Setup.ConfirmPassword"])}<input name="confirmPassword" type="password" autocomplete="new-password" required minlength="12"></label>
                <button class="primary" type="submit">{PageRenderer.Encode(t["Setup.Submit"])}</button>
                </fieldset>
                <p data-role="status" role="status" aria-live="polite"></p>
                </form>
                """;
            return pages.Page("setup", t["Setup.Title"], body);
        }).ExcludeFromDescription().AllowAnonymous();

        routes.MapPost("/api/setup", async (SetupRequest request, FirstAdministratorSetup setup, PageRenderer pages, CancellationToken ct) =>
        {
            var t = pages.Text;
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254 || !new EmailAddressAttribute().IsValid(request.Email))
            {
                errors["email"] = [t["Setup.EmailInvalid"]];
            }

            if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Trim().Length > 100)
            {
                errors["displayName"] = [t["Setup.NameRequired"]];
            }

            if (request.Password is null || request.Password.Length < 12)
            {
                errors["password"] = [t["Setup.PasswordTooShort"]];
            }
            else if (!string.Equals(request.Password, request.ConfirmPassword, StringComparison.Ordinal))
            {
                errors["confirmPassword"] = [t["Setup.PasswordsDiffer"]];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: t["Setup.Failed"]);
            }

            var outcome = await setup.CompleteAsync(request.Token ?? "", request.Email!.Trim(), request.DisplayName!.Trim(), request.Password!, request.OrganisationName, ct);
            if (outcome.TokenInvalid)
            {
                return Results.Problem(title: t["Setup.InvalidToken"], statusCode: StatusCodes.Status403Forbidden);
            }

            return outcome.Succeeded
                ? Results.Ok(new { email = request.Email.Trim() })
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. outcome.Errors] }, title: t["Setup.Failed"]);
        }).RequireAnHopRequestHeader().AllowAnonymous(); // the one-time token is the authorisation

        return routes;
    }
}

public sealed record SetupRequest(string? Token, string? Email, string? DisplayName, string? Password, string? ConfirmPassword, string? OrganisationName = null);
