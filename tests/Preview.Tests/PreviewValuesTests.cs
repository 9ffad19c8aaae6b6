using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace BlueGreen.Preview.Tests;

public sealed class PreviewValuesTests
{
    [Fact]
    public void Mock_inputs_become_json_with_sorted_keys()
    {
        var inputs = ImmutableDictionary<string, object>.Empty
            .Add("z", 1.0)
            .Add("a", ImmutableArray.Create<object>("x", true))
            .Add("m", ImmutableDictionary<string, object>.Empty.Add("k", 2.5));

        Assert.Equal("""{"a":["x",true],"m":{"k":2.5},"z":1}""", PreviewValues.ToObject(inputs).ToJsonString());
    }

    [Theory]
    [InlineData("token-123", true)]
    [InlineData("Bearer token-123 (kubeconfig)", true)]
    [InlineData("token", false)]
    [InlineData("", false)]
    public void A_text_is_secret_when_it_is_or_holds_a_secret_value(string text, bool secret) =>
        Assert.Equal(secret, PreviewValues.IsSecretText(text, ["token-123"]));

    [Fact]
    public void Short_secret_values_are_masked_only_where_they_are_the_whole_value()
    {
        Assert.True(PreviewValues.IsSecretText("abc", ["abc"]));
        Assert.False(PreviewValues.IsSecretText("abcdef", ["abc"]));
    }

    [Theory]
    [InlineData(25.0, "25")]
    [InlineData(0.5, "0.5")]
    [InlineData("x", "\"x\"")]
    [InlineData("→ −", "\"→ −\"")]
    [InlineData(true, "true")]
    [InlineData(null, "(none)")]
    public void Values_display_plainly(object? value, string shown) =>
        Assert.Equal(shown, PreviewValues.Display(PreviewValues.ToNode(value)));

    [Fact]
    public void The_secret_marker_displays_unquoted() =>
        Assert.Equal("[secret]", PreviewValues.Display(JsonValue.Create(PreviewValues.SecretMarker)));
}
