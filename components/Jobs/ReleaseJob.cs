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

    /// <summary>Whether the Job has succeeded (<c>status.succeeded</c> ≥ 1), as the provider last read it.</summary>
    [Output("succeeded")]
    public Output<bool> Succeeded { get; private set; }

    /// <summary>Declares the Job.</summary>
    /// <exception cref="ArgumentException">An argument breaks a Kubernetes rule; the message says which.</exception>
    public ReleaseJob(string name, ReleaseJobArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var jobName = args.Validate();
        Release = args.ReleaseTag;
        var labels = InputMaps.From(new Dictionary<string, string>
        {
            ["app"] = args.AppName,
            ["colour"] = args.Colour.ConfigName(),
            ["release-step"] = args.PurposeName,
            ["managed-by"] = "pulumi-bluegreen",
        });

        var env = new InputList<EnvVarArgs> { new EnvVarArgs { Name = "RELEASE", Value = args.ReleaseTag } };
        foreach (var (key, value) in args.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            env.Add(new EnvVarArgs { Name = key, Value = value });
        }

        var timeout = TimeSpan.FromSeconds(args.TimeoutSeconds) + AwaitMargin;
        var job = new BatchV1.Job($"{name}-job", new JobArgs
        {
            Metadata = new ObjectMetaArgs { Name = jobName, Namespace = args.Namespace, Labels = labels },
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
                        AutomountServiceAccountToken = false,
                        SecurityContext = PodSecurity.Pod(),
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = args.PurposeName,
                                Image = args.Image,
                                ImagePullPolicy = "IfNotPresent",
                                Command = [.. args.Command],
                                Env = env,
                                SecurityContext = PodSecurity.Container(),
                            },
                        },
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

        JobName = job.Metadata.Apply(m => m.Name);
        Succeeded = job.Status.Apply(s => s is { Succeeded: >= 1 });
        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }
}
