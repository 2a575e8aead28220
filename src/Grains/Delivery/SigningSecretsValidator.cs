using Microsoft.Extensions.Options;

namespace Reminders.Grains.Delivery;

/// <summary>
/// Refuses a signing secret that is not <c>whsec_</c> and the base64 of at least 24 bytes, naming its key and never
/// echoing the value, since the message ends up in logs.
/// </summary>
public sealed class SigningSecretsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.SigningSecrets
            .Select((secret, i) => (secret, i))
            .Where(s => !WebhookSigner.TryDecodeSecret(s.secret, out _))
            .Select(s => $"{DeliveryOptions.SectionName}:SigningSecrets:{s.i} must be \"{WebhookSigner.SecretPrefix}\" followed by the base64 " +
                $"of at least {WebhookSigner.MinimumKeyBytes} random bytes, such as the output of: echo whsec_$(openssl rand -base64 32)")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
