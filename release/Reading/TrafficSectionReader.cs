using System.Globalization;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>stickiness.*</c>, <c>testRoute.*</c> and <c>rollback.*</c>.</summary>
internal static class TrafficSectionReader
{
    /// <summary><c>stickiness.*</c>.</summary>
    public static StickinessSettings? Stickiness(ConfigText config)
    {
        var enabled = config.Bool(ConfigKeys.StickinessEnabled, StickinessSettings.Default.Enabled);
        var duration = config.Duration(
            ConfigKeys.StickinessDuration,
            StickinessSettings.Default.Duration,
            StickinessSettings.MinDuration,
            StickinessSettings.MaxDuration,
            TimeSpan.FromSeconds(1),
            $"use whole seconds from 1s to 7d ({AwsFormats.MaxStickinessSeconds} s), e.g. 1h");
        return enabled is null || duration is null ? null : new StickinessSettings(enabled.Value, duration.Value);
    }

    /// <summary><c>testRoute.*</c>.</summary>
    public static TestRouteSettings? TestRoute(ConfigText config)
    {
        var enabled = config.Bool(ConfigKeys.TestRouteEnabled, true);
        var header = config.Text(
            ConfigKeys.TestRouteHeader,
            NameFormats.IsHeaderName,
            "is not an HTTP header name",
            "use 1–40 letters, digits or !#$%&'*+-.^_`|~, e.g. X-Colour",
            TestRouteSettings.DefaultHeader);
        var sources = SourceCidrs(config);
        return enabled is null || header is null || config.Failed(ConfigKeys.TestRouteSourceCidrs)
            ? null
            : new TestRouteSettings(enabled.Value, header, sources);
    }

    /// <summary><c>rollback.*</c>.</summary>
    public static RollbackSettings? Rollback(ConfigText config)
    {
        var automatic = config.Bool(ConfigKeys.RollbackAutomatic, true);
        var afterPromotion = config.Bool(ConfigKeys.RollbackAutomaticAfterPromotion, RollbackSettings.Default.AutomaticAfterPromotion);
        var acknowledged = config.Raw(ConfigKeys.RollbackAcknowledged)?.Trim();
        if (acknowledged is { Length: 0 })
        {
            acknowledged = null;
        }

        // Only an execution id acknowledges a record ("yes" would acknowledge nothing, silently).
        if (acknowledged is not null && !AutomaticRollbackRecord.IsExecutionId(acknowledged))
        {
            config.Add(ConfigKeys.RollbackAcknowledged, acknowledged, $"is not an automation execution id; use {AutomaticRollbackRecord.AcknowledgementRule}");
            return null;
        }

        return automatic is null || afterPromotion is null ? null : new RollbackSettings(automatic.Value, acknowledged) { AutomaticAfterPromotion = afterPromotion.Value };
    }

    /// <summary><c>testRoute.sourceCidrs</c>: the networks allowed to use the test route (IPv4 or IPv6 CIDRs).</summary>
    private static IReadOnlyList<string>? SourceCidrs(ConfigText config)
    {
        const string allowed = "use a list of at most 3 CIDR blocks, e.g. [\"203.0.113.0/24\"], or leave it unset for any source";
        var cidrs = config.StringList(ConfigKeys.TestRouteSourceCidrs, [], allowed);
        if (cidrs is null)
        {
            return null;
        }

        var shown = ConfigText.Show(cidrs);
        foreach (var bad in cidrs.Where(c => !c.Contains('/', StringComparison.Ordinal) || !System.Net.IPNetwork.TryParse(c, out _)))
        {
            config.Add(ConfigKeys.TestRouteSourceCidrs, $"{shown} has \"{bad}\" that", $"is not a CIDR block; {allowed}");
        }

        if (cidrs.Count > TestRouteSettings.MaxSourceCidrs)
        {
            config.Add(ConfigKeys.TestRouteSourceCidrs, shown, $"has {cidrs.Count} blocks; an ALB rule matches at most 5 values and the test route's headers take 2, so {allowed}");
        }

        return config.Failed(ConfigKeys.TestRouteSourceCidrs) || cidrs.Count == 0 ? null : cidrs;
    }
}
