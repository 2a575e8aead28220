namespace Reminders.Deploy.Tests;

/// <summary>What <c>deploy/docker/Dockerfile</c> promises; building it needs an engine or buildah (see the README).</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines =
        File.ReadAllLines(Path.Combine(Tool.RepositoryRoot, "deploy", "docker", "Dockerfile"));

    [Fact]
    public void BaseImages_AreOfficialByDefault_AndOverridable()
    {
        Assert.Contains("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0", Lines);
        Assert.Contains("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0", Lines);
        Assert.Contains("FROM ${SDK_IMAGE} AS build", Lines);
        Assert.Contains("FROM ${RUNTIME_IMAGE} AS runtime", Lines);
    }

    [Fact]
    public void Targets_RunTheirSilo_AsANonRootUser()
    {
        Assert.Contains("FROM runtime AS api", Lines);
        Assert.Contains("FROM runtime AS worker", Lines);
        Assert.Contains("ENTRYPOINT [\"reminders-entrypoint\", \"dotnet\", \"Reminders.Api.dll\"]", Lines);
        Assert.Contains("ENTRYPOINT [\"reminders-entrypoint\", \"dotnet\", \"Reminders.Silo.dll\"]", Lines);
        Assert.Contains("USER 1654", Lines);
        Assert.DoesNotContain(Lines, line => line.StartsWith("USER root", StringComparison.Ordinal));
    }

    [Fact]
    public void HealthCheck_AsksTheLivenessEndpoint()
    {
        var at = Array.FindIndex(Lines, line => line.StartsWith("HEALTHCHECK", StringComparison.Ordinal));

        Assert.True(at >= 0, "no HEALTHCHECK");
        Assert.Contains("GET /health/live", Lines[at + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Entrypoint_IsCommittedExecutable()
    {
        // The mode in git, which is what a fresh checkout (and so the image's COPY) gets.
        var entry = Tool.Run("git", "ls-files", "--stage", "deploy/docker/entrypoint.sh").Succeeded();

        Assert.StartsWith("100755 ", entry, StringComparison.Ordinal);
    }
}
