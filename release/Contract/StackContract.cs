namespace BlueGreen.Release;

/// <summary>
/// What the stack publishes and the CLI, CI and the preview read: the names its resources and outputs carry.
/// The stack's <c>[Output("…")]</c> attributes and every reader take them from here, so a rename is one edit
/// that the compiler carries everywhere.
/// </summary>
public static class StackContract
{
    /// <summary>The Pulumi project (<c>Pulumi.yaml</c>'s <c>name</c>).</summary>
    public const string Project = "bluegreen";

    /// <summary>The weighted listener component's type token.</summary>
    public const string WeightedListenerType = "bluegreen:aws:WeightedListener";

    /// <summary>The prefix of every AWS name of a stack: <c>{app}-{stack}</c>.</summary>
    public static string NamePrefix(string appName, string stack) => $"{appName}-{stack}";

    /// <summary>The weighted listener component's name: <c>{app}-edge</c>.</summary>
    public static string ListenerComponentName(string appName) => $"{appName}-edge";

    /// <summary>The HTTPS listener's resource name inside its component.</summary>
    public static string HttpsListenerName(string componentName) => $"{componentName}-https";

    /// <summary>
    /// The Pulumi URN of the HTTPS listener, as the engine writes it (the chain of component types, the stack left
    /// out): what <c>pulumi up --target</c> takes for the emergency rollback.
    /// </summary>
    public static string ListenerUrn(string stack, string appName) =>
        $"urn:pulumi:{stack}::{Project}::{WeightedListenerType}$aws:lb/listener:Listener::{HttpsListenerName(ListenerComponentName(appName))}";

    /// <summary>The composite rollback alarm of the colour at risk: <c>{prefix}-{colour}-rollback</c>.</summary>
    public static string RollbackAlarmName(string namePrefix, Colour atRisk) => $"{namePrefix}-{atRisk.ConfigName()}-rollback";

    /// <summary>The SSM parameter of a stack's automatic-rollback record.</summary>
    public static string RollbackRecordName(string namePrefix) => AutomaticRollbackRecord.NameOf(namePrefix);

    /// <summary>The stack output names (<c>pulumi stack output --json</c>).</summary>
    public static class Outputs
    {
        public const string Url = "url";
        public const string ListenerArn = "listenerArn";
        public const string LiveColour = "liveColour";
        public const string Step = "step";
        public const string BlueWeight = "blueWeight";
        public const string GreenWeight = "greenWeight";
        public const string BlueTargetGroupArn = "blueTargetGroupArn";
        public const string GreenTargetGroupArn = "greenTargetGroupArn";
        public const string BlueRelease = "blueRelease";
        public const string GreenRelease = "greenRelease";
        public const string AlarmNames = "alarmNames";
        public const string CompositeAlarmArn = "compositeAlarmArn";
        public const string DashboardName = "dashboardName";
        public const string TestRouteKey = "testRouteKey";
        public const string AutomaticRollback = "automaticRollback";
        public const string BackupVaultName = "backupVaultName";
        public const string SmokeJob = "smokeJob";
        public const string SmokeRelease = "smokeRelease";
        public const string SmokePassed = "smokePassed";

        /// <summary>A colour's target group ARN output.</summary>
        public static string TargetGroupArn(Colour colour) => colour == Colour.Blue ? BlueTargetGroupArn : GreenTargetGroupArn;

        /// <summary>A colour's release (image tag) output.</summary>
        public static string Release(Colour colour) => colour == Colour.Blue ? BlueRelease : GreenRelease;

        /// <summary>A colour's weight output.</summary>
        public static string Weight(Colour colour) => colour == Colour.Blue ? BlueWeight : GreenWeight;
    }
}
