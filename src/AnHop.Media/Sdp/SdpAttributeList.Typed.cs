namespace AnHop.Media.Sdp;

/// <summary>Typed accessors and builders for the attributes JSEP (RFC 8829) and an SFU use.</summary>
public sealed partial class SdpAttributeList
{
    /// <summary>a=mid (RFC 5888 §4).</summary>
    public string? Mid
    {
        get => GetValue(SdpAttributeNames.Mid);
        set => SetOrRemove(SdpAttributeNames.Mid, value);
    }

    /// <summary>a=ice-ufrag (RFC 8839 §5.4).</summary>
    public string? IceUfrag
    {
        get => GetValue(SdpAttributeNames.IceUfrag);
        set => SetOrRemove(SdpAttributeNames.IceUfrag, value);
    }

    /// <summary>a=ice-pwd (RFC 8839 §5.4).</summary>
    public string? IcePwd
    {
        get => GetValue(SdpAttributeNames.IcePwd);
        set => SetOrRemove(SdpAttributeNames.IcePwd, value);
    }

    /// <summary>a=ice-options tokens, e.g. trickle (RFC 8839 §5.6).</summary>
    public IReadOnlyList<string> IceOptions
    {
        get => GetValue(SdpAttributeNames.IceOptions)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        set => SetOrRemove(SdpAttributeNames.IceOptions, value is null || value.Count == 0 ? null : string.Join(' ', value));
    }

    /// <summary>a=setup (RFC 4145 §4); Unknown when absent or unrecognised.</summary>
    public SetupRole Setup
    {
        get => SetupRoleText.Parse(GetValue(SdpAttributeNames.Setup));
        set => SetOrRemove(SdpAttributeNames.Setup, value == SetupRole.Unknown ? null : value.ToSdp());
    }

    /// <summary>
    /// The sendrecv/sendonly/recvonly/inactive attribute, or Unknown when none is present
    /// (RFC 8866 §6.7 then means sendrecv). Setting replaces the present one in place.
    /// </summary>
    public MediaDirection Direction
    {
        get
        {
            foreach (var attribute in this)
            {
                if (attribute.Value is null && MediaDirectionText.Parse(attribute.Name) is var direction && direction != MediaDirection.Unknown)
                {
                    return direction;
                }
            }

            return MediaDirection.Unknown;
        }

        set
        {
            var at = -1;
            for (var i = Count - 1; i >= 0; i--)
            {
                if (MediaDirectionText.Parse(this[i].Name) != MediaDirection.Unknown)
                {
                    if (at >= 0)
                    {
                        RemoveAt(at);
                    }

                    at = i;
                }
            }

            if (value == MediaDirection.Unknown)
            {
                if (at >= 0)
                {
                    RemoveAt(at);
                }
            }
            else if (at >= 0)
            {
                this[at] = new SdpAttribute(value.ToSdp());
            }
            else
            {
                Add(value.ToSdp());
            }
        }
    }

    public bool RtcpMux
    {
        get => Has(SdpAttributeNames.RtcpMux);
        set => SetFlag(SdpAttributeNames.RtcpMux, value);
    }

    public bool RtcpRsize
    {
        get => Has(SdpAttributeNames.RtcpRsize);
        set => SetFlag(SdpAttributeNames.RtcpRsize, value);
    }

    public bool IceLite
    {
        get => Has(SdpAttributeNames.IceLite);
        set => SetFlag(SdpAttributeNames.IceLite, value);
    }

    public bool EndOfCandidates
    {
        get => Has(SdpAttributeNames.EndOfCandidates);
        set => SetFlag(SdpAttributeNames.EndOfCandidates, value);
    }

    public bool ExtmapAllowMixed
    {
        get => Has(SdpAttributeNames.ExtmapAllowMixed);
        set => SetFlag(SdpAttributeNames.ExtmapAllowMixed, value);
    }

    public SdpFingerprint? Fingerprint => Get<SdpFingerprint>();

    public IReadOnlyList<SdpFingerprint> Fingerprints => GetAll<SdpFingerprint>();

    public Msid? Msid => Get<Msid>();

    public MsidSemantic? MsidSemantic => Get<MsidSemantic>();

    public IReadOnlyList<SdpGroup> Groups => GetAll<SdpGroup>();

    /// <summary>The first a=group:BUNDLE (RFC 9143 §7.1), or null.</summary>
    public SdpGroup? Bundle => Groups.FirstOrDefault(group => group.Semantics == SdpGroup.Bundle);

    public Simulcast? Simulcast => Get<Simulcast>();

    public IReadOnlyList<Extmap> Extmaps => GetAll<Extmap>();

    public IReadOnlyList<RtpMap> RtpMaps => GetAll<RtpMap>();

    public IReadOnlyList<Fmtp> Fmtps => GetAll<Fmtp>();

    public IReadOnlyList<RtcpFeedback> RtcpFeedbacks => GetAll<RtcpFeedback>();

    public IReadOnlyList<SsrcAttribute> Ssrcs => GetAll<SsrcAttribute>();

    public IReadOnlyList<SsrcGroup> SsrcGroups => GetAll<SsrcGroup>();

    public IReadOnlyList<Rid> Rids => GetAll<Rid>();

    public IReadOnlyList<IceCandidate> Candidates => GetAll<IceCandidate>();

    public RtpMap? FindRtpMap(byte payloadType) => RtpMaps.FirstOrDefault(map => map.PayloadType == payloadType);

    public Fmtp? FindFmtp(byte payloadType) => Fmtps.FirstOrDefault(fmtp => fmtp.PayloadType == payloadType);

    /// <summary>The rtcp-fb lines for a payload type, including '*' lines.</summary>
    public IReadOnlyList<RtcpFeedback> FeedbackFor(byte payloadType) =>
        RtcpFeedbacks.Where(feedback => feedback.AppliesTo(payloadType)).ToList();

    /// <summary>The extmap id bound to a URI, or null.</summary>
    public int? FindExtmapId(string uri) => Extmaps.FirstOrDefault(extmap => extmap.Uri == uri)?.Id;

    private void SetFlag(string name, bool present)
    {
        if (!present)
        {
            RemoveAll(name);
        }
        else if (!Has(name))
        {
            Add(name);
        }
    }

    private void SetOrRemove(string name, string? value)
    {
        if (value is null)
        {
            RemoveAll(name);
        }
        else
        {
            Set(name, value);
        }
    }
}
