using System.Text;
using AnHop.Media.Sdp;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Sdp;

public class SdpFuzzTests
{
    [Fact]
    public void Fuzz_MutatedChromiumOffers_NeverThrowAndRoundTrip()
    {
        var seeds = SdpTestData.Captures.SelectMany(name => Slices(SdpTestData.Read(name)))
            .Append("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-lite\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"u8.ToArray())
            .ToList();
        Assert.True(seeds.Count > 20);
        Assert.All(seeds, seed => Assert.InRange(seed.Length, 1, 2048));

        var count = Fuzzer.Run("sdp", Exercise, seeds, maxLength: 2048);

        Assert.Equal(Fuzzer.DefaultIterations, count);
    }

    /// <summary>
    /// Cuts a captured offer into valid descriptions of about 1 KiB: its session lines, then one m= line with a run
    /// of the lines under it. Every line is kept verbatim and every line of the capture lands in some slice, while
    /// each input stays small enough for 10^6 of them to run within the test budget.
    /// </summary>
    private static IEnumerable<byte[]> Slices(string capture, int linesPerSlice = 12)
    {
        var lines = capture.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var session = lines.TakeWhile(line => !line.StartsWith("m=", StringComparison.Ordinal)).ToArray();
        var sections = new List<List<string>>();
        foreach (var line in lines.Skip(session.Length))
        {
            if (line.StartsWith("m=", StringComparison.Ordinal))
            {
                sections.Add([line]);
            }
            else
            {
                sections[^1].Add(line);
            }
        }

        foreach (var section in sections)
        {
            for (var at = 1; at < section.Count; at += linesPerSlice)
            {
                var slice = session.Append(section[0]).Concat(section.Skip(at).Take(linesPerSlice));
                yield return Encoding.UTF8.GetBytes(string.Join("\r\n", slice) + "\r\n");
            }
        }
    }

    /// <summary>
    /// Parses the bytes as UTF-8 text; when it parses, every typed accessor runs and the description
    /// must write and parse back to an equal model.
    /// </summary>
    private static void Exercise(ReadOnlySpan<byte> input)
    {
        if (!SessionDescription.TryParse(input, out var sdp, out var reason))
        {
            if (reason is null)
            {
                throw new InvalidOperationException("refused without a reason");
            }

            return;
        }

        ReadTyped(sdp.Attributes);
        foreach (var media in sdp.Media)
        {
            _ = media.PayloadTypes;
            ReadTyped(media.Attributes);
        }

        var written = sdp.Write();
        if (!SessionDescription.TryParse(written, out var again, out reason) || !again.Equals(sdp))
        {
            throw new InvalidOperationException("written description did not parse back equal: " + reason);
        }
    }

    private static void ReadTyped(SdpAttributeList attributes)
    {
        // Only attributes whose name matches are parsed, so a mutated name costs nothing here.
        foreach (var attribute in attributes)
        {
            var value = attribute.Value;
            if (value is null)
            {
                continue;
            }

            _ = attribute.Name switch
            {
                SdpAttributeNames.Group => Format<SdpGroup>(value),
                SdpAttributeNames.Fingerprint => Format<SdpFingerprint>(value),
                SdpAttributeNames.Msid => Format<Msid>(value),
                SdpAttributeNames.MsidSemantic => Format<MsidSemantic>(value),
                SdpAttributeNames.Extmap => Format<Extmap>(value),
                SdpAttributeNames.RtpMap => Format<RtpMap>(value),
                SdpAttributeNames.Fmtp => Format<Fmtp>(value),
                SdpAttributeNames.RtcpFeedback => Format<RtcpFeedback>(value),
                SdpAttributeNames.Ssrc => Format<SsrcAttribute>(value),
                SdpAttributeNames.SsrcGroup => Format<SsrcGroup>(value),
                SdpAttributeNames.Rid => Format<Rid>(value),
                SdpAttributeNames.Simulcast => Format<Simulcast>(value),
                SdpAttributeNames.Candidate => Format<IceCandidate>(value),
                _ => null,
            };
        }

        _ = (attributes.Mid, attributes.IceUfrag, attributes.IcePwd, attributes.IceOptions, attributes.Setup, attributes.Direction);
        _ = attributes.Fmtps.Select(fmtp => fmtp.AssociatedPayloadType).Count();
    }

    // A value that parses must format to text that parses to the same value.
    private static string? Format<T>(string value) where T : class, ISdpAttributeValue<T>
    {
        if (!T.TryParse(value, out var parsed))
        {
            return null;
        }

        var formatted = parsed.FormatValue();
        if (!T.TryParse(formatted, out var again) || !again.Equals(parsed))
        {
            throw new InvalidOperationException($"{T.AttributeName}: '{value}' formatted as '{formatted}' did not parse back equal");
        }

        return formatted;
    }
}
