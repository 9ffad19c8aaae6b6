using System.Globalization;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>environment</c>, <c>app.*</c> and <c>kubernetes.*</c>.</summary>
internal static class AppSectionReader
{
    /// <summary><c>app.*</c>: the section, or null with its problems recorded, and the app name alone (the
    /// Kubernetes namespace defaults to it even when another app key is wrong).</summary>
    public static (AppSettings? App, string? Name) App(ConfigText config)
    {
        var appName = config.Text(
            ConfigKeys.AppName,
            NameFormats.IsAppName,
            "is not a valid app name",
            $"use 1–{NameFormats.MaxAppNameLength} lowercase letters, digits and '-', starting with a letter and not ending with '-' " +
            "(it prefixes AWS names limited to 32 characters)",
            required: true);
        var imageRepository = config.Text(
            ConfigKeys.AppImageRepository,
            ImageFormats.IsRepository,
            "is not an image repository",
            "use a lowercase repository without a tag or digest, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop " +
            "(the tag goes in blue.imageTag / green.imageTag)",
            required: true);
        var port = config.Int(ConfigKeys.AppPort, AppSettings.DefaultPort, 1, 65535, "use a TCP port from 1 to 65535");
        var healthPath = config.Text(
            ConfigKeys.AppHealthPath,
            NameFormats.IsHealthPath,
            "is not a health-check path",
            "use a path starting with '/', without spaces, at most 1024 characters, e.g. /healthz",
            AppSettings.DefaultHealthPath);
        var app = appName is null || imageRepository is null || port is null || healthPath is null
            ? null
            : new AppSettings(appName, imageRepository, port.Value, healthPath);
        return (app, appName);
    }

    /// <summary><c>kubernetes.*</c>; the namespace defaults to the app name.</summary>
    public static KubernetesSettings? Kubernetes(ConfigText config, string? appName)
    {
        var kubernetesNamespace = config.Text(
            ConfigKeys.KubernetesNamespace,
            NameFormats.IsDnsLabel,
            "is not a Kubernetes namespace name",
            "use 1–63 lowercase letters, digits and '-', starting and ending with a letter or digit; defaults to app.name",
            appName);
        var kubernetesContext = config.Text(
            ConfigKeys.KubernetesContext,
            c => !c.Any(char.IsWhiteSpace),
            "is not a kubeconfig context name",
            "use the context name without spaces, or leave it unset for the kubeconfig's current context");
        var kubeconfig = config.Raw(ConfigKeys.KubernetesKubeconfig);
        return kubernetesNamespace is null || config.Failed(ConfigKeys.KubernetesContext)
            ? null
            : new KubernetesSettings(kubernetesNamespace, kubernetesContext, kubeconfig);
    }

    public static StackEnvironment? Environment(ConfigText config, string stackName)
    {
        const string allowed = "use prod or staging (prod turns on the prod-only rules and deletion protection)";
        var raw = config.Raw(ConfigKeys.Environment);
        if (raw is null)
        {
            config.Missing(ConfigKeys.Environment, allowed);
            return null;
        }

        StackEnvironment? environment = raw switch
        {
            "prod" => StackEnvironment.Prod,
            "staging" => StackEnvironment.Staging,
            _ => null,
        };
        if (environment is null)
        {
            config.Add(ConfigKeys.Environment, raw, $"is not a known stack kind; {allowed}");
            return null;
        }

        var nameParts = stackName.ToLowerInvariant().Split(['-', '_', '.', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (environment == StackEnvironment.Staging && nameParts.Any(p => p is "prod" or "production"))
        {
            config.Add(
                ConfigKeys.Environment,
                raw,
                $"contradicts the stack name '{stackName}'; a stack whose name has a 'prod' part must say prod " +
                "(the environment comes from this key; the name is only a cross-check)");
            return null;
        }

        return environment;
    }
}
