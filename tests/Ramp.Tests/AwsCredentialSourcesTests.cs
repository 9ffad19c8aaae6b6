using BlueGreen.Ramp.Tools;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// Issue 23: without any source of AWS credentials, <c>status</c> and the offline verdict must not wait for the CLI's
/// own probing. The sources are botocore's default chain (botocore/credentials.py, create_credential_resolver).
/// </summary>
public class AwsCredentialSourcesTests
{
    private const string Home = "/home/dev";

    public static AwsCredentialSources With(Dictionary<string, string>? env = null, string[]? files = null, Dictionary<string, string>? texts = null) => new(
        name => env?.GetValueOrDefault(name),
        path => files?.Contains(path) == true,
        path => texts?.GetValueOrDefault(path),
        Home);

    [Fact]
    public void A_machine_with_no_source_has_none() => Assert.Null(With().Find());

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_PROFILE")]
    [InlineData("AWS_WEB_IDENTITY_TOKEN_FILE")] // GitHub's OIDC through aws-actions/configure-aws-credentials, EKS pod identity
    [InlineData("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")] // ECS tasks, CodeBuild
    [InlineData("AWS_CONTAINER_CREDENTIALS_FULL_URI")]
    public void Each_environment_source_counts(string variable) =>
        Assert.Equal($"the environment variable {variable}", With(env: new() { [variable] = "x" }).Find());

    [Theory]
    [InlineData("/home/dev/.aws/credentials")]
    [InlineData("/home/dev/.aws/config")] // SSO, credential_process and assumed-role profiles live here
    [InlineData("/etc/boto.cfg")]
    [InlineData("/home/dev/.boto")]
    public void Each_file_source_counts(string file) => Assert.Equal($"the file {file}", With(files: [file]).Find());

    [Fact]
    public void The_files_named_by_the_environment_are_the_ones_looked_at()
    {
        var env = new Dictionary<string, string> { ["AWS_SHARED_CREDENTIALS_FILE"] = "/ci/creds", ["AWS_CONFIG_FILE"] = "/ci/config" };
        Assert.Null(With(env: env, files: ["/home/dev/.aws/credentials"]).Find());
        Assert.Equal("the file /ci/config", With(env: env, files: ["/ci/config"]).Find());
    }

    [Theory]
    [InlineData("/sys/devices/virtual/dmi/id/sys_vendor", "Amazon EC2\n")] // Nitro instances
    [InlineData("/sys/hypervisor/uuid", "ec2e1916-9099-7caf-fd21-012345abcdef\n")] // Xen instances
    public void On_ec2_the_instance_metadata_service_may_hold_credentials_unless_it_is_disabled(string file, string text)
    {
        var texts = new Dictionary<string, string> { [file] = text };
        Assert.Equal("the EC2 instance metadata service", With(texts: texts).Find());
        Assert.Null(With(env: new() { ["AWS_EC2_METADATA_DISABLED"] = "true" }, texts: texts).Find());
        Assert.Null(With(texts: new() { ["/sys/devices/virtual/dmi/id/sys_vendor"] = "QEMU\n" }).Find());
    }

    [Fact]
    public async Task Without_a_source_the_cli_is_not_asked_with_one_sts_says_whether_they_work()
    {
        var runner = new Mock<IProcessRunner>(MockBehavior.Strict);
        Assert.False(await new AwsCli(runner.Object, With()).HasCredentialsAsync());
        runner.VerifyNoOtherCalls();

        runner.Setup(r => r.RunAsync("aws", new[] { "sts", "get-caller-identity", "--output", "json" }, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProcessResult(255, "", "Unable to locate credentials. You can configure credentials by running \"aws configure\"."));
        Assert.False(await new AwsCli(runner.Object, With(files: ["/home/dev/.aws/config"])).HasCredentialsAsync());
        runner.Verify(r => r.RunAsync("aws", It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
