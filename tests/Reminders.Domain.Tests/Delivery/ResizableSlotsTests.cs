using Reminders.Grains.Delivery;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>The in-flight slots a membership change resizes while attempts hold some.</summary>
public sealed class ResizableSlotsTests
{
    [Fact]
    public async Task Resize_Smaller_KeepsHeldSlots_AndAdmitsNoOneUntilBelowTheNewLimit()
    {
        var slots = new ResizableSlots(3);
        await slots.WaitAsync(CancellationToken.None);
        await slots.WaitAsync(CancellationToken.None);
        await slots.WaitAsync(CancellationToken.None);

        slots.Resize(1);
        var waiting = slots.WaitAsync(CancellationToken.None);
        slots.Release();
        slots.Release();
        Assert.False(waiting.IsCompleted); // one still held, the limit is one

        slots.Release();
        await waiting;
        Assert.Equal(1, slots.Held);
    }

    [Fact]
    public async Task Resize_Larger_AdmitsWaitersOldestFirst()
    {
        var slots = new ResizableSlots(1);
        await slots.WaitAsync(CancellationToken.None);
        var first = slots.WaitAsync(CancellationToken.None);
        var second = slots.WaitAsync(CancellationToken.None);
        var third = slots.WaitAsync(CancellationToken.None);

        slots.Resize(3);

        await Task.WhenAll(first, second);
        Assert.False(third.IsCompleted);
        Assert.Equal(3, slots.Held);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_LeavesTheQueue_AndTheSlotGoesToTheNext()
    {
        var slots = new ResizableSlots(1);
        await slots.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = slots.WaitAsync(cancel.Token);
        var next = slots.WaitAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        slots.Release();

        await next;
        Assert.Equal(1, slots.Held);
    }
}
