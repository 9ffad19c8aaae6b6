using BlueGreen.Release;

namespace BlueGreen.Tests;

public class ColourTests
{
    [Fact]
    public void Each_colour_has_the_other_as_its_other()
    {
        Assert.Equal(Colour.Green, Colour.Blue.Other());
        Assert.Equal(Colour.Blue, Colour.Green.Other());
    }

    [Theory]
    [InlineData("blue", Colour.Blue)]
    [InlineData("green", Colour.Green)]
    [InlineData(" Green ", Colour.Green)]
    [InlineData("BLUE", Colour.Blue)]
    public void Colours_parse_from_config_text(string text, Colour expected)
    {
        Assert.Equal(expected, Colours.Parse(text));
    }

    [Theory]
    [InlineData("purple")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    public void Anything_else_is_refused_with_a_clear_error(string? text)
    {
        Assert.False(Colours.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Colours.Parse(text));
        Assert.Equal($"'{text}' is not a colour; use blue or green.", error.Message);
    }

    [Fact]
    public void Config_names_are_lowercase()
    {
        Assert.Equal(["blue", "green"], Colours.All.Select(c => c.ConfigName()));
    }
}
