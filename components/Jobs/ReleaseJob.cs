using BlueGreen.Release;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Batch.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using BatchV1 = Pulumi.Kubernetes.Batch.V1;

namespace BlueGreen.Components;

/// <summary>
/// A Job a release runs once — its smoke test or its database migration. The Kubernetes provider waits
/// for a Job to complete, so a Job that fails (or passes its timeout) fails the <c>pulumi up</c> that
/// created it, and whatever depends on it (the listener's weights, the new colour's pods) is not applied.
/// The Job is named after the release: a new release gets a new Job, and a traffic step leaves it alone.
/// </summary>
public sealed class ReleaseJob : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "bluegreen:k8s:ReleaseJob";

    /// <summary>How long the provider waits beyond the Job's own deadline before giving up on it.</summary>
    public static readonly TimeSpan AwaitMargin = TimeSpan.FromMinutes(5);

    /// <summary>The release the Job belongs to (its image tag).</summary>
    public string Release { get; }

    /// <summary>The Job's name.</summary>
    [Output("jobName")]
    public Output<string> JobName { get; private set; }

    /// <summary>
    /// Whether the Job is complete: its <c>status.conditions</c> has <c>Complete</c> with status <c>True</c>, the
    /// condition pulumi-kubernetes v4.32.0 waits for (provider/pkg/await/checker/job/check.go:50-72), as the
    /// provider last read the Job.
    /// </summary>
    [Output("complete")]
    public Output<bool> Complete { get; private set; }

    /// <summary>Whether the Job failed: <c>Failed</c> with status <c>True</c> (check.go:94-100).</summary>
    [Output("failed")]
    public Output<bool> Failed { get; private set; }

    /// <summary>The release the Job ran, from its own <c>release</c> label (not from the config).</summary>
    [Output("ranRelease")]
    public Output<string?> RanRelease { get; private set; }

    /// <summary>The annotation that makes pulumi-kubernetes replace a Job that is not ready (failed, or still
    /// running) at the next <c>pulumi up</c> instead of waiting on it again (provider/pkg/provider/provider.go:1622-1640,
    /// v4.32.0; documented in provider/pkg/gen/additionalComments.go:144-149).</summary>
    public const string ReplaceUnreadyAnnotation = "pulumi.com/replaceUnready";

    /// <summary>The labels a release's Job and its pods carry. Never <c>colour</c>: the colour's Service,
    /// PodDisruptionBudget and TargetGroupBinding select <c>app</c> + <c>colour</c>, and must not select a Job's pods.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(ReleaseJobArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var labels = new Dictionary<string, string>
        {
            ["app"] = args.AppName,
            ["release-step"] = args.PurposeName,
            ["managed-by"] = "pulumi-bluegreen",
        };
        if (KubernetesNames.IsLabelValue(args.ReleaseTag))
        {
            labels["release"] = args.ReleaseTag;
        }

        return labels;
    }

    /// <summary>The annotation naming the release (a tag need not be a valid label value).</summary>
    public const string ReleaseAnnotation = "bluegreen/release";

    /// <summary>Declares the Job.</summary>
    /// <exception cref="ArgumentException">An argument breaks a Kubernetes rule; the message says which.</exception>
    public ReleaseJob(string name, ReleaseJobArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var jobName = args.Validate();
        Release = args.ReleaseTag;
        var job = CreateJob(name, args, jobName);

        JobName = job.Metadata.Apply(m => m.Name);
        Complete = job.Status.Apply(s => HasCondition(s, "Complete"));
        Failed = job.Status.Apply(s => HasCondition(s, "Failed"));
        RanRelease = job.Metadata.Apply(m => m.Labels.TryGetValue("release", out var label) ? label
            : m.Annotations.TryGetValue(ReleaseAnnotation, out var annotated) ? annotated : null);
        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }

    /// <summary>The Job: one attempt of one container, within the deadline, after <see cref="ReleaseJobArgs.RunAfter"/>.</summary>
    private BatchV1.Job CreateJob(string name, ReleaseJobArgs args, string jobName)
    {
        var labels = InputMaps.From(LabelsOf(args));
        var timeout = TimeSpan.FromSeconds(args.TimeoutSeconds) + AwaitMargin;
        return new BatchV1.Job($"{name}-job", new JobArgs
        {
            Metadata = new ObjectMetaArgs { Name = jobName, Namespace = args.Namespace, Labels = labels, Annotations = AnnotationsOf(args) },
            Spec = new JobSpecArgs
            {
                // One attempt: a smoke test that fails once has failed, and a migration is not retried blindly.
                BackoffLimit = 0,
                ActiveDeadlineSeconds = args.TimeoutSeconds,
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = labels },
                    Spec = new PodSpecArgs
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = args.Pods.ServiceAccount!,
                        AutomountServiceAccountToken = args.Pods.ServiceAccount is not null,
                        SecurityContext = PodSecurity.Pod(),
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = args.PurposeName,
                                Image = args.Image,
                                ImagePullPolicy = "IfNotPresent",
                                Command = [.. args.Command],
                                Env = EnvironmentOf(args),
                                EnvFrom = args.Pods.Secret is { } secret
                                    ? new InputList<EnvFromSourceArgs> { new EnvFromSourceArgs { SecretRef = new SecretEnvSourceArgs { Name = secret } } }
                                    : new InputList<EnvFromSourceArgs>(),
                                Resources = new ResourceRequirementsArgs
                                {
                                    Requests = { { "cpu", args.Pods.CpuRequest }, { "memory", args.Pods.MemoryRequest } },
                                    Limits = { { "cpu", args.Pods.CpuLimit }, { "memory", args.Pods.MemoryLimit } },
                                },
                                SecurityContext = PodSecurity.Container(),
                                // The root filesystem is read-only; the same image as the colour's pods gets the same scratch space.
                                VolumeMounts = { new VolumeMountArgs { Name = "scratch", MountPath = ColourEnvironment.ScratchPath } },
                            },
                        },
                        Volumes = { new VolumeArgs { Name = "scratch", EmptyDir = new EmptyDirVolumeSourceArgs { SizeLimit = "256Mi" } } },
                    },
                },
            },
        }, new CustomResourceOptions
        {
            Parent = this,
            DependsOn = new InputList<Resource> { args.RunAfter.Select(r => (Input<Resource>)r).ToArray() },
            // A Job's pod template cannot be changed in place; a changed Job is deleted, then created again.
            ReplaceOnChanges = { "spec" },
            DeleteBeforeReplace = true,
            CustomTimeouts = new CustomTimeouts { Create = timeout, Update = timeout },
        });
    }

    /// <summary>The release the Job runs for and, when asked, the marker that replaces a Job not ready.</summary>
    private static InputMap<string> AnnotationsOf(ReleaseJobArgs args)
    {
        var annotations = new InputMap<string> { { ReleaseAnnotation, args.ReleaseTag } };
        if (args.ReplaceWhenNotReady)
        {
            annotations.Add(ReplaceUnreadyAnnotation, "true");
        }

        return annotations;
    }

    /// <summary><c>RELEASE</c>, then the caller's variables in key order.</summary>
    private static InputList<EnvVarArgs> EnvironmentOf(ReleaseJobArgs args)
    {
        var env = new InputList<EnvVarArgs> { new EnvVarArgs { Name = "RELEASE", Value = args.ReleaseTag } };
        foreach (var (key, value) in args.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            env.Add(new EnvVarArgs { Name = key, Value = value });
        }

        return env;
    }

    private static bool HasCondition(Pulumi.Kubernetes.Types.Outputs.Batch.V1.JobStatus? status, string type) =>
        status?.Conditions.Any(c => c.Type == type && c.Status == "True") == true;
}
