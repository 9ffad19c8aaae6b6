using BlueGreen.Components;

namespace BlueGreen.Tests.Components;

public class AwsTextTests
{
    [Theory]
    [InlineData("To the targets' port")]
    [InlineData("HTTPS from \"clients\"")]
    [InlineData("naïve")]
    [InlineData("tab\there")]
    public void Ec2_descriptions_refuse_what_ec2_refuses(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => AwsText.Ec2Description(text, "description"));
        Assert.Equal("description", error.ParamName);
    }

    [Theory]
    [InlineData("shop-edge load balancer: HTTP/HTTPS in, target port out")]
    [InlineData("HTTP from clients (redirected to HTTPS)")]
    [InlineData("._-:/()#,@[]+=&;{}!$*")]
    public void Ec2_descriptions_accept_their_character_set(string text) =>
        Assert.Equal(text, AwsText.Ec2Description(text, "description"));

    [Fact]
    public void Ec2_descriptions_stop_at_255_characters()
    {
        Assert.Equal(255, AwsText.Ec2Description(new string('a', 255), "d").Length);
        Assert.Throws<ArgumentException>(() => AwsText.Ec2Description(new string('a', 256), "d"));
    }

    [Theory]
    [InlineData("aws:owner", "x")]
    [InlineData("", "x")]
    [InlineData("team's", "x")]
    [InlineData("app", "shop!")]
    [InlineData("app", "a\nb")]
    public void Tags_refuse_reserved_prefixes_and_characters_aws_refuses(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => AwsText.RequireTags(new Dictionary<string, string> { [key] = value }, "Tags"));
        Assert.Equal("Tags", error.ParamName);
    }

    [Fact]
    public void Tags_stop_at_128_character_keys_and_256_character_values()
    {
        AwsText.RequireTags(new Dictionary<string, string> { [new string('k', 128)] = new string('v', 256), ["empty"] = "" }, "Tags");
        Assert.Throws<ArgumentException>(() => AwsText.RequireTags(new Dictionary<string, string> { [new string('k', 129)] = "v" }, "Tags"));
        Assert.Throws<ArgumentException>(() => AwsText.RequireTags(new Dictionary<string, string> { ["k"] = new string('v', 257) }, "Tags"));
    }

    [Fact]
    public void Tags_accept_unicode_letters_and_their_punctuation() =>
        AwsText.RequireTags(new Dictionary<string, string> { ["équipe"] = "plateforme café", ["managed-by"] = "pulumi-bluegreen", ["path"] = "a/b:c=d+e@f_g.h" }, "Tags");
}
