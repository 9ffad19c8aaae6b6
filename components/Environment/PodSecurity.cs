using Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace BlueGreen.Components;

/// <summary>The Pod Security Standards' "restricted" profile, for every pod the stack runs (the colours'
/// pods and the release's Jobs).</summary>
internal static class PodSecurity
{
    /// <summary>A container: not root, read-only root filesystem, no privilege escalation, no capabilities,
    /// the runtime's seccomp profile.</summary>
    public static SecurityContextArgs Container() => new()
    {
        RunAsNonRoot = true,
        ReadOnlyRootFilesystem = true,
        AllowPrivilegeEscalation = false,
        Privileged = false,
        Capabilities = new CapabilitiesArgs { Drop = { "ALL" } },
        SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
    };

    /// <summary>A pod: not root, the runtime's seccomp profile.</summary>
    public static PodSecurityContextArgs Pod() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new SeccompProfileArgs { Type = "RuntimeDefault" },
    };
}
