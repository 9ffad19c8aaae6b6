namespace BlueGreen.Release;

/// <summary>Forward-action stickiness as configured; <see cref="TrafficSplit.StickinessAllowed"/>
/// decides when it is actually on.</summary>
/// <param name="Enabled">Whether clients are kept on the colour they first reached.</param>
/// <param name="Duration">How long, 1 s to 7 days (604800 s), whole seconds.</param>
public sealed record StickinessSettings(bool Enabled, TimeSpan Duration)
{
    public static StickinessSettings Default { get; } = new(true, TimeSpan.FromHours(1));

    public static TimeSpan MinDuration { get; } = TimeSpan.FromSeconds(Formats.AwsFormats.MinStickinessSeconds);

    public static TimeSpan MaxDuration { get; } = TimeSpan.FromSeconds(Formats.AwsFormats.MaxStickinessSeconds);
}

/// <summary>A listener rule reaching one colour directly: requests whose header
/// <paramref name="Header"/> equals <paramref name="Value"/> (and that carry the stack's test-route key,
/// from the allowed sources) go to <paramref name="Colour"/>.</summary>
public sealed record TestRoute(Colour Colour, string Header, string Value, IReadOnlyList<string> SourceCidrs);

/// <summary>
/// The test route: a header that picks a colour regardless of the weights, so a new colour can be tried at
/// 0 %, e.g. <c>X-Colour: green</c>. It also needs the stack's secret key in <see cref="KeyHeader"/> (the
/// stack output <c>testRouteKey</c>), so nobody on the internet reaches an unreleased colour by guessing a
/// header; <paramref name="SourceCidrs"/> narrows it further to known networks.
/// </summary>
/// <param name="Enabled">Whether the header rules exist.</param>
/// <param name="Header">The header name, an HTTP token of at most 40 characters.</param>
/// <param name="SourceCidrs">Client CIDRs allowed to use the route (at most <see cref="MaxSourceCidrs"/>); null or empty for any.</param>
public sealed record TestRouteSettings(bool Enabled, string Header, IReadOnlyList<string>? SourceCidrs = null)
{
    public const string DefaultHeader = "X-Colour";

    /// <summary>The header that carries the stack's test-route key.</summary>
    public const string KeyHeader = "X-Test-Route-Key";

    /// <summary>An ALB rule matches at most 5 values in all: the colour header and the key take 2.</summary>
    public const int MaxSourceCidrs = 3;

    /// <summary>One route per deployed colour, or none when the test route is off.</summary>
    public IReadOnlyList<TestRoute> RoutesFor(IEnumerable<Colour> deployed) =>
        Enabled ? [.. deployed.Select(c => new TestRoute(c, Header, c.ConfigName(), SourceCidrs ?? []))] : [];
}
