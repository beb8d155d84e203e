using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using CsCheck;

namespace AnHop.Core.Tests.Meetings;

public sealed class PasscodeGeneratorTests
{
    [Fact]
    public void Generated_passcodes_meet_their_policy() =>
        Gen.Select(Gen.Int[MeetingPolicy.MinPasscodeLength, MeetingPolicy.MaxPasscodeLength], Gen.Enum<PasscodeCharacters>())
            .Sample((length, characters) =>
            {
                var policy = MeetingPolicy.SecureDefault with { PasscodeMinLength = length, PasscodeCharacters = characters };
                var passcode = PasscodeGenerator.Create(policy);
                Assert.Equal(length, passcode.Length);
                Assert.Null(PasscodeGenerator.Problem(passcode, policy));
            });

    [Theory]
    [InlineData("short1A!", "at least 10")]
    [InlineData("alllowercase1!", "upper-case")]
    [InlineData("NoSymbols12345", "symbols")]
    [InlineData("Has space 12!aB", "spaces")]
    public void Weak_host_chosen_passcodes_are_refused_with_the_reason(string passcode, string reason) =>
        Assert.Contains(reason, PasscodeGenerator.Problem(passcode, MeetingPolicy.SecureDefault), StringComparison.Ordinal);

    [Fact]
    public void Meeting_codes_carry_130_random_bits_and_never_repeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => MeetingCode.Create()).ToList();
        Assert.All(codes, code => Assert.True(MeetingCode.IsWellFormed(code)));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.False(MeetingCode.IsWellFormed("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        Assert.Equal(10, MeetingCode.CreateNumeric().Length);
    }
}
