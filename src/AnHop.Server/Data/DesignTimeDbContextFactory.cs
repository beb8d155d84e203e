using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AnHop.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AnHopDbContext>
{
    public AnHopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AnHopDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
