using Pulumi.Kubernetes.Types.Inputs.Autoscaling.V2;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Policy.V1;
using AutoscalingV2 = Pulumi.Kubernetes.Autoscaling.V2;
using PolicyV1 = Pulumi.Kubernetes.Policy.V1;

namespace BlueGreen.Components;

/// <summary>How the colour stays available: its PodDisruptionBudget and optional HorizontalPodAutoscaler.</summary>
public sealed partial class ColourEnvironment
{
    private void CreateDisruptionBudget(string name, ColourEnvironmentArgs args) =>
        _ = new PolicyV1.PodDisruptionBudget($"{name}-pdb", new PodDisruptionBudgetArgs
        {
            Metadata = MetadataOf(args),
            Spec = new PodDisruptionBudgetSpecArgs
            {
                // One pod at a time: node drains make progress even with a single replica.
                MaxUnavailable = 1,
                Selector = new LabelSelectorArgs { MatchLabels = InputMaps.From(SelectorOf(args)) },
                UnhealthyPodEvictionPolicy = "AlwaysAllow",
            },
        }, Child(protectWhenLive: false, args.IsLive));

    private void CreateAutoscaler(string name, ColourEnvironmentArgs args, AutoscalingSettings autoscaling) =>
        _ = new AutoscalingV2.HorizontalPodAutoscaler($"{name}-hpa", new HorizontalPodAutoscalerArgs
        {
            Metadata = MetadataOf(args),
            Spec = new HorizontalPodAutoscalerSpecArgs
            {
                ScaleTargetRef = new CrossVersionObjectReferenceArgs
                {
                    ApiVersion = "apps/v1",
                    Kind = "Deployment",
                    Name = args.ObjectName,
                },
                MinReplicas = autoscaling.MinReplicas,
                MaxReplicas = autoscaling.MaxReplicas,
                Metrics =
                {
                    new MetricSpecArgs
                    {
                        Type = "Resource",
                        Resource = new ResourceMetricSourceArgs
                        {
                            Name = "cpu",
                            Target = new MetricTargetArgs
                            {
                                Type = "Utilization",
                                AverageUtilization = autoscaling.TargetCpuUtilizationPercent,
                            },
                        },
                    },
                },
            },
        }, Child(protectWhenLive: false, args.IsLive));
}
