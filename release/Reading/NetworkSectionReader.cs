using System.Globalization;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>aws:region</c> and <c>network.*</c>.</summary>
internal static class NetworkSectionReader
{
    /// <summary><c>aws:region</c>, read with the rest so a typo is reported before anything is written.</summary>
    public static string? Region(ConfigText config)
    {
        var region = config.Raw(AwsRegions.ConfigKey);
        if (region is null)
        {
            config.Missing(AwsRegions.ConfigKey, "name the stack's AWS region, e.g. aws:region: eu-west-1");
            return null;
        }

        if (AwsRegions.Problem(region) is { } problem)
        {
            config.Add(AwsRegions.ConfigKey, region, problem);
            return null;
        }

        return region;
    }

    public static NetworkSettings? Network(ConfigText config, string? region)
    {
        var vpcId = config.Text(
            ConfigKeys.NetworkVpcId,
            AwsFormats.IsVpcId,
            "is not a VPC id",
            "use vpc- followed by 8 or 17 hexadecimal digits, e.g. vpc-0a1b2c3d4e5f60718",
            required: true);

        const string subnetsAllowed = "use a list of at least two subnet ids in different availability zones, " +
                                      "e.g. [\"subnet-0a1b2c3d4e5f60718\", \"subnet-1a2b3c4d5e6f70819\"]";
        var subnets = config.StringList(ConfigKeys.NetworkSubnetIds, null, subnetsAllowed);
        if (config.Raw(ConfigKeys.NetworkSubnetIds) is null)
        {
            config.Missing(ConfigKeys.NetworkSubnetIds, subnetsAllowed);
        }
        else if (subnets is not null)
        {
            var shown = ConfigText.Show(subnets);
            foreach (var bad in subnets.Where(id => !AwsFormats.IsSubnetId(id)))
            {
                config.Add(ConfigKeys.NetworkSubnetIds, $"{shown} has \"{bad}\" that", "is not a subnet id; use subnet- followed by 8 or 17 hexadecimal digits");
            }

            if (subnets.Distinct().Count() != subnets.Count)
            {
                config.Add(ConfigKeys.NetworkSubnetIds, shown, "repeats a subnet; list each subnet once");
            }
            else if (subnets.Count < 2)
            {
                config.Add(ConfigKeys.NetworkSubnetIds, shown, $"has fewer than two subnets; {subnetsAllowed}");
            }
        }

        // Every stack serves HTTPS (the listener the ramp moves is the HTTPS one), so every stack needs a
        // certificate: AWS refuses an HTTPS listener without one, and an empty ARN is never sent.
        var certificateArn = config.Raw(ConfigKeys.NetworkCertificateArn);
        if (string.IsNullOrWhiteSpace(certificateArn))
        {
            config.Missing(
                ConfigKeys.NetworkCertificateArn,
                "every stack serves HTTPS, so give the ACM certificate ARN of the listener (in the stack's aws:region), e.g. arn:aws:acm:eu-west-1:123456789012:certificate/<id>");
        }
        else if (Arn.CertificateProblem(certificateArn) is { } problem)
        {
            config.Add(ConfigKeys.NetworkCertificateArn, certificateArn, problem);
        }
        else if (region is not null && Arn.TryParse(certificateArn, out var certificate) && certificate.Region != region)
        {
            config.Add(
                ConfigKeys.NetworkCertificateArn,
                certificateArn,
                $"is in {certificate.Region}, but a load balancer can only use an ACM certificate of its own region ({AwsRegions.ConfigKey} {region}); request or import the certificate in {region}");
        }

        return vpcId is null || subnets is null || certificateArn is null || config.Failed(ConfigKeys.NetworkSubnetIds) ||
               config.Failed(ConfigKeys.NetworkCertificateArn)
            ? null
            : new NetworkSettings(vpcId, subnets, certificateArn);
    }
}
