using System.Text.Json;
using BlueGreen.Components;

namespace BlueGreen.Tests.Components;

public class PolicyDocumentTests
{
    [Fact]
    public void Backup_trust_policy_lets_only_aws_backup_assume_the_role()
    {
        using var doc = JsonDocument.Parse(ReleaseBackups.AssumeRolePolicy().ToJson());
        var statement = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());

        Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action")[0].GetString());
        Assert.Equal("backup.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service")[0].GetString());
        Assert.False(statement.GetProperty("Principal").TryGetProperty("AWS", out _));
        Assert.False(statement.TryGetProperty("Resource", out _));
    }

    [Theory]
    [InlineData("us-east-1", "AWS", "arn:aws:iam::127311923021:root")]
    [InlineData("eu-west-1", "AWS", "arn:aws:iam::156460612806:root")]
    [InlineData("eu-south-2", "Service", "logdelivery.elasticloadbalancing.amazonaws.com")]
    [InlineData("ap-southeast-3", "AWS", "arn:aws:iam::589379963580:root")]
    [InlineData("ap-southeast-4", "Service", "logdelivery.elasticloadbalancing.amazonaws.com")]
    public void Log_delivery_principal_depends_on_the_region(string region, string kind, string principal)
    {
        using var doc = JsonDocument.Parse(ElbLogDelivery.BucketPolicy("arn:aws:s3:::logs", "alb", "123456789012", region).ToJson());
        var allow = doc.RootElement.GetProperty("Statement")[0];

        Assert.Equal(principal, allow.GetProperty("Principal").GetProperty(kind)[0].GetString());
        Assert.Equal("arn:aws:s3:::logs/alb/AWSLogs/123456789012/*", allow.GetProperty("Resource")[0].GetString());
        Assert.Equal("s3:PutObject", Assert.Single(allow.GetProperty("Action").EnumerateArray()).GetString());
    }

    [Fact]
    public void Log_bucket_refuses_requests_without_tls()
    {
        using var doc = JsonDocument.Parse(ElbLogDelivery.BucketPolicy("arn:aws:s3:::logs", "alb", "123456789012", "eu-west-1").ToJson());
        var deny = doc.RootElement.GetProperty("Statement")[1];

        Assert.Equal("Deny", deny.GetProperty("Effect").GetString());
        Assert.Equal("false", deny.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport")[0].GetString());
    }
}
