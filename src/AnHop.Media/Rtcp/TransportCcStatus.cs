namespace AnHop.Media.Rtcp;

/// <summary>
/// Packet status symbols of transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.1).
/// The values are the wire symbols; symbol 3 is reserved and rejected by the parser.
/// </summary>
public enum TransportCcStatus : byte
{
    NotReceived = 0,

    /// <summary>Received, with a one-byte unsigned receive delta.</summary>
    ReceivedSmallDelta = 1,

    /// <summary>Received, with a two-byte signed receive delta (a large or negative gap).</summary>
    ReceivedLargeDelta = 2,
}
