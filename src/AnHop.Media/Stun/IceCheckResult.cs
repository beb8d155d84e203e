namespace AnHop.Media.Stun;

/// <summary>What <see cref="IceLiteResponder"/> did with a datagram.</summary>
public enum IceCheckResult
{
    Unknown = 0,

    /// <summary>A valid connectivity check; a success response was written.</summary>
    Accepted,

    /// <summary>A valid check carrying USE-CANDIDATE; a success response was written and the sender is now the selected remote.</summary>
    Nominated,

    /// <summary>400 written: a non-Binding request, or USERNAME or MESSAGE-INTEGRITY missing (no MESSAGE-INTEGRITY in the answer), or PRIORITY missing from an authenticated check.</summary>
    BadRequest,

    /// <summary>401 written without MESSAGE-INTEGRITY: unknown ufrag or wrong MESSAGE-INTEGRITY (RFC 8489 §9.1.3).</summary>
    Unauthorized,

    /// <summary>420 written with UNKNOWN-ATTRIBUTES: an authenticated request had comprehension-required attributes we do not know.</summary>
    UnknownAttribute,

    /// <summary>487 written: the peer claims the controlled role, which a lite agent always has (RFC 8445 §7.3.1.1).</summary>
    RoleConflict,

    /// <summary>Dropped: not a well-formed STUN message.</summary>
    Malformed,

    /// <summary>Dropped: FINGERPRINT missing or wrong, so it may not be STUN at all (RFC 8445 §7.3, RFC 8489 §7.3).</summary>
    BadFingerprint,

    /// <summary>Dropped: an indication (keepalive) or a response; a lite agent sends no requests.</summary>
    NotRequest,

    /// <summary>Dropped: the response buffer cannot hold the answer. State is unchanged.</summary>
    ResponseBufferTooSmall,
}

public static class IceCheckResultExtensions
{
    /// <summary>True when a response was written and should be sent back to the source address.</summary>
    public static bool HasResponse(this IceCheckResult result) =>
        result is IceCheckResult.Accepted or IceCheckResult.Nominated or IceCheckResult.BadRequest
            or IceCheckResult.Unauthorized or IceCheckResult.UnknownAttribute or IceCheckResult.RoleConflict;
}
