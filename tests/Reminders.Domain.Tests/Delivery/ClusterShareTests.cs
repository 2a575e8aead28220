using Reminders.Grains.Delivery;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>Each silo's part of a cluster-wide budget: the parts add up to the budget, and none is below one.</summary>
public sealed class ClusterShareTests
{
    [Theory]
    [InlineData(20, 3, new[] { 7, 7, 6 })]
    [InlineData(4, 3, new[] { 2, 1, 1 })]
    [InlineData(200, 1, new[] { 200 })]
    [InlineData(2000, 7, new[] { 286, 286, 286, 286, 286, 285, 285 })]
    public void Of_SplitsTheBudgetByPlace_RemainderToTheFirst(int budget, int silos, int[] parts) =>
        Assert.Equal(parts, Enumerable.Range(0, silos).Select(i => new ClusterShare.Portion(i, silos).Of(budget)));

    [Fact]
    public void Of_MoreSilosThanTheBudget_GivesEachOne() =>
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(1, new ClusterShare.Portion(i, 5).Of(2)));
}
