using Fido2NetLib;

namespace AnHop.Server.Accounts.Passkeys;

/// <summary>
/// The WebAuthn relying party for the request: its id is the host name the browser used, the one allowed origin its
/// scheme, host and port. (Fido2.AspNet, which would register this, is not available here.)
/// </summary>
public static class RelyingParty
{
    public const string Name = "AnHop";

    public static Fido2 For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Fido2(new Fido2Configuration
        {
            RPID = request.Host.Host,
            RPName = Name,
            Origins = new HashSet<string>(StringComparer.Ordinal) { $"{request.Scheme}://{request.Host.Value}" },
        });
    }
}
