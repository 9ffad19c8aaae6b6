using System.Collections.Immutable;
using Pulumi;

namespace Runtime.Tests;

/// <summary>A provider-managed resource shaped like the generated classes of Pulumi.Aws.</summary>
public sealed class Widget : CustomResource
{
    public Widget(string name, WidgetArgs? args = null, CustomResourceOptions? options = null)
        : base("test:index/widget:Widget", name, args ?? new WidgetArgs(), options)
    {
    }

    [Output("arn")]
    public Output<string> Arn { get; private set; } = null!;

    [Output("size")]
    public Output<int> Size { get; private set; } = null!;

    [Output("password")]
    public Output<string?> Password { get; private set; } = null!;

    [Output("status")]
    public Output<WidgetStatus?> Status { get; private set; } = null!;

    [Output("tags")]
    public Output<ImmutableDictionary<string, string>> Tags { get; private set; } = null!;
}

public sealed class WidgetArgs : ResourceArgs
{
    [Input("size")]
    public Input<int>? Size { get; set; }

    [Input("label")]
    public Input<string>? Label { get; set; }

    [Input("password")]
    public Input<string>? Password { get; set; }

    [Input("enabled")]
    public Input<bool>? Enabled { get; set; }

    [Input("nested")]
    public Input<NestedArgs>? Nested { get; set; }

    [Input("items")]
    private InputList<string>? _items;

    public InputList<string> Items
    {
        get => _items ??= new InputList<string>();
        set => _items = value;
    }

    [Input("tags")]
    private InputMap<string>? _tags;

    public InputMap<string> Tags
    {
        get => _tags ??= new InputMap<string>();
        set => _tags = value;
    }
}

public sealed class NestedArgs : ResourceArgs
{
    [Input("weight", required: true)]
    public Input<int> Weight { get; set; } = null!;

    [Input("note")]
    public Input<string>? Note { get; set; }
}

[OutputType]
public sealed class WidgetStatus
{
    public readonly string Phase;
    public readonly ImmutableArray<int> Ports;
    public readonly double? Ratio;

    [OutputConstructor]
    private WidgetStatus(string phase, ImmutableArray<int> ports, double? ratio)
    {
        Phase = phase;
        Ports = ports;
        Ratio = ratio;
    }
}

public sealed class TestProvider : ProviderResource
{
    public TestProvider(string name, CustomResourceOptions? options = null)
        : base("test", name, ResourceArgs.Empty, options)
    {
    }
}

/// <summary>A component with a child widget and an output derived from it.</summary>
public sealed class Shelf : ComponentResource
{
    public Shelf(string name, ComponentResourceOptions? options = null)
        : base("tests:index:Shelf", name, options)
    {
        Widget = new Widget($"{name}-widget", new WidgetArgs { Size = 3 }, new CustomResourceOptions { Parent = this });
        WidgetArn = Widget.Arn;
        RegisterOutputs(new Dictionary<string, object?> { ["widgetArn"] = Widget.Arn });
    }

    public Widget Widget { get; }

    public Output<string> WidgetArn { get; }
}

/// <summary>A component that registers its outputs from its [Output] properties (RegisterOutputs() with no argument).</summary>
public sealed class Drawer : ComponentResource
{
    public Drawer(string name)
        : base("tests:index:Drawer", name)
    {
        var widget = new Widget($"{name}-widget", new WidgetArgs { Size = 1 }, new CustomResourceOptions { Parent = this });
        Handle = widget.Arn;
        Label = Output.Create("oak");
        Unmarked = Output.Create("not an output");
        Hidden = Output.Create("private");
        RegisterOutputs();
    }

    /// <summary>Registered under its attribute's name.</summary>
    [Output("handleArn")]
    public Output<string> Handle { get; private set; }

    /// <summary>Registered under its property name.</summary>
    [Output]
    public Output<string> Label { get; private set; }

    /// <summary>Not registered: no attribute.</summary>
    public Output<string> Unmarked { get; }

    /// <summary>Not registered: not public.</summary>
    [Output("hidden")]
    private Output<string> Hidden { get; set; }
}
