using System.Text.Json.Nodes;
using BlueGreen.Conformance.Models;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// The validator on the structure of aws-sdk v2's minified models (written here, so it runs without the package):
/// an operation's input inline, members inline (<c>type</c>/<c>members</c> instead of <c>shape</c>), a member
/// <c>{}</c> a string and a map's key and value strings (aws-sdk v2 lib/model/shape.js: Shape.create defaults the
/// type, MapShape its key and value), references to renamed shapes (<c>S5</c>) mixed in.
/// </summary>
public sealed class InlineShapeTests
{
    private const string Tiny = """
        {
          "metadata": {"serviceId": "Tiny", "uid": "tiny-2024-01-01", "apiVersion": "2024-01-01"},
          "operations": {
            "CreateThing": {"input": {"type": "structure", "required": ["Thing"], "members": {
              "Token": {},
              "Thing": {"type": "structure", "required": ["Name"], "members": {
                "Name": {},
                "Hours": {"type": "integer"},
                "Enabled": {"type": "boolean"},
                "Rules": {"type": "list", "member": {"type": "structure", "members": {"Key": {}, "Values": {"shape": "S5"}}}},
                "Labels": {"type": "map", "key": {}, "value": {}},
                "Notes": {"key": {}}
              }},
              "Window": {"shape": "S9"}
            }}}
          },
          "shapes": {
            "S5": {"type": "list", "member": {}},
            "S9": {"members": {"Days": {"type": "integer"}}}
          }
        }
        """;

    private static readonly ServiceModel Service = new("tiny", JsonNode.Parse(Tiny)!.AsObject(), "aws-sdk test", minified: true);

    private static IReadOnlyList<string> Validate(string request) =>
        new ShapeValidator(Service).Validate(JsonNode.Parse(request), Service.Input("CreateThing")!, "CreateThingInput");

    [Fact]
    public void A_request_that_matches_the_inline_shapes_has_no_problems()
    {
        Assert.Empty(Validate("""
            {"Token": "t-1", "Thing": {"Name": "a", "Hours": 24, "Enabled": true,
              "Rules": [{"Key": "k", "Values": ["x", "y"]}], "Labels": {"team": "shop"}, "Notes": {"n": "v"}},
             "Window": {"Days": 7}}
            """));
    }

    [Fact]
    public void Unknown_members_are_caught_at_every_depth_with_the_members_the_shape_has()
    {
        var problems = Validate("""{"Thing": {"Name": "a", "Colour": "blue", "Rules": [{"Key": "k", "Vals": []}]}, "Extra": 1}""");
        Assert.Equal(
            [
                "Thing.Colour: CreateThingInput.Thing has no member Colour (it has Name, Hours, Enabled, Rules, Labels, Notes)",
                "Thing.Rules[0].Vals: CreateThingInput.Thing.Rules member has no member Vals (it has Key, Values)",
                "Extra: CreateThingInput has no member Extra (it has Token, Thing, Window)",
            ],
            problems);
    }

    [Fact]
    public void Missing_required_members_are_caught_at_the_top_and_inside_an_inline_structure()
    {
        Assert.Equal(["Thing: required by CreateThingInput, missing"], Validate("""{"Token": "t"}"""));
        Assert.Equal(["Thing.Name: required by CreateThingInput.Thing, missing"], Validate("""{"Thing": {"Hours": 1}}"""));
    }

    [Fact]
    public void Types_are_checked_through_inline_members_lists_maps_and_referenced_shapes()
    {
        var problems = Validate("""
            {"Token": 5, "Thing": {"Name": "a", "Hours": "24", "Enabled": "yes",
              "Rules": [{"Key": "k", "Values": ["x", 3]}], "Labels": {"team": 1}, "Notes": ["n"]},
             "Window": {"Days": 1.5}}
            """);
        Assert.Equal(
            [
                "Token: the number 5 where tiny expects a string (CreateThingInput.Token)",
                "Thing.Hours: the string '24' where tiny expects a number (CreateThingInput.Thing.Hours)",
                "Thing.Enabled: the string 'yes' where tiny expects a boolean (CreateThingInput.Thing.Enabled)",
                "Thing.Rules[0].Values[1]: the number 3 where tiny expects a string (S5 member)",
                "Thing.Labels.team: the number 1 where tiny expects a string (CreateThingInput.Thing.Labels value)",
                "Thing.Notes: a list where tiny expects a map (CreateThingInput.Thing.Notes)",
                "Window.Days: 1.5 is not a whole number (S9.Days is integer)",
            ],
            problems);
        Assert.Equal(["Thing.Rules: an object where tiny expects a list (CreateThingInput.Thing.Rules)"], Validate("""{"Thing": {"Name": "a", "Rules": {}}}"""));
    }

    [Theory]
    [InlineData("{}", "string")]
    [InlineData("""{"members": {}}""", "structure")]
    [InlineData("""{"member": {}}""", "list")]
    [InlineData("""{"key": {}}""", "map")]
    [InlineData("""{"type": "timestamp"}""", "timestamp")]
    public void A_shape_without_a_type_gets_the_one_aws_sdk_gives_it(string shape, string type) =>
        Assert.Equal(type, ShapeValidator.TypeOf(JsonNode.Parse(shape)!.AsObject()));

    [Fact]
    public void A_reference_to_a_shape_the_model_lacks_is_reported()
    {
        var service = new ServiceModel("tiny", JsonNode.Parse("""{"operations": {"Op": {"input": {"type": "structure", "members": {"A": {"shape": "S404"}}}}}}""")!.AsObject());
        Assert.Equal(["A: the model has no shape S404"], new ShapeValidator(service).Validate(JsonNode.Parse("""{"A": "x"}"""), service.Input("Op")!, "OpInput"));
    }
}
