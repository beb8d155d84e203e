namespace AnHop.Server.Accounts;

/// <summary>Claims AnHop adds to the sign-in cookie.</summary>
public static class AccountClaims
{
    /// <summary>The <see cref="Data.UserSession"/> id, checked against the database on every request.</summary>
    public const string SessionId = "anhop:sid";

    /// <summary>Present while the session may only finish a required step; every ordinary policy refuses it.</summary>
    public const string Restriction = "anhop:restriction";
}

/// <summary>What a restricted session must do before anything else works.</summary>
public static class AccountRestrictions
{
    public const string PasswordChange = "passwordChange";
    public const string TwoFactorSetup = "twoFactorSetup";
}
