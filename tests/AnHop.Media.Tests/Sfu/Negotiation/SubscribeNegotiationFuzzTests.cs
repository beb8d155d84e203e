using System.Text;
using AnHop.Media.Sfu.Negotiation;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Sfu.Negotiation.NegotiationTestData;

namespace AnHop.Media.Tests.Sfu.Negotiation;

public class SubscribeNegotiationFuzzTests
{
    // A whole answer is parsed per input: 100,000 take ~4 s here, 10^6 would take ~40 s, most of the suite's budget.
    private const int Iterations = 100_000;

    [Fact]
    public void Fuzz_MutatedChromiumAnswers_AreAcceptedOrRefused_NeverThrow()
    {
        var consumers = new[] { Consumer("0", "audio/opus", 1111, null, "alice"), Consumer("1", "video/VP8", 2222, 2223, "bob") };
        var negotiation = new SubscribeNegotiation(SfuTransport);
        negotiation.CreateOffer(consumers);
        var seeds = new List<byte[]> { Encoding.UTF8.GetBytes(SubscribeNegotiationTests.ChromiumAnswer) };

        var count = Fuzzer.Run("negotiation-subscribe-answer", input =>
        {
            if (negotiation.TryAcceptAnswer(Encoding.UTF8.GetString(input), out var result, out var reason))
            {
                if (result.HeaderExtensions.Keys.Any(mid => mid is not ("0" or "1")))
                {
                    throw new InvalidOperationException("accepted header extensions for a mid that was not offered");
                }

                negotiation.CreateOffer(consumers);
            }
            else if (string.IsNullOrEmpty(reason))
            {
                throw new InvalidOperationException("refused without a reason");
            }
        }, seeds, iterations: Iterations, maxLength: 4096, budget: TimeSpan.FromSeconds(50));

        Assert.Equal(Iterations, count);
    }
}
