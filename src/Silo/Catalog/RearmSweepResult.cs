namespace Reminders.Silo.Catalog;

/// <summary>What one re-arm sweep did: entities activated, activations that failed, and whether it reached the end.</summary>
public sealed record RearmSweepResult(int Checked, int Failed, bool Completed);
