using System.Text.Json;
using System.Text.Json.Serialization;
using BlueGreen.Release;

namespace BlueGreen.Components;

/// <summary>A CloudWatch dashboard body.</summary>
/// <param name="Widgets">The widgets.</param>
public sealed record DashboardBody([property: JsonPropertyName("widgets")] IReadOnlyList<DashboardWidget> Widgets)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The body as CloudWatch takes it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

/// <summary>A metric widget on the 24-column grid.</summary>
public sealed record DashboardWidget(
    [property: JsonPropertyName("x")] int X,
    [property: JsonPropertyName("y")] int Y,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("properties")] MetricWidgetProperties Properties)
{
    /// <summary>Always <c>metric</c>.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "metric";
}

/// <summary>What a metric widget shows.</summary>
/// <param name="Title">The title.</param>
/// <param name="Region">The metrics' region.</param>
/// <param name="Metrics">Metric rows: each a list of namespace, name, dimension pairs and a trailing
/// <see cref="MetricRenderOptions"/>, or a single <see cref="MetricRenderOptions"/> with an expression.</param>
/// <param name="Period">Seconds per point.</param>
/// <param name="Stat">Default statistic.</param>
public sealed record MetricWidgetProperties(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("metrics")] IReadOnlyList<IReadOnlyList<object>> Metrics,
    [property: JsonPropertyName("period")] int Period,
    [property: JsonPropertyName("stat")] string Stat)
{
    /// <summary>Always a time series.</summary>
    [JsonPropertyName("view")]
    public string View => "timeSeries";

    /// <summary>Never stacked.</summary>
    [JsonPropertyName("stacked")]
    public bool Stacked => false;
}

/// <summary>Rendering options of one metric row, or a math expression row.</summary>
public sealed record MetricRenderOptions(
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("expression")] string? Expression = null,
    [property: JsonPropertyName("label")] string? Label = null,
    [property: JsonPropertyName("stat")] string? Stat = null,
    [property: JsonPropertyName("visible")] bool? Visible = null);

/// <summary>The release dashboard: blue and green side by side, one row per signal.</summary>
public static class ReleaseDashboard
{
    private const string Namespace = "AWS/ApplicationELB";

    /// <summary>
    /// The body: rows of requests, error rate, p95 and healthy hosts; blue on the left half, green on the
    /// right. A colour not deployed gets no widgets.
    /// </summary>
    /// <param name="region">The metrics' region.</param>
    /// <param name="loadBalancerArnSuffix">The LoadBalancer dimension.</param>
    /// <param name="targetGroups">Each deployed colour's TargetGroup dimension.</param>
    public static DashboardBody Build(string region, string loadBalancerArnSuffix, IReadOnlyDictionary<Colour, string> targetGroups)
    {
        ArgumentNullException.ThrowIfNull(targetGroups);
        var widgets = new List<DashboardWidget>();
        var row = 0;
        foreach (var (title, metrics, stat) in Signals(loadBalancerArnSuffix))
        {
            foreach (var colour in Colours.All)
            {
                if (!targetGroups.TryGetValue(colour, out var targetGroup))
                {
                    continue;
                }

                var x = colour == Colour.Blue ? 0 : 12;
                widgets.Add(new DashboardWidget(x, row * 6, 12, 6, new MetricWidgetProperties(
                    $"{colour.ConfigName()}: {title}", region, metrics(targetGroup, colour), AlarmRules.PeriodSeconds, stat)));
            }

            row++;
        }

        return new DashboardBody(widgets);
    }

    private static IEnumerable<(string Title, Func<string, Colour, IReadOnlyList<IReadOnlyList<object>>> Metrics, string Stat)> Signals(string lb)
    {
        yield return ("requests", (tg, c) => [Metric("RequestCount", lb, tg, new MetricRenderOptions(Label: $"{c.ConfigName()} requests"))], "Sum");
        yield return ("5xx error rate (%)", (tg, c) =>
        [
            Metric("HTTPCode_Target_5XX_Count", lb, tg, new MetricRenderOptions(Id: "e", Visible: false)),
            Metric("RequestCount", lb, tg, new MetricRenderOptions(Id: "r", Visible: false)),
            [new MetricRenderOptions(Expression: AlarmRules.ErrorRateExpression("e", "r"), Label: $"{c.ConfigName()} error rate")],
        ], "Sum");
        yield return ("p95 response time (s)", (tg, c) =>
            [Metric("TargetResponseTime", lb, tg, new MetricRenderOptions(Label: $"{c.ConfigName()} p95", Stat: "p95"))], "p95");
        yield return ("healthy / unhealthy hosts", (tg, c) =>
        [
            Metric("HealthyHostCount", lb, tg, new MetricRenderOptions(Label: $"{c.ConfigName()} healthy")),
            Metric("UnHealthyHostCount", lb, tg, new MetricRenderOptions(Label: $"{c.ConfigName()} unhealthy")),
        ], "Maximum");
    }

    private static IReadOnlyList<object> Metric(string name, string lb, string tg, MetricRenderOptions options) =>
        [Namespace, name, "LoadBalancer", lb, "TargetGroup", tg, options];
}
