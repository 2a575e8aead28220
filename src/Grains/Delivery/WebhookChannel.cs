using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Reminders.Grains.Telemetry;

namespace Reminders.Grains.Delivery;

/// <summary>
/// POSTs the message as JSON (<c>{"email", "message", "key", "kind", "recipient", "localTime", "dueUtc"}</c>) with
/// an <c>Idempotency-Key</c> header and, when signing secrets are configured, the Standard Webhooks headers
/// <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c>. One call is one attempt: there is no
/// HTTP-level retry here, because the grain owns the durable retry loop. A client's own target goes through the
/// guarded client (<see cref="GuardedHttpClientName"/>, see <see cref="WebhookTargetGuard"/>); the operator's
/// configured targets through the trusted one. Neither follows redirects: a 3xx is the receiver's answer.
/// </summary>
public sealed class WebhookChannel : IDeliveryChannel
{
    /// <summary>The client for the operator's configured targets, trusted as given.</summary>
    public const string HttpClientName = "Reminders.Webhook";

    /// <summary>The client for client-supplied targets, whose connections go through <see cref="GuardedConnector"/>.</summary>
    public const string GuardedHttpClientName = "Reminders.Webhook.Guarded";

    public const string ChannelName = "webhook";

    private readonly IHttpClientFactory _httpClients;
    private readonly IOptionsMonitor<DeliveryOptions> _options;
    private readonly IDefaultWebhookUrlProvider? _defaultUrl;
    private readonly WebhookSigner _signer;
    private readonly TargetGates _gates;

    public WebhookChannel(
        IHttpClientFactory httpClients,
        IOptionsMonitor<DeliveryOptions> options,
        IEnumerable<IDefaultWebhookUrlProvider> defaultUrls,
        WebhookSigner signer,
        TargetGates gates)
    {
        _httpClients = httpClients;
        _options = options;
        _signer = signer;
        _gates = gates;
        _defaultUrl = defaultUrls.LastOrDefault();
    }

    public string Name => ChannelName;

    public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target ?? _options.CurrentValue.WebhookUrl ?? _defaultUrl?.GetDefaultWebhookUrl();
        if (target is null)
        {
            return DeliveryResult.Failure(null, "no webhook target is configured yet (Reminders:Delivery:WebhookUrl)");
        }

        try
        {
            // The attempt's deadline is real elapsed time (see TargetGate): a clock that travels in tests or
            // demos must not cut off a request that is still on the wire.
            return await _gates.For(target).SendAsync(
                async ct => await PostAsync(target, request.Target is not null && request.TargetFromClient, request, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return DeliveryResult.Unknown($"timed out after {_options.CurrentValue.AttemptTimeout}");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            // Nothing reached the receiver.
            return DeliveryResult.Failure(null, $"could not connect: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Unknown($"request failed: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Unknown("request was cancelled");
        }
    }

    private async Task<DeliveryResult> PostAsync(Uri target, bool clientTarget, DeliveryRequest request, CancellationToken cancellationToken)
    {
        // The signature covers bytes, not a JSON value: serialize once and send exactly what was signed.
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(request), JsonSerializerOptions.Web);
        using var message = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json", "utf-8") } },
        };
        message.Headers.Add("Idempotency-Key", request.IdempotencyKey);

        // Signed per attempt, so a retry carries the time it was sent, as the receiver's replay window expects.
        if (_signer.Sign(request.IdempotencyKey, body) is { } signature)
        {
            message.Headers.Add(WebhookSignature.IdHeader, signature.Id);
            message.Headers.Add(WebhookSignature.TimestampHeader, signature.Timestamp);
            message.Headers.Add(WebhookSignature.SignatureHeader, signature.Signature);
        }

        // The attempt's span is current here (HttpClient sends its traceparent); this is where the wire is known.
        var attempt = DeliveryTracing.CurrentAttempt();
        attempt?.HttpRequest(message.Method, target);
        HttpResponseMessage response;
        try
        {
            response = await _httpClients.CreateClient(clientTarget ? GuardedHttpClientName : HttpClientName)
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is TargetRefusedException refused)
        {
            // Nothing was sent, and asking again gets the same answer: dead-letter rather than retry for days. Returned
            // as a result, not thrown, so it does not count against the host's circuit either.
            attempt?.HttpFailure(refused);
            return DeliveryResult.Failure(null, refused.Message) with { Permanent = true };
        }
        catch (Exception ex)
        {
            attempt?.HttpFailure(ex);
            throw;
        }

        using (response)
        {
            attempt?.HttpResponse(response.StatusCode);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Success(status);
            }

            return DeliveryResult.Failure(status, ReceiverAnswers.Storable($"receiver answered {status} {response.ReasonPhrase}")) with
            {
                Permanent = ReceiverAnswers.IsPermanent(status),
                // An HTTP-date is the receiver's wall clock, so it is read against ours, not the service clock.
                RetryAfter = ReceiverAnswers.RetryAfter(status, response.Headers.RetryAfter, TimeProvider.System.GetUtcNow()),
                ResponseBody = await ReceiverAnswers.ReadBodyStartAsync(response.Content, cancellationToken).ConfigureAwait(false),
            };
        }
    }
}
