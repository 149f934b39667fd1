namespace SchemaTasks.Tests.Infrastructure;

/// <summary>A Random whose NextDouble returns a chosen value: the jitter's edges without chance.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
