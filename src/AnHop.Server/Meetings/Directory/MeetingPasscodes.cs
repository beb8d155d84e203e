using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using AnHop.Server.Accounts;
using Microsoft.AspNetCore.Identity;

namespace AnHop.Server.Meetings.Directory;

/// <summary>
/// Passcodes hashed with Argon2id like passwords. <see cref="Verify"/> always runs one Argon2id computation, against a
/// dummy hash when there is no meeting or no passcode, so an unknown meeting costs the same as a wrong passcode.
/// </summary>
public sealed class MeetingPasscodes
{
    private readonly Argon2idPasswordHasher<MeetingPasscodes> _hasher = new();
    private readonly string _dummyHash;

    public MeetingPasscodes()
    {
        _dummyHash = _hasher.HashPassword(this, PasscodeGenerator.Create(MeetingPolicy.SecureDefault));
    }

    public string Hash(string passcode) => _hasher.HashPassword(this, passcode);

    /// <summary>True only when <paramref name="hash"/> exists and <paramref name="passcode"/> matches it.</summary>
    public bool Verify(string? hash, string? passcode)
    {
        // Argon2 refuses an empty input; a space is never part of a valid passcode, so it never matches.
        var result = _hasher.VerifyHashedPassword(this, hash ?? _dummyHash, string.IsNullOrEmpty(passcode) ? " " : passcode);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}
