using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>Every kind of bad config is rejected with a message naming the key, the value and what is allowed.</summary>
public class StackSettingsReaderRejectionTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    [Fact]
    public void A_schedule_that_goes_down_is_rejected_with_the_exact_message()
    {
        var problem = TestConfig.Staging().With("ramp.schedule", "[0,50,25,100]").OnlyProblem();

        Assert.Equal(
            "bluegreen:ramp.schedule: [0, 50, 25, 100] is not strictly increasing; each step must be greater than the one before and the last must be 100",
            problem.Message);
    }

    public static TheoryData<string, string, string> BadSingleValues => new()
    {
        // key, value, a fragment the message must contain (besides the key and the value)
        { "ramp.schedule", "[0,25,25,100]", "is not strictly increasing" },
        { "ramp.schedule", "[0,5,50]", "does not end at 100" },
        { "ramp.schedule", "[5,50,100]", "does not start at 0" },
        { "ramp.schedule", "[]", "is empty" },
        { "ramp.schedule", "0,5,100", "is not a list of whole numbers" },
        { "ramp.schedule", "[0,2.5,100]", "is not a list of whole numbers" },
        { "ramp.step", "5", "is past the end of ramp.schedule [0, 5, 25, 50, 100]; use a step from 0 to 4" },
        { "ramp.step", "-1", "is out of range" },
        { "ramp.step", "two", "is not a whole number" },
        { "ramp.bake", "forever", "is not a duration" },
        { "ramp.bake", "8d", "is out of range; use one duration for every step" },
        { "ramp.bake", """["30m","1h"]""", "has 2 bake times but ramp.schedule [0, 5, 25, 50, 100] has 5 steps" },
        { "ramp.autoProgress", "on", "is not an auto-progress mode; use off (a person runs every step), propose" },
        { "ramp.autoProgress", "Propose", "is not an auto-progress mode" },
        { "ramp.autoProgress", "true", "or merge (it also merges it once its required checks pass)" },
        { "ramp.stepSetAt", "2025-06-10 11:00", "is not an ISO 8601 UTC time" },
        { "ramp.stepSetAt", "2025-06-10T11:00:00+02:00", "is not an ISO 8601 UTC time" },
        { "ramp.stepSetAt", "yesterday", "is not an ISO 8601 UTC time" },
        { "ramp.stepSetAt", "2025-06-10T13:00:00Z", "is in the future (now is 2025-06-10T12:00:00Z)" },
        { "release.promotedAt", "2025-13-01T00:00:00Z", "is not an ISO 8601 UTC time" },
        { "release.live", "purple", "is not a colour; name the live colour: blue or green" },
        { "rollback.acknowledged", "yes", "is not an automation execution id; use an automation execution id (36 hex digits and hyphens" },
        { "rollback.acknowledged", "2026-11-25T22:41:07.123Z", "is not an automation execution id" },
        { "rollback.automaticAfterPromotion", "sometimes", "true" },
        { "rollback.automatic", "on", "true" },
        { "release.retired", "purple", "is not a colour; use none, blue or green" },
        { "release.retired", "blue", "is the live colour" },
        { "release.stabilizationWindow", "3 days", "is not a duration" },
        { "release.stabilizationWindow", "72", "is not a duration" },
        { "environment", "production", "is not a known stack kind; use prod or staging" },
        { "app.name", "Shop_Front", "is not a valid app name" },
        { "app.name", "a-name-that-is-far-too-long", "is not a valid app name" },
        { "app.imageRepository", "shop:1.4.2", "is not an image repository" },
        { "app.port", "0", "is out of range; use a TCP port from 1 to 65535" },
        { "app.port", "65536", "is out of range; use a TCP port from 1 to 65535" },
        { "app.port", "http", "is not a whole number; use a TCP port from 1 to 65535" },
        { "app.healthPath", "healthz", "is not a health-check path" },
        { "blue.imageTag", "-bad", "is not an image tag" },
        { "blue.replicas", "0", "is out of range; use how many pods blue runs, from 1 to 1000" },
        { "green.replicas", "-2", "is out of range; use how many pods green runs, from 1 to 1000" },
        { "green.replicas", "three", "is not a whole number" },
        { "stickiness.enabled", "yes", "is not a boolean; use true or false" },
        { "stickiness.duration", "0s", "is out of range; use whole seconds from 1s to 7d (604800 s)" },
        { "stickiness.duration", "8d", "is out of range; use whole seconds from 1s to 7d (604800 s)" },
        { "stickiness.duration", "1500ms", "is out of range; use whole seconds" },
        { "testRoute.header", "X Colour", "is not an HTTP header name" },
        { "alarms.errorRate.critical", "0", "is out of range; use a percentage from 0.001 to 100" },
        { "alarms.errorRate.warning", "150", "is out of range" },
        { "alarms.errorRate.window", "90s", "is out of range; use whole minutes from 1m to 1d" },
        { "alarms.latencyP95.critical", "0s", "is out of range" },
        { "alarms.unhealthyHosts.count", "0", "is out of range" },
        { "alarms.relative.latencyP95Ratio", "1", "is out of range; use a factor above 1" },
        { "alarms.relative.errorRateDelta", "-0.5", "is out of range" },
        { "notifications.warning", """["not-an-endpoint"]""", "is not an endpoint" },
        { "testRoute.sourceCidrs", """["203.0.113.0"]""", "is not a CIDR block" },
        { "testRoute.sourceCidrs", """["10.0.0.0/8","10.1.0.0/16","10.2.0.0/16","10.3.0.0/16"]""", "has 4 blocks; an ALB rule matches at most 5 values" },
        { "notifications.warning", """["http://hooks.example.com/x"]""", "is not an https URL" },
        { "notifications.warning", """["mailto:team@example.com"]""", "is a mailto: link; write the address alone, e.g. \"team@example.com\"" },
        { "app.name", "shopshopshopshop", "is not a valid app name; use 1–15 lowercase letters" },
        { "notifications.critical", """["arn:aws:sns:eu-west-1:123456789012"]""", "is not an ARN; expected arn:partition:service:region:account:resource" },
        { "notifications.critical", """["arn:aws:sqs:eu-west-1:123456789012:alerts"]""", "is not an SNS topic ARN" },
        { "network.certificateArn", "my-certificate", "is not an ARN; expected arn:partition:service:region:account:resource" },
        { "network.certificateArn", "arn:aws:acm:eu-west-1:1234:certificate/0a1b", "is not an ARN" },
        { "network.certificateArn", "arn:aws:iam::123456789012:server-certificate/shop", "is not an ACM certificate ARN" },
        { "network.vpcId", "vpc-xyz", "is not a VPC id" },
        { "network.subnetIds", """["subnet-0a1b2c3d4e5f60718"]""", "has fewer than two subnets" },
        { "network.subnetIds", """["subnet-0a1b2c3d4e5f60718","subnet-0a1b2c3d4e5f60718"]""", "repeats a subnet" },
        { "network.subnetIds", """["subnet-0a1b2c3d4e5f60718","sn-2"]""", "is not a subnet id" },
        { "network.subnetIds", "subnet-0a1b2c3d4e5f60718,subnet-1a2b3c4d5e6f70819", "is not a list of strings" },
        { "backup.retentionDays", "0", "is out of range; use days from 1 to 36500" },
        { "backup.schedule", "rate(1 day)", "is not an AWS cron expression" },
        { "backup.schedule", "cron(0 3 * * * *)", "is not an AWS cron expression" },
        { "backup.weekly.coldStorageAfterDays", "0", "is out of range" },
        { "backup.selection.tag", "backup", "is not a tag; use key=value" },
        { "backup.selection.resources", """["arn:aws:rds:eu-west-1:123456789012"]""", "is not an ARN" },
        { "backup.selection.resources", """["rds/orders"]""", "is not an ARN" },
        { "backup.restoreTesting.enabled", "sometimes", "is not a boolean" },
        { "backup.databaseClusterId", "orders--db", "is not a database cluster identifier" },
        { "kubernetes.namespace", "Shop", "is not a Kubernetes namespace name" },
        { "kubernetes.context", "my context", "is not a kubeconfig context name" },
    };

    [Theory]
    [MemberData(nameof(BadSingleValues))]
    public void A_bad_value_is_rejected_naming_key_value_and_what_is_allowed(string key, string value, string fragment)
    {
        var problems = TestConfig.Staging().With(key, value).Problems();

        Assert.All(problems, p => Assert.Equal(key, p.Key)); // nothing else is blamed
        var problem = Assert.Single(problems, p => p.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.StartsWith($"bluegreen:{key}: ", problem.Message);
        var shown = value.StartsWith('[') ? value.Trim('[', ']').Split(',')[^1].Trim('"') : value;
        Assert.Contains(shown, problem.Message);
    }

    [Theory]
    [InlineData("environment", "is missing; use prod or staging")]
    [InlineData("app.name", "is missing; use 1–15 lowercase letters")]
    [InlineData("app.imageRepository", "is missing; use a lowercase repository without a tag")]
    [InlineData("blue.imageTag", "is missing; use the tag blue runs")]
    [InlineData("green.imageTag", "is missing; use the tag green runs")]
    [InlineData("release.live", "is missing; name the live colour: blue or green")]
    [InlineData("network.vpcId", "is missing; use vpc-")]
    [InlineData("network.subnetIds", "is missing; use a list of at least two subnet ids")]
    public void A_missing_required_key_is_named(string key, string fragment)
    {
        var problem = TestConfig.Staging().Without(key).OnlyProblem();

        Assert.Equal(key, problem.Key);
        Assert.StartsWith($"bluegreen:{key}: {fragment}", problem.Message);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("staging")]
    public void A_missing_certificate_is_rejected_in_every_stack_so_no_https_listener_gets_an_empty_arn(string stack)
    {
        var config = stack == "prod" ? TestConfig.Prod() : TestConfig.Staging();
        var problem = config.Without("network.certificateArn").OnlyProblem();

        Assert.Equal("network.certificateArn", problem.Key);
        Assert.StartsWith("bluegreen:network.certificateArn: is missing; every stack serves HTTPS", problem.Message);
    }

    [Fact]
    public void A_certificate_of_another_region_is_rejected()
    {
        var problem = TestConfig.Staging()
            .With("network.certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
            .OnlyProblem();

        Assert.Equal("network.certificateArn", problem.Key);
        Assert.Contains("is in us-east-1, but a load balancer can only use an ACM certificate of its own region (aws:region eu-west-1)", problem.Message);
    }

    [Theory]
    [InlineData("eu-west-l", "did you mean eu-west-1?")]
    [InlineData("eu-wset-1", "did you mean eu-west-1?")]
    [InlineData("moon-base-1", "is not an AWS region; use one such as")]
    public void A_region_that_is_not_an_aws_region_is_rejected_with_the_rest_of_the_config(string region, string expected)
    {
        var problem = TestConfig.Staging().With("aws:region", region).OnlyProblem();

        Assert.Equal("aws:region", problem.Key);
        Assert.StartsWith($"aws:region: {region} is not an AWS region", problem.Message);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void A_missing_region_is_rejected()
    {
        var problem = TestConfig.Staging().Without("aws:region").OnlyProblem();

        Assert.Equal("aws:region: is missing; name the stack's AWS region, e.g. aws:region: eu-west-1", problem.Message);
    }

    /// <summary>Rules between keys of one section, one row each: the stack, the keys set (key=value; an empty
    /// value removes the key), the key blamed and what its message says.</summary>
    public static TheoryData<string, string, string, string> SectionRules => new()
    {
        { "prod", "backup.retentionDays=14", "backup.retentionDays", "14 is under the prod minimum; prod keeps backups at least 30 days (up to 36500)" },
        { "prod", "notifications.critical=", "notifications.critical", "[] is empty in prod; list at least one email address, https URL or SNS topic ARN" },
        { "staging", "alarms.errorRate.warning=2;alarms.errorRate.critical=1.5", "alarms.errorRate.warning", "2 is above bluegreen:alarms.errorRate.critical 1.5; the warning threshold must not exceed the critical one" },
        { "staging", "alarms.latencyP95.warning=1500ms", "alarms.latencyP95.warning", "1500ms is above bluegreen:alarms.latencyP95.critical 1s; the warning threshold must not exceed the critical one" },
        { "staging", "backup.weekly.enabled=true;backup.weekly.coldStorageAfterDays=30;backup.weekly.retentionDays=119", "backup.weekly.retentionDays", "so retention must be at least 120 days" },
        { "staging", "backup.selection.tag=none", "backup.selection.tag", "leaves nothing to back up, as backup.selection.resources is empty too" },
    };

    [Theory]
    [MemberData(nameof(SectionRules))]
    public void A_rule_between_keys_blames_one_key_and_says_why(string stack, string keys, string blamed, string says)
    {
        var config = stack == "prod" ? TestConfig.Prod() : TestConfig.Staging();
        foreach (var pair in keys.Split(';'))
        {
            var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            config = value.Length == 0 ? config.Without(key) : config.With(key, value);
        }

        var problem = config.OnlyProblem();

        Assert.Equal(blamed, problem.Key);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backup_retention_under_30_days_is_allowed_in_staging()
    {
        Assert.Equal(14, TestConfig.Staging().With("backup.retentionDays", "14").Valid().Backup.RetentionDays);
    }

    [Fact]
    public void Weekly_retention_of_exactly_cold_storage_plus_90_days_is_accepted()
    {
        var weekly = TestConfig.Staging()
            .With("backup.weekly.enabled", "true")
            .With("backup.weekly.coldStorageAfterDays", "30")
            .With("backup.weekly.retentionDays", "120")
            .Valid().Backup.Weekly;

        Assert.Equal(new WeeklyBackup(BackupSettings.DefaultWeeklySchedule, 120, 30), weekly);
    }

    [Fact]
    public void A_stack_named_prod_cannot_say_staging()
    {
        var problem = TestConfig.Staging().Named("eu-prod").OnlyProblem();

        Assert.Equal("environment", problem.Key);
        Assert.Contains("contradicts the stack name 'eu-prod'", problem.Message);
    }

    [Fact]
    public void A_stack_name_merely_containing_prod_in_a_word_is_no_contradiction()
    {
        Assert.Equal(StackEnvironment.Staging, TestConfig.Staging().Named("product-staging").Valid().Environment);
    }

    [Fact]
    public void The_environment_key_decides_prod_not_the_stack_name()
    {
        Assert.True(TestConfig.Prod().Named("eu-west-main").Valid().IsProd);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = TestConfig.Prod()
            .With("app.port", "0")
            .With("ramp.schedule", "[0,50,25,100]")
            .With("blue.replicas", "0")
            .With("release.live", "purple")
            .Without("network.certificateArn")
            .With("backup.retentionDays", "7")
            .With("alarms.errorRate.warning", "5")
            .With("notifications.warning", """["arn:aws:sns:nowhere"]""")
            .Problems();

        Assert.Equal(
            new[]
            {
                "app.port", "release.live", "blue.replicas", "ramp.schedule", "alarms.errorRate.warning",
                "notifications.warning", "backup.retentionDays", "network.certificateArn",
            }.Order(),
            problems.Select(p => p.Key).Order());
    }

    [Fact]
    public void GetSettingsOrThrow_lists_every_problem()
    {
        var result = TestConfig.Staging().With("app.port", "0").With("blue.replicas", "0").Read();

        var error = Assert.Throws<InvalidStackSettingsException>(() => result.GetSettingsOrThrow("staging"));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("Stack staging config has 2 problem(s):", error.Message);
        Assert.Contains("  - bluegreen:app.port: 0 is out of range", error.Message);
        Assert.Contains("  - bluegreen:blue.replicas: 0 is out of range", error.Message);
    }
}
