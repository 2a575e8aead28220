namespace Reminders.Grains.Delivery;

/// <summary>The one rule for a webhook target, wherever it comes from: an absolute http(s) URL with no credentials in it.</summary>
public static class WebhookTargets
{
    /// <summary>Why <paramref name="url"/> cannot be a target, or null when it can.</summary>
    public static string? Problem(Uri url) =>
        !url.IsAbsoluteUri || url.Scheme is not ("http" or "https") ? "must be an absolute http or https URL."
        : url.UserInfo.Length > 0 ? "must not carry credentials (user:password@); use signing or a header-based secret at the receiver."
        : null;
}
