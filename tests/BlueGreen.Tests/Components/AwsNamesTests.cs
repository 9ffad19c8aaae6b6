using BlueGreen.Components;
using BlueGreen.Release;

namespace BlueGreen.Tests.Components;

public class AwsNamesTests
{
    [Theory]
    [InlineData("shop", Colour.Blue, "shop-blue-0a1b2c3d")]
    [InlineData("shop", Colour.Green, "shop-green-0a1b2c3d")]
    [InlineData("a-very-long-application-name", Colour.Green, "a-very-long-appli-green-0a1b2c3d")]
    [InlineData("abcdefghijklmnop-qrst", Colour.Green, "abcdefghijklmnop-green-0a1b2c3d")]
    [InlineData("abcdefghijklmnopq-rs", Colour.Blue, "abcdefghijklmnopq-blue-0a1b2c3d")]
    public void Target_group_names_fit_32_characters_without_a_dangling_hyphen(string app, Colour colour, string expected)
    {
        var name = AwsNames.TargetGroupName(app, colour, "0a1b2c3d");

        Assert.Equal(expected, name);
        Assert.True(name.Length <= AwsNames.ElbNameMaxLength);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0A1B2C3D")]
    [InlineData("0a1b2c")]
    [InlineData("")]
    public void Target_group_suffix_must_be_eight_lowercase_hex_digits(string suffix) =>
        Assert.Throws<ArgumentException>(() => AwsNames.TargetGroupName("shop", Colour.Blue, suffix));

    [Theory]
    [InlineData("shop-tg", true)]
    [InlineData("abcdefghijklmnopqrstuvwx", true)]
    [InlineData("abcdefghijklmnopqrstuvwxy", false)]
    public void Auto_named_load_balancer_logical_names_stop_at_24_characters(string logicalName, bool fits)
    {
        var error = Record.Exception(() => AwsNames.RequireAutoNameFits(logicalName, AwsNames.ElbNameMaxLength, "name"));
        Assert.Equal(fits, error is null);
        Assert.Equal(24, AwsNames.ElbLogicalNameMaxLength);
    }

    [Theory]
    [InlineData("shop-prod", "v1.2.3", "shop-prod-pre-v1-2-3")]
    [InlineData("shop-staging", "1.2.3", "shop-staging-pre-1-2-3")]
    [InlineData("Shop_API-prod", "Release/2024_01--rc.1+build", "shop-api-prod-pre-release-2024-01-rc-1-build")]
    [InlineData("shop-prod", "v1-", "shop-prod-pre-v1")]
    public void Pre_release_snapshot_identifiers_follow_rds_rules(string prefix, string tag, string expected)
    {
        var id = AwsNames.PreReleaseSnapshotIdentifier(prefix, tag);

        Assert.Equal(expected, id);
        Assert.Matches("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", id);
    }

    [Fact]
    public void Pre_release_snapshot_identifiers_stop_at_255_characters()
    {
        var id = AwsNames.PreReleaseSnapshotIdentifier("shop", new string('a', 300));
        Assert.Equal(255, id.Length);
        Assert.False(id.EndsWith('-'));
    }

    [Theory]
    [InlineData("1shop", "v1")]
    [InlineData("shop", "...")]
    public void Snapshot_names_need_a_letter_first_and_something_in_the_tag(string app, string tag) =>
        Assert.Throws<ArgumentException>(() => AwsNames.PreReleaseSnapshotIdentifier(app, tag));

    [Theory]
    [InlineData("shop-prod_restore_test", "shop_prod_restore_test")]
    [InlineData("9lives", "rt_9lives")]
    public void Restore_testing_names_use_only_letters_digits_and_underscores(string text, string expected) =>
        Assert.Equal(expected, AwsNames.RestoreTestingName(text));

    [Fact]
    public void Backup_names_stop_at_50_characters() =>
        Assert.Equal(50, AwsNames.BackupName(new string('v', 80) + " vault").Length);

    [Theory]
    [InlineData("shop", true)]
    [InlineData("shop-2", true)]
    [InlineData("Shop", false)]
    [InlineData("2shop", false)]
    [InlineData("shop-", false)]
    [InlineData("sh_op", false)]
    public void App_names_are_dns_labels(string app, bool valid) =>
        Assert.Equal(valid, Record.Exception(() => AwsNames.RequireAppName(app, "AppName")) is null);
}
