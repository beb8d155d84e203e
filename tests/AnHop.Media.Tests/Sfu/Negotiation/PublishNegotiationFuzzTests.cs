using System.Text;
using AnHop.Media.Sdp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using AnHop.Media.Tests.Sdp;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Sfu.Negotiation.NegotiationTestData;

namespace AnHop.Media.Tests.Sfu.Negotiation;

public class PublishNegotiationFuzzTests
{
    // One negotiation parses a whole 5-7 KB offer and writes an answer: 10^6 of them took ~67 s on this busy 2-core
    // machine (750,592 in 50 s), over the test budget, so 50,000 mutated offers (~4 s) stand in; the SDP parser
    // underneath has its own 10^6-input fuzz test.
    private const int Iterations = 50_000;

    [Fact]
    public void Fuzz_MutatedChromiumOffers_AreAnsweredOrRefused_NeverThrow()
    {
        var seeds = SdpTestData.Captures.Select(Capture)
            .Append(Edit(Capture(SdpTestData.AudioVideo), "a=setup:", "a=setup:active"))
            .Append(Capture(SdpTestData.Simulcast).Replace("a=simulcast:send q;h;f", "a=simulcast:send q,~h;f", StringComparison.Ordinal))
            .Select(Encoding.UTF8.GetBytes)
            .ToList();

        var count = Fuzzer.Run("negotiation-publish", Exercise, seeds, iterations: Iterations, maxLength: 8192, budget: TimeSpan.FromSeconds(50));

        Assert.Equal(Iterations, count);
    }

    private static void Exercise(ReadOnlySpan<byte> input)
    {
        var offer = Encoding.UTF8.GetString(input);
        if (!PublishNegotiation.TryAnswer(offer, SfuTransport, SfuCapabilities.Default, out var answer, out var reason))
        {
            if (string.IsNullOrEmpty(reason))
            {
                throw new InvalidOperationException("refused without a reason");
            }

            return;
        }

        // An accepted offer gets an answer that parses, answers every m-line, and names only accepted mids in BUNDLE.
        if (!SessionDescription.TryParse(answer.Sdp, out var parsed, out reason) ||
            !SessionDescription.TryParse(offer, out var original, out _) ||
            parsed.Media.Count != original.Media.Count ||
            answer.Tracks.Count + answer.Unpublished.Count != original.Media.Count ||
            (parsed.Attributes.Bundle?.Mids ?? []).Any(mid => parsed.FindMedia(mid) is not { Port: > 0 }))
        {
            throw new InvalidOperationException("accepted offer got an inconsistent answer: " + reason);
        }
    }
}
