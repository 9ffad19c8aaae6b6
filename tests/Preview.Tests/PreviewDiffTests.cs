using System.Text.Json.Nodes;

namespace BlueGreen.Preview.Tests;

public sealed class PreviewDiffTests
{
    private const string Listener = "aws:lb/listener:Listener";

    private static PreviewResource Resource(string type, string json, string name = "r", string? provider = null) =>
        new($"urn:pulumi:s::p::{type}::{name}", type, name, null, provider, true, (JsonObject)JsonNode.Parse(json)!);

    private static string Weights(int blue, int green) =>
        "{\"defaultActions\":[{\"type\":\"forward\",\"forward\":{\"targetGroups\":[{\"arn\":\"b\",\"weight\":" + blue
        + "},{\"arn\":\"g\",\"weight\":" + green + "}]}}],\"port\":443}";

    [Fact]
    public void A_changed_weight_is_an_update_at_its_full_path()
    {
        var change = PreviewDiff.Compare(Resource(Listener, Weights(95, 5)), Resource(Listener, Weights(75, 25)));

        Assert.Equal(PreviewOp.Update, change.Op);
        Assert.Equal(
            ["defaultActions[0].forward.targetGroups[0].weight: 95 → 75", "defaultActions[0].forward.targetGroups[1].weight: 5 → 25"],
            change.Diffs.Select(d => $"{d.Path}: {PreviewValues.Display(d.Old)} → {PreviewValues.Display(d.New)}"));
        Assert.All(change.Diffs, d => Assert.False(d.ForcesReplacement));
    }

    [Fact]
    public void Equal_inputs_are_the_same()
    {
        var change = PreviewDiff.Compare(Resource(Listener, Weights(95, 5)), Resource(Listener, Weights(95, 5)));

        Assert.Equal(PreviewOp.Same, change.Op);
        Assert.Empty(change.Diffs);
    }

    [Fact]
    public void A_change_in_the_replacement_table_is_a_replacement_and_says_which_path_forces_it()
    {
        var change = PreviewDiff.Compare(
            Resource("aws:lb/targetGroup:TargetGroup", """{"port":8080,"healthCheck":{"path":"/a"}}"""),
            Resource("aws:lb/targetGroup:TargetGroup", """{"port":9090,"healthCheck":{"path":"/b"}}"""));

        Assert.Equal(PreviewOp.Replace, change.Op);
        Assert.Equal([("healthCheck.path", false), ("port", true)], change.Diffs.Select(d => (d.Path, d.ForcesReplacement)));
    }

    [Fact]
    public void Added_and_removed_properties_and_list_items_have_no_old_or_no_new_value()
    {
        var change = PreviewDiff.Compare(
            Resource(Listener, """{"tags":{"a":"1"},"list":[1,2]}"""),
            Resource(Listener, """{"tags":{"b":"2"},"list":[1],"labels":{"elbv2.k8s.aws/x":"on"}}"""));

        Assert.Equal(
            [("labels", null, """{"elbv2.k8s.aws/x":"on"}"""), ("list[1]", "2", null), ("tags.a", "\"1\"", null), ("tags.b", null, "\"2\"")],
            change.Diffs.Select(d => (d.Path, d.Old?.ToJsonString(), d.New?.ToJsonString())));
    }

    [Fact]
    public void Keys_that_are_not_plain_names_are_quoted_in_paths()
    {
        var change = PreviewDiff.Compare(
            Resource("kubernetes:core/v1:Namespace", """{"metadata":{"labels":{"elbv2.k8s.aws/pod-readiness-gate-inject":"enabled"}}}"""),
            Resource("kubernetes:core/v1:Namespace", """{"metadata":{"labels":{"elbv2.k8s.aws/pod-readiness-gate-inject":"disabled"}}}"""));

        Assert.Equal("metadata.labels[\"elbv2.k8s.aws/pod-readiness-gate-inject\"]", Assert.Single(change.Diffs).Path);
    }

    [Fact]
    public void Two_different_secrets_differ_though_both_show_masked()
    {
        var before = Resource("pulumi:providers:kubernetes", """{"kubeconfig":"[secret]"}""") with
        {
            SecretFingerprints = new Dictionary<string, string> { ["kubeconfig"] = "A" },
        };
        var after = before with { SecretFingerprints = new Dictionary<string, string> { ["kubeconfig"] = "B" } };

        var change = PreviewDiff.Compare(before, after);

        var diff = Assert.Single(change.Diffs);
        Assert.Equal(("kubeconfig", "[secret]", "[secret]"), (diff.Path, PreviewValues.Display(diff.Old), PreviewValues.Display(diff.New)));
        Assert.Equal(PreviewOp.Same, PreviewDiff.Compare(before, before).Op);
    }

    [Fact]
    public void A_new_provider_replaces_the_resource()
    {
        var change = PreviewDiff.Compare(
            Resource("kubernetes:core/v1:Namespace", "{}", provider: "urn:a"),
            Resource("kubernetes:core/v1:Namespace", "{}", provider: "urn:b"));

        Assert.Equal(PreviewOp.Replace, change.Op);
    }
}
