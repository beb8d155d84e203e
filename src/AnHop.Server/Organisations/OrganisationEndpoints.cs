using AnHop.Core.Policies;
using AnHop.Server.Accounts;
using AnHop.Server.Data;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Organisations;

/// <summary>The organisation, its unit tree and its policies (docs/PROTOCOL.md, "Organisation and policies").</summary>
public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder routes)
    {
        var organisation = routes.MapGroup("/api/organisation").WithTags("Organisation");
        organisation.MapGet("", GetOrganisationAsync).WithName("GetOrganisation")
            .WithSummary("The organisation, its policy and its unit tree.").RequireAuthorization(AuthorizationPolicies.SignedIn);
        organisation.MapPut("", RenameOrganisationAsync).WithName("RenameOrganisation")
            .WithSummary("Renames the organisation.").RequireAuthorization(AuthorizationPolicies.OrganisationAdmin).RequireAnHopRequestHeader();
        organisation.MapPut("/policy", SetOrganisationPolicyAsync).WithName("SetOrganisationPolicy")
            .WithSummary("Replaces the organisation's whole meeting policy (values checked against their ranges).")
            .RequireAuthorization(AuthorizationPolicies.OrganisationAdmin).RequireAnHopRequestHeader();

        var units = routes.MapGroup("/api/units").WithTags("Organisation");
        units.MapPost("", CreateUnitAsync).WithName("CreateUnit")
            .WithSummary("Creates a unit below the organisation (organisation admins) or below a unit the caller administers.")
            .RequireAuthorization(AuthorizationPolicies.UnitAdmin).RequireAnHopRequestHeader();
        units.MapPatch("/{id:guid}", RenameUnitAsync).WithName("RenameUnit")
            .WithSummary("Renames a unit the caller administers.").RequireAuthorization(AuthorizationPolicies.UnitAdmin).RequireAnHopRequestHeader();
        units.MapDelete("/{id:guid}", DeleteUnitAsync).WithName("DeleteUnit")
            .WithSummary("Deletes an empty unit (no sub-units, members or meetings) below the caller's own unit.")
            .RequireAuthorization(AuthorizationPolicies.UnitAdmin).RequireAnHopRequestHeader();
        units.MapPut("/{id:guid}/policy", SetUnitPolicyAsync).WithName("SetUnitPolicy")
            .WithSummary("Sets the rules a unit tightens; any rule that would loosen the level above is refused with 400 naming it.")
            .RequireAuthorization(AuthorizationPolicies.UnitAdmin).RequireAnHopRequestHeader();
        units.MapGet("/{id:guid}/policy/effective", GetEffectivePolicyAsync).WithName("GetEffectiveUnitPolicy")
            .WithSummary("The policy that applies in a unit: the organisation's, tightened by each unit from the top down.")
            .RequireAuthorization(AuthorizationPolicies.SignedIn);

        routes.MapPut("/api/accounts/{id:guid}/unit", AssignAccountAsync).WithTags("Organisation").WithName("AssignAccountToUnit")
            .WithSummary("Places an account in a unit with one account role (organisation admins anywhere; unit admins within their subtree).")
            .RequireAuthorization(AuthorizationPolicies.UnitAdmin).RequireAnHopRequestHeader();
        return routes;
    }

    private static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetOrganisationAsync(OrganisationDirectory directory, CancellationToken ct)
    {
        var tree = await directory.LoadAsync(ct);
        if (tree is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new OrganisationResponse(tree.Organisation.Id, tree.Organisation.Name, tree.Organisation.Policy, Nodes(tree, null)));

        static List<UnitNode> Nodes(OrganisationTree tree, Guid? parent) =>
            [.. tree.ChildrenOf(parent).Select(u => new UnitNode(u.Id, u.ParentId, u.Name, u.Override, Nodes(tree, u.Id)))];
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RenameOrganisationAsync(
        RenameRequest request, OrganisationDirectory directory, AnHopDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (NameError(request.Name, Organisation.MaxNameLength, text) is { } error)
        {
            return error;
        }

        var tree = await directory.LoadAsync(ct);
        if (tree is null)
        {
            return TypedResults.NotFound();
        }

        tree.Organisation.Rename(request.Name!.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> SetOrganisationPolicyAsync(
        MeetingPolicy policy, HttpContext http, OrganisationDirectory directory, AnHopDbContext db,
        IStringLocalizer<SharedResource> text, ILogger<Organisation> logger, CancellationToken ct)
    {
        if (PolicyValidation.RangeErrors(policy) is { } errors)
        {
            return TypedResults.ValidationProblem(errors, title: text["Org.ValidationFailed"]);
        }

        var tree = await directory.LoadAsync(ct);
        var caller = await directory.CallerAsync(http.User, ct);
        if (tree is null || caller is null)
        {
            return TypedResults.NotFound();
        }

        tree.Organisation.SetPolicy(policy);
        await db.SaveChangesAsync(ct);
        OrganisationsLog.OrganisationPolicyChanged(logger, caller.AccountId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<UnitResponse>, NotFound, ForbidHttpResult, ValidationProblem>> CreateUnitAsync(
        CreateUnitRequest request, HttpContext http, OrganisationDirectory directory, AnHopDbContext db,
        IStringLocalizer<SharedResource> text, ILogger<Unit> logger, CancellationToken ct)
    {
        if (NameError(request.Name, Unit.MaxNameLength, text) is { } error)
        {
            return error;
        }

        var tree = await directory.LoadAsync(ct);
        var caller = await directory.CallerAsync(http.User, ct);
        if (tree is null || caller is null || (request.ParentId is { } parent && tree.Find(parent) is null))
        {
            return TypedResults.NotFound();
        }

        if (!caller.Administers(tree, request.ParentId))
        {
            return TypedResults.Forbid();
        }

        var unit = new Unit(tree.Organisation.Id, request.ParentId, request.Name!.Trim());
        db.Add(unit);
        await db.SaveChangesAsync(ct);
        OrganisationsLog.UnitCreated(logger, unit.Id, unit.ParentId, caller.AccountId);
        return TypedResults.Created($"/api/units/{unit.Id}", ToResponse(unit));
    }

    private static async Task<Results<Ok<UnitResponse>, NotFound, ForbidHttpResult, ValidationProblem>> RenameUnitAsync(
        Guid id, RenameRequest request, HttpContext http, OrganisationDirectory directory, AnHopDbContext db,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (NameError(request.Name, Unit.MaxNameLength, text) is { } error)
        {
            return error;
        }

        var (tree, caller, unit) = await LoadUnitAsync(id, http, directory, ct);
        if (tree is null || caller is null || unit is null)
        {
            return TypedResults.NotFound();
        }

        if (!caller.Administers(tree, unit.Id))
        {
            return TypedResults.Forbid();
        }

        unit.Rename(request.Name!.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(unit));
    }

    private static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> DeleteUnitAsync(
        Guid id, HttpContext http, OrganisationDirectory directory, AnHopDbContext db,
        IStringLocalizer<SharedResource> text, ILogger<Unit> logger, CancellationToken ct)
    {
        var (tree, caller, unit) = await LoadUnitAsync(id, http, directory, ct);
        if (tree is null || caller is null || unit is null)
        {
            return TypedResults.NotFound();
        }

        if (!caller.AdministersBelowOwnUnit(tree, unit.Id))
        {
            return TypedResults.Forbid();
        }

        var inUse = tree.ChildrenOf(unit.Id).Any()
            || db.Set<Membership>().Any(m => m.UnitId == unit.Id)
            || db.Set<AnHop.Server.Meetings.Directory.Meeting>().Any(m => m.UnitId == unit.Id);
        if (inUse)
        {
            return TypedResults.Problem(title: text["Org.UnitNotEmpty"], statusCode: StatusCodes.Status409Conflict);
        }

        db.Remove(unit);
        await db.SaveChangesAsync(ct);
        OrganisationsLog.UnitDeleted(logger, unit.Id, caller.AccountId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UnitResponse>, NotFound, ForbidHttpResult, ValidationProblem>> SetUnitPolicyAsync(
        Guid id, PolicyOverride policy, HttpContext http, OrganisationDirectory directory, AnHopDbContext db,
        IStringLocalizer<SharedResource> text, ILogger<Unit> logger, CancellationToken ct)
    {
        var (tree, caller, unit) = await LoadUnitAsync(id, http, directory, ct);
        if (tree is null || caller is null || unit is null)
        {
            return TypedResults.NotFound();
        }

        if (!caller.Administers(tree, unit.Id))
        {
            return TypedResults.Forbid();
        }

        if (PolicyValidation.OverrideErrors(policy, tree.ParentPolicy(unit), text) is { } errors)
        {
            OrganisationsLog.UnitPolicyLoosens(logger, unit.Id, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, title: text["Org.PolicyRefused"]);
        }

        unit.SetOverride(policy);
        await db.SaveChangesAsync(ct);
        OrganisationsLog.UnitPolicyChanged(logger, unit.Id, caller.AccountId);
        return TypedResults.Ok(ToResponse(unit));
    }

    private static async Task<Results<Ok<EffectivePolicyResponse>, NotFound>> GetEffectivePolicyAsync(
        Guid id, OrganisationDirectory directory, CancellationToken ct)
    {
        var tree = await directory.LoadAsync(ct);
        return tree?.Find(id) is { } unit
            ? TypedResults.Ok(new EffectivePolicyResponse(unit.Id, tree.EffectivePolicy(unit.Id)))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<MembershipResponse>, NotFound, ForbidHttpResult, ValidationProblem>> AssignAccountAsync(
        Guid id, AssignAccountRequest request, HttpContext http, OrganisationDirectory directory, AnHopDbContext db,
        UserManager<AnHopUser> users, RoleManager<IdentityRole<Guid>> roles, IStringLocalizer<SharedResource> text,
        ILogger<Membership> logger, CancellationToken ct)
    {
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["role"] = [text["Org.RoleInvalid", string.Join(", ", Roles.All)]] },
                title: text["Org.ValidationFailed"]);
        }

        var tree = await directory.LoadAsync(ct);
        var caller = await directory.CallerAsync(http.User, ct);
        var target = await users.FindByIdAsync(id.ToString());
        if (tree is null || caller is null || target is null || (request.UnitId is { } unitId && tree.Find(unitId) is null))
        {
            return TypedResults.NotFound();
        }

        var membership = await db.FindAsync<Membership>([id], ct);
        var targetRoles = await users.GetRolesAsync(target);
        var allowed = caller.IsOrganisationAdmin || (
            caller.Administers(tree, request.UnitId)
            && (membership?.UnitId is null ? membership is null : caller.Administers(tree, membership.UnitId))
            && role is Roles.Member or Roles.UnitAdmin
            && !targetRoles.Contains(Roles.OrganisationAdmin));
        if (!allowed)
        {
            return TypedResults.Forbid();
        }

        if (targetRoles.Contains(Roles.OrganisationAdmin) && role != Roles.OrganisationAdmin
            && (await users.GetUsersInRoleAsync(Roles.OrganisationAdmin)).Count <= 1)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["role"] = [text["Org.LastAdministrator"]] }, title: text["Org.ValidationFailed"]);
        }

        if (membership is null)
        {
            db.Add(new Membership(id, tree.Organisation.Id, request.UnitId));
        }
        else
        {
            membership.MoveTo(request.UnitId);
        }

        await db.SaveChangesAsync(ct);
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role));
        }

        await users.RemoveFromRolesAsync(target, targetRoles.Where(r => Roles.All.Contains(r) && r != role));
        if (!targetRoles.Contains(role))
        {
            await users.AddToRoleAsync(target, role);
        }

        OrganisationsLog.AccountAssigned(logger, id, request.UnitId, role, caller.AccountId);
        return TypedResults.Ok(new MembershipResponse(id, request.UnitId, role));
    }

    private static async Task<(OrganisationTree? Tree, Caller? Caller, Unit? Unit)> LoadUnitAsync(
        Guid id, HttpContext http, OrganisationDirectory directory, CancellationToken ct)
    {
        var tree = await directory.LoadAsync(ct);
        var caller = await directory.CallerAsync(http.User, ct);
        return (tree, caller, tree?.Find(id));
    }

    private static ValidationProblem? NameError(string? name, int maxLength, IStringLocalizer text) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > maxLength
            ? TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["name"] = [text["Org.NameInvalid", maxLength]] }, title: text["Org.ValidationFailed"])
            : null;

    private static UnitResponse ToResponse(Unit unit) => new(unit.Id, unit.ParentId, unit.Name, unit.Override);
}
