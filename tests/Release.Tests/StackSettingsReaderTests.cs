using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>What a valid config reads as: defaults per environment and every key's value.</summary>
public class StackSettingsReaderTests
{
    [Fact]
    public void Staging_defaults()
    {
        var s = TestConfig.Staging().Valid();

        Assert.Equal("staging", s.StackName);
        Assert.Equal(StackEnvironment.Staging, s.Environment);
        Assert.False(s.IsProd);
        Assert.False(s.DeletionProtection);
        Assert.Equal(new AppSettings("shop", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop", 8080, "/healthz"), s.App);
        Assert.Equal(new ColourRelease("1.4.2", 2), s.Blue);
        Assert.Equal(new ColourRelease("1.5.0", 2), s.Green);
        Assert.Equal(new ReleaseState(Colour.Blue, null, null, TimeSpan.FromHours(1)), s.Release);
        Assert.Equal(RampSchedule.Create([0, 5, 25, 50, 100], TimeSpan.FromMinutes(10)), s.Ramp.Schedule);
        Assert.Equal(0, s.Ramp.Step);
        Assert.Null(s.Ramp.StepSetAt);
        Assert.Equal(new StickinessSettings(true, TimeSpan.FromHours(1)), s.Stickiness);
        Assert.Equal(new TestRouteSettings(true, "X-Colour"), s.TestRoute);
        Assert.Equal(AlarmSettings.Default, s.Alarms);
        Assert.Empty(s.Notifications.Warning);
        Assert.Empty(s.Notifications.Critical);
        Assert.Equal(7, s.Backup.RetentionDays);
        Assert.Equal("cron(0 3 * * ? *)", s.Backup.Schedule);
        Assert.Null(s.Backup.Weekly);
        Assert.Equal("backup", s.Backup.Selection.TagKey);
        Assert.Equal("true", s.Backup.Selection.TagValue);
        Assert.Empty(s.Backup.Selection.ResourceArns);
        Assert.Equal(new RestoreTestingSettings(false, "cron(0 6 ? * MON *)"), s.Backup.RestoreTesting);
        Assert.Null(s.Backup.DatabaseClusterId);
        Assert.Equal("vpc-0a1b2c3d4e5f60718", s.Network.VpcId);
        Assert.Equal(["subnet-0a1b2c3d4e5f60718", "subnet-1a2b3c4d5e6f70819"], s.Network.SubnetIds);
        Assert.Equal(TestConfig.CertificateArn, s.Network.CertificateArn);
        Assert.Equal(new KubernetesSettings("shop", null, null), s.Kubernetes);
    }

    [Fact]
    public void Prod_defaults_differ_where_prod_needs_more()
    {
        var s = TestConfig.Prod().Valid();

        Assert.True(s.IsProd);
        Assert.True(s.DeletionProtection);
        Assert.Equal(3, s.Blue.Replicas);
        Assert.Equal(3, s.Green.Replicas);
        Assert.Equal(TimeSpan.FromHours(72), s.Release.StabilizationWindow);
        Assert.All(s.Ramp.Schedule.Steps, step => Assert.Equal(TimeSpan.FromHours(1), step.Bake));
        Assert.Equal(30, s.Backup.RetentionDays);
        Assert.True(s.Backup.RestoreTesting.Enabled);
        Assert.Equal(TestConfig.CertificateArn, s.Network.CertificateArn);
        Assert.Equal([new NotificationEndpoint(NotificationKind.Email, "oncall@example.com")], s.Notifications.Critical);
    }

    [Fact]
    public void Every_optional_key_is_read()
    {
        var s = TestConfig.Prod()
            .With("app.port", "9090")
            .With("app.healthPath", "/ready")
            .With("blue.replicas", "4")
            .With("green.replicas", "5")
            .With("release.live", "green")
            .With("release.promotedAt", "2025-06-01T08:00:00Z")
            .With("release.stabilizationWindow", "48h")
            .With("ramp.schedule", "[0,10,100]")
            .With("ramp.bake", """["15m","1h30m","2h"]""")
            .With("ramp.step", "1")
            .With("ramp.stepSetAt", "2025-06-10T11:00:00.500Z")
            .With("stickiness.enabled", "false")
            .With("stickiness.duration", "30m")
            .With("testRoute.enabled", "false")
            .With("testRoute.header", "X-Release-Colour")
            .With("testRoute.sourceCidrs", """["203.0.113.0/24"]""")
            .With("alarms.errorRate.warning", "0.25")
            .With("alarms.errorRate.critical", "2")
            .With("alarms.errorRate.window", "10m")
            .With("alarms.latencyP95.warning", "800ms")
            .With("alarms.latencyP95.critical", "2s")
            .With("alarms.latencyP95.window", "15m")
            .With("alarms.unhealthyHosts.count", "2")
            .With("alarms.unhealthyHosts.window", "3m")
            .With("alarms.relative.errorRateDelta", "1")
            .With("alarms.relative.latencyP95Ratio", "2")
            .With("notifications.warning", """["https://hooks.example.com/bluegreen","team@example.com"]""")
            .With("notifications.critical", """["arn:aws:sns:eu-west-1:123456789012:pager"]""")
            .With("backup.retentionDays", "35")
            .With("backup.schedule", "cron(30 2 * * ? *)")
            .With("backup.weekly.enabled", "true")
            .With("backup.weekly.schedule", "cron(0 5 ? * SAT *)")
            .With("backup.weekly.retentionDays", "400")
            .With("backup.weekly.coldStorageAfterDays", "30")
            .With("backup.selection.tag", "none")
            .With("backup.selection.resources", """["arn:aws:rds:eu-west-1:123456789012:cluster:orders","arn:aws:ec2:*:*:volume/*"]""")
            .With("backup.restoreTesting.enabled", "false")
            .With("backup.restoreTesting.schedule", "cron(0 7 ? * TUE *)")
            .With("backup.databaseClusterId", "orders-db")
            .With("kubernetes.namespace", "shop-prod")
            .With("kubernetes.context", "arn:aws:eks:eu-west-1:123456789012:cluster/main")
            .With("kubernetes.kubeconfig", "/home/ci/.kube/config")
            .Valid();

        Assert.Equal(new AppSettings("shop", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop", 9090, "/ready"), s.App);
        Assert.Equal(4, s.Blue.Replicas);
        Assert.Equal(5, s.Green.Replicas);
        Assert.Equal(
            new ReleaseState(Colour.Green, null, new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(48)),
            s.Release);
        Assert.Equal(Colour.Blue, s.OtherColour);
        Assert.Equal(
            RampSchedule.Create([0, 10, 100], [TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(90), TimeSpan.FromHours(2)]),
            s.Ramp.Schedule);
        Assert.Equal(1, s.Ramp.Step);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 11, 0, 0, 500, TimeSpan.Zero), s.Ramp.StepSetAt);
        Assert.Equal(new StickinessSettings(false, TimeSpan.FromMinutes(30)), s.Stickiness);
        Assert.Equal((false, "X-Release-Colour"), (s.TestRoute.Enabled, s.TestRoute.Header));
        Assert.Equal(["203.0.113.0/24"], s.TestRoute.SourceCidrs!);
        Assert.Empty(s.TestRoutes);
        Assert.Equal(
            new AlarmSettings(
                new ErrorRateAlarm(0.25, 2, TimeSpan.FromMinutes(10)),
                new LatencyAlarm(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(15)),
                new UnhealthyHostsAlarm(2, TimeSpan.FromMinutes(3)),
                new RelativeAlarm(1, 2)),
            s.Alarms);
        Assert.Equal(
            [
                new NotificationEndpoint(NotificationKind.Https, "https://hooks.example.com/bluegreen"),
                new NotificationEndpoint(NotificationKind.Email, "team@example.com"),
            ],
            s.Notifications.Warning);
        Assert.Equal(
            [new NotificationEndpoint(NotificationKind.SnsTopic, "arn:aws:sns:eu-west-1:123456789012:pager")],
            s.Notifications.Critical);
        Assert.Equal(35, s.Backup.RetentionDays);
        Assert.Equal("cron(30 2 * * ? *)", s.Backup.Schedule);
        Assert.Equal(new WeeklyBackup("cron(0 5 ? * SAT *)", 400, 30), s.Backup.Weekly);
        Assert.Null(s.Backup.Selection.TagKey);
        Assert.Equal(["arn:aws:rds:eu-west-1:123456789012:cluster:orders", "arn:aws:ec2:*:*:volume/*"], s.Backup.Selection.ResourceArns);
        Assert.Equal(new RestoreTestingSettings(false, "cron(0 7 ? * TUE *)"), s.Backup.RestoreTesting);
        Assert.Equal("orders-db", s.Backup.DatabaseClusterId);
        Assert.Equal(
            new KubernetesSettings("shop-prod", "arn:aws:eks:eu-west-1:123456789012:cluster/main", "/home/ci/.kube/config"),
            s.Kubernetes);
    }

    [Fact]
    public void Blank_values_count_as_not_set()
    {
        var s = TestConfig.Staging().With("app.port", "  ").With("backup.databaseClusterId", " ").Valid();

        Assert.Equal(8080, s.App.Port);
        Assert.Null(s.Backup.DatabaseClusterId);
    }

    [Fact]
    public void A_single_bake_duration_applies_to_every_step()
    {
        var schedule = TestConfig.Staging().With("ramp.schedule", "[0,50,100]").With("ramp.bake", "45m").Valid().Ramp.Schedule;

        Assert.Equal(RampSchedule.Create([0, 50, 100], TimeSpan.FromMinutes(45)), schedule);
    }

    [Fact]
    public void A_timestamp_within_the_clock_skew_tolerance_is_accepted()
    {
        var s = TestConfig.Staging().With("ramp.step", "1").With("ramp.stepSetAt", "2025-06-10T12:04:00Z").Valid();

        Assert.Equal(1, s.Ramp.Step);
    }

    [Fact]
    public void The_split_forward_action_and_test_routes_follow_the_config()
    {
        var s = TestConfig.Staging()
            .With("ramp.step", "2")
            .With("ramp.stepSetAt", "2025-06-10T11:00:00Z")
            .Valid();

        Assert.Equal(TrafficSplit.Of(75, 25), s.Split);
        Assert.Equal(
            [new WeightedTarget(Colour.Blue, 75), new WeightedTarget(Colour.Green, 25)],
            s.ForwardAction.Targets);
        Assert.Equal(new TargetGroupStickiness(true, 3600), s.ForwardAction.Stickiness);
        Assert.Equal(
            [(Colour.Blue, "X-Colour", "blue"), (Colour.Green, "X-Colour", "green")],
            s.TestRoutes.Select(r => (r.Colour, r.Header, r.Value)));
        Assert.All(s.TestRoutes, r => Assert.Empty(r.SourceCidrs));
    }

    [Fact]
    public void Kubernetes_settings_never_show_the_kubeconfig()
    {
        var kubernetes = new KubernetesSettings("shop", "main", "apiVersion: v1\nusers: [{token: s3cr3t}]");

        Assert.DoesNotContain("s3cr3t", kubernetes.ToString(), StringComparison.Ordinal);
        Assert.Contains("[secret]", kubernetes.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lookup_is_asked_only_for_known_keys()
    {
        var asked = new HashSet<string>();
        var config = TestConfig.Prod();
        StackSettingsReader.Read(key => { asked.Add(key); return config.Lookup(key); }, "prod", TestConfig.Now);

        Assert.Subset(ConfigKeys.All.Append(AwsRegions.ConfigKey).ToHashSet(), asked);
        Assert.Equal(ConfigKeys.All.Count, ConfigKeys.All.Distinct().Count());
    }

    [Fact]
    public void Every_known_key_is_read()
    {
        var asked = new HashSet<string>();
        var config = TestConfig.Prod();
        StackSettingsReader.Read(key => { asked.Add(key); return config.Lookup(key); }, "prod", TestConfig.Now);

        Assert.Equal(ConfigKeys.All.Append(AwsRegions.ConfigKey).Order(), asked.Order());
    }
}
