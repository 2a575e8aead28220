using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Reminders.Deploy.Tests;

/// <summary>
/// The manifests set the hosts' shutdown budget with the generic host's own key, <c>shutdownTimeoutSeconds</c>,
/// and size the container's stop timeout above it: this pins that the key does what they assume.
/// </summary>
public sealed class ShutdownTimeoutTests
{
    [Fact]
    public void ShutdownTimeoutSeconds_FromConfiguration_SetsHostOptions()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        builder.Configuration.AddInMemoryCollection([new("shutdownTimeoutSeconds", "30")]);

        using var host = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(30), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void ShutdownTimeoutSeconds_FromConfiguration_SetsTheWebHostsToo()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("shutdownTimeoutSeconds", "17")]);

        using var app = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(17), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
