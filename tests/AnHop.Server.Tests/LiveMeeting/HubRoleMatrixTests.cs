using System.Reflection;
using AnHop.Core.Meetings;
using AnHop.Server.Media;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Tests.LiveMeeting;

/// <summary>
/// Every public hub method by reflection: it must carry an authorisation decision, appear in the expected matrix
/// below, and for each role (guest, participant, co-host, host) the authoriser must allow or refuse it as the matrix says.
/// </summary>
public sealed class HubRoleMatrixTests(HubRoleMatrixTests.ServerFixture fixture) : IClassFixture<HubRoleMatrixTests.ServerFixture>
{
    public sealed class ServerFixture : IAsyncLifetime
    {
        public AnHopServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await AnHopServer.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    /// <summary>The lowest role that may call each method; null: before admission, for anyone (the method checks its own secret).</summary>
    private static readonly Dictionary<string, MeetingRole?> Expected = new(StringComparer.Ordinal)
    {
        ["Knock"] = null,
        ["Join"] = null,
        ["Rejoin"] = null,
        ["Leave"] = MeetingRole.Guest,
        ["Publish"] = MeetingRole.Guest,
        ["AnswerSubscription"] = MeetingRole.Guest,
        ["Subscribe"] = MeetingRole.Guest,
        ["Unsubscribe"] = MeetingRole.Guest,
        ["SetVideoSize"] = MeetingRole.Guest,
        ["SendChat"] = MeetingRole.Guest,
        ["RaiseHand"] = MeetingRole.Guest,
        ["SetMediaState"] = MeetingRole.Guest,
        ["Admit"] = MeetingRole.CoHost,
        ["Deny"] = MeetingRole.CoHost,
        ["AdmitAll"] = MeetingRole.CoHost,
        ["Lock"] = MeetingRole.CoHost,
        ["Remove"] = MeetingRole.CoHost,
        ["Ban"] = MeetingRole.CoHost,
        ["Mute"] = MeetingRole.CoHost,
        ["MuteAll"] = MeetingRole.CoHost,
        ["AskToUnmute"] = MeetingRole.CoHost,
        ["StopCamera"] = MeetingRole.CoHost,
        ["AskToStartCamera"] = MeetingRole.CoHost,
        ["AllowScreenShare"] = MeetingRole.CoHost,
        ["SetChatEnabled"] = MeetingRole.CoHost,
        ["MakeCoHost"] = MeetingRole.Host,
        ["HandOverHost"] = MeetingRole.Host,
        ["EndForAll"] = MeetingRole.Host,
    };

    private static readonly MeetingRole[] Roles = [MeetingRole.Guest, MeetingRole.Participant, MeetingRole.CoHost, MeetingRole.Host];

    private static List<MethodInfo> HubMethods() =>
        typeof(MeetingHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .ToList();

    public static TheoryData<string, MeetingRole> Cases()
    {
        var data = new TheoryData<string, MeetingRole>();
        foreach (var method in HubMethods())
        {
            foreach (var role in Roles)
            {
                data.Add(method.Name, role);
            }
        }

        return data;
    }

    [Fact]
    public void Every_hub_method_declares_one_authorisation_decision_and_is_in_the_matrix()
    {
        var methods = HubMethods();
        Assert.NotEmpty(methods);
        foreach (var method in methods)
        {
            var before = method.GetCustomAttribute<BeforeAdmissionAttribute>() is not null;
            var requires = method.GetCustomAttribute<RequiresCapabilityAttribute>() is not null;
            Assert.True(before ^ requires, $"{method.Name} must carry exactly one of [BeforeAdmission] and [RequiresCapability]");
            Assert.True(Expected.ContainsKey(method.Name), $"{method.Name} is missing from the role matrix");
            Assert.Equal(Expected[method.Name] is null, before);
        }

        Assert.Equal(Expected.Keys.Order(), methods.Select(m => m.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_authoriser_decides_each_method_for_each_role_as_the_matrix_says(string name, MeetingRole role)
    {
        var method = HubMethods().Single(m => m.Name == name);
        var meeting = new LiveMeetingFixture(fixture.Server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var hostClient = host;
        var (target, targetJoined) = await meeting.EnterThroughWaitingRoomAsync(host, "Mục tiêu");
        await using var targetClient = target;
        var (actor, _) = role switch
        {
            MeetingRole.Host => (host, null),
            MeetingRole.CoHost => await meeting.EnterAsync("Đồng chủ trì", MeetingRole.CoHost),
            _ => await meeting.EnterThroughWaitingRoomAsync(host, "Người gọi", role),
        };

        var args = method.GetParameters().Select(p => Argument(p, targetJoined.ParticipantId)).ToArray();
        string? refusal = null;
        try
        {
            await actor.InvokeAsync(name, args);
        }
        catch (HubException ex)
        {
            refusal = ex.Message;
        }
        finally
        {
            if (actor != host)
            {
                await actor.DisposeAsync();
            }
        }

        var allowed = Expected[name] is not { } lowest || role >= lowest;
        var refusedByAuthoriser = refusal?.Contains(HubAuthorizationFilter.NotAllowed, StringComparison.Ordinal) == true;
        Assert.True(allowed != refusedByAuthoriser, $"{name} as {role}: expected {(allowed ? "allowed" : "refused")}, got {refusal ?? "no refusal"}");
        Assert.DoesNotContain(HubAuthorizationFilter.JoinFirst, refusal ?? "", StringComparison.Ordinal);
    }

    private static object? Argument(ParameterInfo parameter, string targetId) => parameter.ParameterType switch
    {
        var t when t == typeof(bool) => true,
        var t when t == typeof(int) => 320,
        var t when t == typeof(PublishedSource[]) => Array.Empty<PublishedSource>(),
        _ => parameter.Name switch
        {
            "id" => targetId,
            "text" => "Xin chào",
            "offerSdp" or "answerSdp" => "v=0",
            "trackId" => "track",
            _ => AnHop.Core.Security.SecretToken.Create(), // pass, ticket, rejoin token: a forged one
        },
    };
}
