namespace AnHop.Server.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Registers <see cref="InvitationMailer"/>; it reads AnHop:Smtp, so e-mail may stay off.</summary>
    public static IServiceCollection AddAnHopEmail(this IServiceCollection services)
    {
        services.AddSingleton<InvitationMailer>();
        return services;
    }
}
