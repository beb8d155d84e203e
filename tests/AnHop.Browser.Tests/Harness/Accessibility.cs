using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Harness;

/// <summary>
/// An accessibility scan with axe-core from src/web/node_modules (a devDependency of the client). The script is
/// evaluated through DevTools, which the page's CSP does not govern; the CSP itself stays as strict as served.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(LocateAxe()));

    /// <summary>Fails on any serious or critical violation, listing rule, impact, help text and the elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string screen)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync("source => { (0, eval)(source); }", AxeSource.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact ?? '', help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary ?? '').replace(/\s+/g, ' '))
              }));
            }
            """);
        var serious = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .ToList();
        if (serious.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"{screen}: {serious.Count} serious or critical accessibility violation(s):\n");
        foreach (var violation in serious)
        {
            report.Append("- ").Append(violation.GetProperty("id").GetString())
                .Append(" (").Append(violation.GetProperty("impact").GetString()).Append("): ")
                .Append(violation.GetProperty("help").GetString()).Append('\n');
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                report.Append("    ").Append(node.GetString()).Append('\n');
            }
        }

        Assert.Fail(report.ToString());
    }

    private static string LocateAxe()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "web", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("axe-core is missing: run `npm ci` in src/web (it is a devDependency of the client).");
    }
}
