using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Reminders.Silo.Hosting;

/// <summary>Cluster identity and endpoints, shared by the API silo and worker silos. Bound from <c>Reminders:Cluster</c>.</summary>
public sealed class RemindersClusterOptions : IValidatableObject
{
    public const string SectionName = "Reminders:Cluster";

    /// <summary>Which cluster this silo joins; membership rows are keyed by it.</summary>
    /// <value>The default is <c>reminders</c>.</value>
    [Required]
    public string ClusterId { get; set; } = "reminders";

    /// <summary>The application's identity; grain state and reminder rows are keyed by it, so keep it stable forever.</summary>
    /// <value>The default is <c>reminders</c>.</value>
    [Required, MaxLength(150)]
    public string ServiceId { get; set; } = "reminders";

    /// <summary>The port silos talk to each other on.</summary>
    /// <value>The default is 11111.</value>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port external clients connect to; 0 turns the gateway off.</summary>
    /// <value>The default is 30000.</value>
    [Range(0, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// A worker silo's HTTP port for <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>, anonymous (for probes and
    /// scrapers on a private network); 0 turns it off. The API silo ignores it: it serves these on its own port.
    /// </summary>
    /// <value>The default is 0 (off), so that several silos on one host never clash; deployments set it, such as 8080.</value>
    [Range(0, 65535)]
    public int HttpPort { get; set; }

    /// <summary>The address other silos reach this one on.</summary>
    /// <value>The default is 127.0.0.1, for silos on one host; set the host's address to spread silos over machines.</value>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public IPAddress AdvertisedIPAddress => IPAddress.Parse(AdvertisedAddress);

    public static RemindersClusterOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<RemindersClusterOptions>() ?? new RemindersClusterOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedAddress, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            yield return new ValidationResult(
                $"{SectionName}:AdvertisedAddress must be a concrete IP address, not '{AdvertisedAddress}'.", [nameof(AdvertisedAddress)]);
        }
    }
}
