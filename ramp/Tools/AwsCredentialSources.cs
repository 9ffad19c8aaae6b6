namespace BlueGreen.Ramp.Tools;

/// <summary>
/// Whether the AWS CLI could find credentials at all, told from local evidence alone, so that a machine with none
/// (a fork's pull request, a laptop without a profile) is answered at once instead of after the CLI's own probing
/// (<c>aws sts get-caller-identity</c> costs a Python start-up and, off EC2, the instance-metadata timeout). The
/// sources are botocore's default chain (<c>botocore/credentials.py</c>, <c>create_credential_resolver</c>):
/// environment variables, the shared credentials and config files (profiles, SSO, credential_process, assumed
/// roles), web identity, the legacy boto config, the container endpoint, and the EC2 instance metadata service,
/// which is possible only on EC2 (told by the DMI vendor or the Xen hypervisor id, as the AWS SDKs and cloud-init
/// do) and not when <c>AWS_EC2_METADATA_DISABLED</c> is true.
/// </summary>
/// <param name="Environment">Reads an environment variable (null when unset).</param>
/// <param name="FileExists">Whether a file exists.</param>
/// <param name="ReadFile">A small file's text, or null when it cannot be read.</param>
/// <param name="Home">The user's home folder (for <c>~</c>).</param>
public sealed record AwsCredentialSources(Func<string, string?> Environment, Func<string, bool> FileExists, Func<string, string?> ReadFile, string Home)
{
    /// <summary>This machine's environment and files.</summary>
    public static AwsCredentialSources System { get; } = new(
        global::System.Environment.GetEnvironmentVariable,
        File.Exists,
        path =>
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        },
        global::System.Environment.GetFolderPath(global::System.Environment.SpecialFolder.UserProfile));

    /// <summary>The first source that may hold credentials, in words; null when there is none, so the CLI has nothing to find.</summary>
    public string? Find()
    {
        string[] variables =
        [
            "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        ];
        if (variables.FirstOrDefault(v => !string.IsNullOrEmpty(Environment(v))) is { } variable)
        {
            return $"the environment variable {variable}";
        }

        string[] files =
        [
            Environment("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(Home, ".aws", "credentials"),
            Environment("AWS_CONFIG_FILE") ?? Path.Combine(Home, ".aws", "config"),
            Environment("BOTO_CONFIG") ?? "/etc/boto.cfg",
            Path.Combine(Home, ".boto"),
        ];
        if (files.FirstOrDefault(FileExists) is { } file)
        {
            return $"the file {file}";
        }

        return OnEc2() && !string.Equals(Environment("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)
            ? "the EC2 instance metadata service"
            : null;
    }

    private bool OnEc2() =>
        ReadFile("/sys/devices/virtual/dmi/id/sys_vendor")?.Trim() == "Amazon EC2"
        || ReadFile("/sys/hypervisor/uuid")?.StartsWith("ec2", StringComparison.OrdinalIgnoreCase) == true;
}
