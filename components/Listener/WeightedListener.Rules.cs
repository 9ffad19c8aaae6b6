using BlueGreen.Release;
using Pulumi;
using Ec2 = Pulumi.Aws.Ec2;
using LB = Pulumi.Aws.LB;
using S3 = Pulumi.Aws.S3;
using Vpc = Pulumi.Aws.Vpc;

namespace BlueGreen.Components;

/// <summary>The HTTPS listener's rules in front of the weighted default action: the test routes, then maintenance mode.</summary>
public sealed partial class WeightedListener
{
    private void CreateTestRoutes(string name, LB.Listener https, WeightedListenerArgs args)
    {
        foreach (var route in args.TestRoutes)
        {
            CreateTestRoute(name, https, route, args);
        }
    }

    private void CreateTestRoute(string name, LB.Listener https, HeaderRoute route, WeightedListenerArgs args) =>
        _ = new LB.ListenerRule($"{name}-test-{route.Colour.ConfigName()}", new LB.ListenerRuleArgs
        {
            ListenerArn = https.Arn,
            Priority = route.Priority,
            Conditions = TestRouteConditions(route, args),
            Actions =
            {
                new LB.Inputs.ListenerRuleActionArgs { Type = "forward", TargetGroupArn = route.TargetGroupArn },
            },
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

    /// <summary>Maintenance mode: every path, behind the test routes, answers 503 with the page.</summary>
    private void CreateMaintenanceRule(string name, LB.Listener https, MaintenancePage page, WeightedListenerArgs args) =>
        _ = new LB.ListenerRule($"{name}-maintenance", new LB.ListenerRuleArgs
        {
            ListenerArn = https.Arn,
            Priority = MaintenancePage.Priority,
            Conditions =
            {
                new LB.Inputs.ListenerRuleConditionArgs
                {
                    PathPattern = new LB.Inputs.ListenerRuleConditionPathPatternArgs { Values = { "/*" } },
                },
            },
            Actions =
            {
                new LB.Inputs.ListenerRuleActionArgs
                {
                    Type = "fixed-response",
                    FixedResponse = new LB.Inputs.ListenerRuleActionFixedResponseArgs
                    {
                        StatusCode = "503",
                        ContentType = page.ContentType,
                        MessageBody = page.Body,
                    },
                },
            },
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

    /// <summary>The colour header, the stack's secret key and, when given, the allowed sources: all must match.</summary>
    private static InputList<LB.Inputs.ListenerRuleConditionArgs> TestRouteConditions(HeaderRoute route, WeightedListenerArgs args)
    {
        static LB.Inputs.ListenerRuleConditionArgs Header(string name, Input<string> value) => new()
        {
            HttpHeader = new LB.Inputs.ListenerRuleConditionHttpHeaderArgs { HttpHeaderName = name, Values = { value } },
        };

        var conditions = new InputList<LB.Inputs.ListenerRuleConditionArgs>
        {
            Header(route.HeaderName, route.Value),
            Header(args.TestRouteKeyHeader, args.TestRouteKey!),
        };
        if (args.TestRouteSourceCidrs.Count > 0)
        {
            var sources = new LB.Inputs.ListenerRuleConditionSourceIpArgs();
            foreach (var cidr in args.TestRouteSourceCidrs)
            {
                sources.Values.Add(cidr);
            }

            conditions.Add(new LB.Inputs.ListenerRuleConditionArgs { SourceIp = sources });
        }

        return conditions;
    }
}
