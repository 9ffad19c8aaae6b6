using BlueGreen.Release;
using Pulumi;
using LB = Pulumi.Aws.LB;

namespace BlueGreen.Components;

/// <summary>The load balancer's listeners: HTTPS forwarding to the colours by weight, HTTP redirecting to HTTPS.</summary>
public sealed partial class WeightedListener
{
    /// <summary>The HTTPS listener: its default action forwards to the colours by weight, once <see cref="WeightedListenerArgs.WeightsAfter"/> succeeded.</summary>
    private LB.Listener CreateHttpsListener(string name, WeightedListenerArgs args, LB.LoadBalancer loadBalancer) =>
        new LB.Listener(StackContract.HttpsListenerName(name), new LB.ListenerArgs
        {
            LoadBalancerArn = loadBalancer.Arn,
            Port = 443,
            Protocol = "HTTPS",
            CertificateArn = args.CertificateArn,
            SslPolicy = args.SslPolicy,
            DefaultActions = { ForwardDefaultAction(args.Forward, args.DeclaredForward, args.TargetGroupArns) },
            Tags = Tags(args),
        }, new CustomResourceOptions
        {
            Parent = this,
            DependsOn = new InputList<Resource> { args.WeightsAfter.Select(r => (Input<Resource>)r).ToArray() },
        });

    /// <summary>The HTTP listener: a permanent redirect to HTTPS.</summary>
    private void CreateHttpRedirect(string name, WeightedListenerArgs args, LB.LoadBalancer loadBalancer) =>
        _ = new LB.Listener($"{name}-http", new LB.ListenerArgs
        {
            LoadBalancerArn = loadBalancer.Arn,
            Port = 80,
            Protocol = "HTTP",
            DefaultActions =
            {
                new LB.Inputs.ListenerDefaultActionArgs
                {
                    Type = "redirect",
                    Redirect = new LB.Inputs.ListenerDefaultActionRedirectArgs
                    {
                        Protocol = "HTTPS",
                        Port = "443",
                        StatusCode = "HTTP_301",
                    },
                },
            },
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

    /// <summary>The HTTPS listener's default action: forward to the target groups with their weights and
    /// stickiness stated explicitly.</summary>
    private static LB.Inputs.ListenerDefaultActionArgs ForwardDefaultAction(
        ForwardAction action, Output<ForwardAction>? declared, IReadOnlyDictionary<Colour, Input<string>> targetGroupArns)
    {
        // The weights and stickiness sent: the decided ones, or (when they depend on the cloud) the declared ones.
        var sent = declared ?? Output.Create(action);
        var forward = new LB.Inputs.ListenerDefaultActionForwardArgs
        {
            Stickiness = new LB.Inputs.ListenerDefaultActionForwardStickinessArgs
            {
                Enabled = declared is null ? action.Stickiness.Enabled : sent.Apply(a => a.Stickiness.Enabled),
                Duration = action.Stickiness.DurationSeconds,
            },
        };
        foreach (var target in action.Targets)
        {
            var colour = target.Colour;
            forward.TargetGroups.Add(new LB.Inputs.ListenerDefaultActionForwardTargetGroupArgs
            {
                Arn = targetGroupArns[colour],
                Weight = declared is null ? target.Weight : sent.Apply(a => a.Targets.Single(t => t.Colour == colour).Weight),
            });
        }

        return new LB.Inputs.ListenerDefaultActionArgs { Type = "forward", Forward = forward };
    }
}
