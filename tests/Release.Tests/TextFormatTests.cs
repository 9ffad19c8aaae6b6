using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>Durations, timestamps and ARNs as written in stack config.</summary>
public class TextFormatTests
{
    [Theory]
    [InlineData("30m", 0, 30, 0, 0)]
    [InlineData("2h", 2, 0, 0, 0)]
    [InlineData("72h", 72, 0, 0, 0)]
    [InlineData("1h30m", 1, 30, 0, 0)]
    [InlineData("45s", 0, 0, 45, 0)]
    [InlineData("500ms", 0, 0, 0, 500)]
    [InlineData("0s", 0, 0, 0, 0)]
    [InlineData("1d", 24, 0, 0, 0)]
    public void Durations_parse(string text, int hours, int minutes, int seconds, int milliseconds)
    {
        Assert.Equal(new TimeSpan(0, hours, minutes, seconds, milliseconds), DurationText.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("m")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("30 m")]
    [InlineData("30min")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("PT30M")]
    [InlineData("999999999d")]
    public void Anything_else_is_not_a_duration(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => DurationText.Parse(text));
        Assert.Equal($"'{text}' is not a duration such as 30m, 2h, 72h or 1h30m (units d, h, m, s, ms, largest first).", error.Message);
    }

    [Theory]
    [InlineData(90 * 60 * 1000L, "1h30m")]
    [InlineData(0L, "0s")]
    [InlineData(72 * 3600 * 1000L, "72h")]
    [InlineData(7 * 24 * 3600 * 1000L + 1, "168h1ms")]
    [InlineData(1500L, "1s500ms")]
    public void Durations_format_in_the_same_form(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Timestamps_are_utc_with_a_z()
    {
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 30, 0, TimeSpan.Zero), UtcTimestamp.Parse("2025-06-01T14:30:00Z"));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 30, 0, 250, TimeSpan.Zero), UtcTimestamp.Parse("2025-06-01T14:30:00.25Z"));
        Assert.Equal("2025-06-01T14:30:00Z", UtcTimestamp.Format(new DateTimeOffset(2025, 6, 1, 16, 30, 0, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData("2025-06-01T14:30:00")]
    [InlineData("2025-06-01T14:30:00+00:00")]
    [InlineData("2025-06-01 14:30:00Z")]
    [InlineData("2025-06-01")]
    [InlineData("2025-02-30T00:00:00Z")]
    [InlineData("now")]
    public void Other_time_texts_are_refused(string text)
    {
        Assert.False(UtcTimestamp.TryParse(text, out _));
        Assert.Throws<FormatException>(() => UtcTimestamp.Parse(text));
    }

    [Fact]
    public void Arns_split_into_their_parts()
    {
        Assert.True(Arn.TryParse("arn:aws:rds:eu-west-1:123456789012:cluster:orders", out var arn));
        Assert.Equal(new Arn("aws", "rds", "eu-west-1", "123456789012", "cluster:orders"), arn);
        Assert.Equal("arn:aws:rds:eu-west-1:123456789012:cluster:orders", arn.ToString());
        Assert.True(Arn.TryParse("arn:aws:s3:::my-bucket", out var bucket));
        Assert.Equal("", bucket.Region);
        Assert.True(Arn.TryParse("arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts", out _));
    }

    [Theory]
    [InlineData("arn:aws:rds:eu-west-1:123456789012")]
    [InlineData("arn:aws:rds:eu-west-1:123456789012:")]
    [InlineData("arn:amazon:rds:eu-west-1:123456789012:cluster:orders")]
    [InlineData("arn:aws:rds:Europe:123456789012:cluster:orders")]
    [InlineData("arn:aws:rds:eu-west-1:12345:cluster:orders")]
    [InlineData("arn:aws:rds:*:*:cluster:orders")]
    [InlineData("urn:aws:rds:eu-west-1:123456789012:cluster:orders")]
    [InlineData("arn:aws:rds:eu-west-1:123456789012:cluster: orders")]
    public void Malformed_arns_are_refused(string text)
    {
        Assert.False(Arn.TryParse(text, out _));
    }

    [Fact]
    public void Backup_resources_may_use_wildcards_for_region_and_account()
    {
        Assert.Null(Arn.BackupResourceProblem("arn:aws:ec2:*:*:volume/*"));
        Assert.NotNull(Arn.BackupResourceProblem("arn:aws:ec2:*:*"));
    }

    [Fact]
    public void Certificate_and_topic_arns_must_name_their_service()
    {
        Assert.Null(Arn.CertificateProblem(TestConfig.CertificateArn));
        Assert.NotNull(Arn.CertificateProblem("arn:aws:acm:eu-west-1:123456789012:key/0a1b"));
        Assert.Null(Arn.SnsTopicProblem("arn:aws:sns:eu-west-1:123456789012:alerts.fifo"));
        Assert.NotNull(Arn.SnsTopicProblem("arn:aws:sns:eu-west-1::alerts"));
    }
}
